using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// The ship leases this node holds, and their renewal: one actor of the node (<see cref="RunAsync"/>) renews every
/// lease held in one store call (<see cref="IShipLeases.RenewLeasesAsync"/>) every renewal interval, instead of each
/// ship renewing its own. The same renewal runs first when the store's database answers again after an outage: the
/// store runs <see cref="RenewAllAsync"/> (registered with <see cref="IShipLeases.RegisterLeaseKeeper"/>) before it
/// writes the records queued meanwhile, so no other node can take a lease that lapsed during the outage while this node
/// drains.
/// </summary>
/// <remarks>
/// <para>
/// A ship whose lease a renewal did not extend (another node holds it now) is marked lost here and its actor is rung at
/// once (<see cref="ShipRunner.CheckLeaseNow"/>): it reads <see cref="IsLost"/> and stops its session as
/// <c>lease-lost</c>, with no store call of its own.
/// </para>
/// <para>
/// A renewal and a release are never in flight together (one gate): the store's renewal also takes again a lease its
/// owner released (a release whose answer was lost must not lose the lease), so a renewal racing a ship's release could
/// otherwise take the released lease back, and hold it from every other node until it lapsed.
/// </para>
/// <para>
/// The store being away is logged once per outage for the node (not per ship): a lease call that throws keeps the lease
/// as this node's, and the first lease call that succeeds afterwards logs that the store answers again.
/// </para>
/// <para>Thread-safe: ship actors hold, release and drop leases; the renewal runs on its own actor and on the store's writer.</para>
/// </remarks>
internal sealed partial class LeaseBook : IDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _calls = new(1, 1);
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly IShipLeases _leases;
    private readonly string _owner;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _clock;
    private readonly Func<bool> _killed;
    private readonly ILogger _logger;
    private int _storeAway;

    /// <summary>Initializes a new instance of the <see cref="LeaseBook"/> class.</summary>
    /// <param name="leases">The store's leases.</param>
    /// <param name="owner">This node's id.</param>
    /// <param name="duration">How long a renewed lease lasts.</param>
    /// <param name="clock">The runtime's clock.</param>
    /// <param name="killed">Whether the runtime was killed (a killed node renews nothing).</param>
    /// <param name="logger">Where the store's going away and coming back are logged.</param>
    public LeaseBook(IShipLeases leases, string owner, TimeSpan duration, TimeProvider clock, Func<bool> killed, ILogger logger)
    {
        _leases = leases;
        _owner = owner;
        _duration = duration;
        _clock = clock;
        _killed = killed;
        _logger = logger;
        RenewInterval = duration / 3;
    }

    /// <summary>Gets how often the node renews its leases: a third of a lease, so a lease keeps two thirds of its time left while renewals succeed.</summary>
    public TimeSpan RenewInterval { get; }

    /// <summary>Gets how many leases the node holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _calls.Dispose();

    /// <summary>Records that <paramref name="runner"/>'s ship is leased to this node, as acquired at <paramref name="acquiredAt"/>.</summary>
    /// <param name="runner">The ship's actor.</param>
    /// <param name="acquiredAt">When the store granted the lease (for the full duration).</param>
    public void Hold(ShipRunner runner, DateTimeOffset acquiredAt)
    {
        lock (_gate)
        {
            _held[runner.Symbol] = new Held(runner, acquiredAt);
        }
    }

    /// <summary>Records that the ship's lease was released or lost.</summary>
    /// <param name="shipSymbol">The ship.</param>
    public void Drop(string shipSymbol)
    {
        lock (_gate)
        {
            _held.Remove(shipSymbol);
        }
    }

    /// <summary>Gets whether a renewal found another owner holding the ship's lease (the ship must stop).</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <returns><see langword="true"/> when the lease held is lost.</returns>
    public bool IsLost(string shipSymbol)
    {
        lock (_gate)
        {
            return _held.TryGetValue(shipSymbol, out var held) && held.Lost;
        }
    }

    /// <summary>
    /// Gets whether the ship's lease was granted or renewed at most one renewal interval before <paramref name="now"/>.
    /// Such a lease has at least two thirds of its duration left, the least a running ship's lease ever has between two
    /// renewals, and the node's next renewal comes before it falls lower.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="now">The runtime's clock now.</param>
    /// <returns><see langword="true"/> when held, not lost, and renewed recently enough.</returns>
    public bool IsFresh(string shipSymbol, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _held.TryGetValue(shipSymbol, out var held) && !held.Lost && now - held.RenewedAt <= RenewInterval;
        }
    }

    /// <summary>Renews one ship's lease (a session start whose lease was not renewed recently). Throws when the store is away.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="now">The runtime's clock now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when another owner holds the lease now.</returns>
    public async Task<bool> RenewOneAsync(string shipSymbol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var renewed = await Call(() => _leases.RenewLeaseAsync(shipSymbol, _owner, _duration, now, cancellationToken), shipSymbol).ConfigureAwait(false);
        if (renewed)
        {
            lock (_gate)
            {
                if (_held.TryGetValue(shipSymbol, out var held))
                {
                    held.RenewedAt = now;
                }
            }
        }

        return renewed;
    }

    /// <summary>Takes a ship's lease. Throws when the store is away.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="agentSymbol">The agent owning it.</param>
    /// <param name="now">The runtime's clock now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store's answer.</returns>
    public Task<LeaseResult> TryAcquireAsync(string shipSymbol, string agentSymbol, DateTimeOffset now, CancellationToken cancellationToken) =>
        Call(() => _leases.TryAcquireLeaseAsync(shipSymbol, agentSymbol, _owner, _duration, now, cancellationToken), shipSymbol);

    /// <summary>
    /// Gives the ship's lease back and forgets it, never while a renewal is in flight (that renewal could take the
    /// released lease again). Throws when the store is away: the lease is then still held.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    public async Task ReleaseAsync(string shipSymbol, CancellationToken cancellationToken)
    {
        await _calls.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Call(() => _leases.ReleaseLeaseAsync(shipSymbol, _owner, cancellationToken), shipSymbol).ConfigureAwait(false);
            Drop(shipSymbol);
        }
        finally
        {
            _calls.Release();
        }
    }

    /// <summary>
    /// The node's renewal actor: every renewal interval on the runtime's clock, renews every lease held in one call,
    /// until the runtime stops or is killed. A renewal that throws (the store is away) keeps the leases as the node's.
    /// </summary>
    /// <param name="bell">Rung at the runtime's stop and kill.</param>
    /// <param name="stopping">Whether the runtime is stopping (the ships release their leases themselves).</param>
    /// <returns>A task that completes when the runtime stops.</returns>
    public async Task RunAsync(Doorbell bell, Func<bool> stopping)
    {
        var next = _clock.GetUtcNow() + RenewInterval;
        while (!stopping() && !_killed())
        {
            await bell.WaitUntilAsync(next, CancellationToken.None).ConfigureAwait(false);
            var now = _clock.GetUtcNow();
            if (stopping() || _killed() || now < next)
            {
                continue;
            }

            try
            {
                await RenewAllAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The store is away: the leases are the node's however long that lasts (nobody else reaches them either).
            catch (Exception)
#pragma warning restore CA1031
            {
                // Logged once by Call; the next interval tries again, and the store's keeper renews first when it answers.
            }

            next = now + RenewInterval;
        }
    }

    /// <summary>
    /// Renews every lease held, in one call, on the runtime's clock. A ship whose lease another node holds now is marked
    /// lost and told at once, so that its actor stops the ship. Throws when the store is away.
    /// </summary>
    /// <param name="cancellationToken">Cancels the renewal.</param>
    /// <returns>A task that completes when the leases are renewed.</returns>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        if (_killed())
        {
            return;
        }

        await _calls.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RenewHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _calls.Release();
        }
    }

    private async Task RenewHeldAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<string, Held>[] held;
        lock (_gate)
        {
            held = [.. _held];
        }

        if (held.Length == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var renewed = await Call(() => _leases.RenewLeasesAsync([.. held.Select(h => h.Key)], _owner, _duration, now, cancellationToken), null).ConfigureAwait(false);
        var kept = renewed.ToHashSet(StringComparer.Ordinal);
        List<ShipRunner> lost = [];
        lock (_gate)
        {
            foreach (var (symbol, entry) in held)
            {
                // A lease released, lost or taken again meanwhile is another entry (or none): this answer is not about it.
                if (!_held.TryGetValue(symbol, out var current) || !ReferenceEquals(current, entry))
                {
                    continue;
                }

                if (kept.Contains(symbol))
                {
                    entry.RenewedAt = now;
                }
                else if (!entry.Lost)
                {
                    entry.Lost = true;
                    lost.Add(entry.Runner);
                }
            }
        }

        foreach (var runner in lost)
        {
            runner.CheckLeaseNow();
        }
    }

    /// <summary>Makes a lease call, logging the store's going away and coming back once per outage.</summary>
    private async Task<T> Call<T>(Func<Task<T>> call, string? shipSymbol)
    {
        T result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (Interlocked.Exchange(ref _storeAway, 1) == 0)
            {
                LogStoreAway(ex.Message, shipSymbol ?? "renewing every lease", Count);
            }

            throw;
        }

        if (Interlocked.Exchange(ref _storeAway, 0) == 1)
        {
            LogStoreBack(Count);
        }

        return result;
    }

    private async Task Call(Func<Task> call, string shipSymbol) =>
        await Call(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, shipSymbol).ConfigureAwait(false);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The store cannot be reached for leases ({Message}; {Call}); the node keeps the {Held} lease(s) it holds until it answers")]
    private partial void LogStoreAway(string message, string call, int held);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "The store answers lease calls again; the node holds {Held} lease(s)")]
    private partial void LogStoreBack(int held);

    /// <summary>A lease held: its ship's actor, when it was last granted or renewed, and whether a renewal found it lost. Guarded by the book's gate.</summary>
    private sealed class Held(ShipRunner runner, DateTimeOffset renewedAt)
    {
        public ShipRunner Runner { get; } = runner;

        public DateTimeOffset RenewedAt { get; set; } = renewedAt;

        public bool Lost { get; set; }
    }
}
