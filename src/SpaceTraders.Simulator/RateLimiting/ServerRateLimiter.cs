using System.Globalization;

namespace SpaceTraders.Simulator.RateLimiting;

/// <summary>
/// The game server's rate limiter: every request needs one point from its IP address's pools and, when it
/// carries an agent token, one from its account's pools. A rejected request takes nothing.
/// </summary>
internal sealed class ServerRateLimiter(RateLimitSettings settings, TimeProvider clock)
{
    /// <summary>The <c>type</c> of an IP-address rejection.</summary>
    public const string IpAddressType = "IP Address";

    /// <summary>The <c>type</c> of an account rejection.</summary>
    public const string AccountType = "Account";

    private readonly object _gate = new();
    private readonly Dictionary<string, RatePools> _ips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RatePools> _accounts = new(StringComparer.Ordinal);

    /// <summary>Gets the settings.</summary>
    public RateLimitSettings Settings => settings;

    /// <summary>Tries to take a point for a request.</summary>
    /// <param name="ip">The client's IP address.</param>
    /// <param name="account">The account (agent symbol), or <see langword="null"/> for anonymous requests.</param>
    /// <returns>The decision, with what the response headers need.</returns>
    public RateDecision TryAcquire(string ip, string? account)
    {
        var now = clock.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            var ipPools = Pools(_ips, ip, now);
            var accountPools = account is null ? null : Pools(_accounts, account, now);
            if (!ipPools.HasPoint)
            {
                return Reject(IpAddressType, ipPools, now);
            }

            if (accountPools is not null && !accountPools.HasPoint)
            {
                return Reject(AccountType, accountPools, now);
            }

            ipPools.Take(now);
            accountPools?.Take(now);

            // Report the scope with fewer burst points left: that one limits the client first.
            var tighter = accountPools is not null && accountPools.BurstRemaining < ipPools.BurstRemaining ? accountPools : ipPools;
            var type = ReferenceEquals(tighter, ipPools) ? IpAddressType : AccountType;
            var reset = tighter.BurstRefillAt ?? now;
            return new RateDecision(true, type, tighter.BurstRemaining, new DateTimeOffset(reset, TimeSpan.Zero), TimeSpan.Zero);
        }
    }

    /// <summary>Forgets every scope (a server reset, or tests).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _ips.Clear();
            _accounts.Clear();
        }
    }

    private static RateDecision Reject(string type, RatePools pools, long now)
    {
        var at = pools.NextPointAt;
        return new RateDecision(false, type, 0, new DateTimeOffset(at, TimeSpan.Zero), TimeSpan.FromTicks(at - now));
    }

    private RatePools Pools(Dictionary<string, RatePools> scopes, string key, long now)
    {
        if (!scopes.TryGetValue(key, out var pools))
        {
            if (scopes.Count > 10_000)
            {
                // Bound memory under many short-lived clients: drop scopes that are full again.
                foreach (var idle in scopes.Where(p => { p.Value.Refill(now); return p.Value.IsIdle; }).Select(p => p.Key).ToList())
                {
                    scopes.Remove(idle);
                }
            }

            pools = new RatePools(settings);
            scopes.Add(key, pools);
        }

        pools.Refill(now);
        return pools;
    }
}

/// <summary>A rate-limit decision.</summary>
/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="Type"><c>IP Address</c> or <c>Account</c>: the scope that rejected it, or the tighter scope.</param>
/// <param name="Remaining">Burst points left in that scope (0 on rejection).</param>
/// <param name="Reset">When that scope's points come back: the next free point on rejection, the burst refill otherwise.</param>
/// <param name="RetryAfter">How long until a point is free (rejections only).</param>
internal readonly record struct RateDecision(bool Allowed, string Type, int Remaining, DateTimeOffset Reset, TimeSpan RetryAfter)
{
    /// <summary>Gets <see cref="RetryAfter"/> in whole seconds, rounded up (the <c>Retry-After</c> header).</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);

    /// <summary>Gets <see cref="Reset"/> as ISO-8601 with milliseconds, like the real server.</summary>
    public string ResetText => Reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
