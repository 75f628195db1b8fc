namespace SpaceTraders.Sdk.Tests.Throttling;

/// <summary>
/// An independent model of the SpaceTraders server's accounting (FACTS.md §3), written from the rule text
/// rather than from the limiter's code: each scope keeps the instants at which its two pools were first used
/// and counts the requests inside each pool's current window. Used to check any release schedule.
/// </summary>
internal sealed class ServerRateLimitModel(int staticPoints = 2, double staticSeconds = 1, int burstPoints = 30, double burstSeconds = 60)
{
    private readonly Dictionary<string, Scope> _scopes = [];

    public int Accepted { get; private set; }

    public List<string> Violations { get; } = [];

    /// <summary>Counts a request arriving at <paramref name="at"/> against each named scope; records a violation if the server would answer 429.</summary>
    public bool Arrive(DateTimeOffset at, params string[] scopes)
    {
        var all = scopes.Select(s => _scopes.TryGetValue(s, out var x) ? x : _scopes[s] = new Scope()).ToArray();
        foreach (var scope in all)
        {
            scope.Expire(at, staticSeconds, burstSeconds);
        }

        if (all.Any(s => s.StaticCount >= staticPoints && s.BurstCount >= burstPoints))
        {
            Violations.Add($"{at:O} over the limit of {string.Join(",", scopes)}");
            return false;
        }

        foreach (var scope in all)
        {
            if (scope.StaticCount < staticPoints)
            {
                scope.StaticStart ??= at;
                scope.StaticCount++;
            }
            else
            {
                scope.BurstStart ??= at;
                scope.BurstCount++;
            }
        }

        Accepted++;
        return true;
    }

    private sealed class Scope
    {
        public DateTimeOffset? StaticStart { get; set; }

        public int StaticCount { get; set; }

        public DateTimeOffset? BurstStart { get; set; }

        public int BurstCount { get; set; }

        public void Expire(DateTimeOffset at, double staticSeconds, double burstSeconds)
        {
            if (StaticStart is { } s && at >= s.AddSeconds(staticSeconds))
            {
                StaticStart = null;
                StaticCount = 0;
            }

            if (BurstStart is { } b && at >= b.AddSeconds(burstSeconds))
            {
                BurstStart = null;
                BurstCount = 0;
            }
        }
    }
}
