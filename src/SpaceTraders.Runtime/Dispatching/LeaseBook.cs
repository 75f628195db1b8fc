using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// The ship leases this node holds. Ship actors renew their own leases while they run; the book is for the one
/// renewal that must come first when the store's database answers again after an outage: the store runs
/// <see cref="RenewAllAsync"/> (registered with <see cref="IShipLeases.RegisterLeaseKeeper"/>) before it writes the
/// records queued meanwhile, so no other node can take a lease that lapsed during the outage while this node drains.
/// </summary>
/// <remarks>Thread-safe: ship actors hold and drop leases; the store's writer renews them from its own thread.</remarks>
internal sealed class LeaseBook
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ShipRunner> _held = new(StringComparer.Ordinal);
    private readonly IShipLeases _leases;
    private readonly string _owner;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _clock;
    private readonly Func<bool> _killed;

    /// <summary>Initializes a new instance of the <see cref="LeaseBook"/> class.</summary>
    /// <param name="leases">The store's leases.</param>
    /// <param name="owner">This node's id.</param>
    /// <param name="duration">How long a renewed lease lasts.</param>
    /// <param name="clock">The runtime's clock.</param>
    /// <param name="killed">Whether the runtime was killed (a killed node renews nothing).</param>
    public LeaseBook(IShipLeases leases, string owner, TimeSpan duration, TimeProvider clock, Func<bool> killed)
    {
        _leases = leases;
        _owner = owner;
        _duration = duration;
        _clock = clock;
        _killed = killed;
    }

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

    /// <summary>Records that <paramref name="runner"/>'s ship is leased to this node.</summary>
    public void Hold(ShipRunner runner)
    {
        lock (_gate)
        {
            _held[runner.Symbol] = runner;
        }
    }

    /// <summary>Records that the ship's lease was released or lost.</summary>
    public void Drop(string shipSymbol)
    {
        lock (_gate)
        {
            _held.Remove(shipSymbol);
        }
    }

    /// <summary>
    /// Renews every lease held, in one call, on the runtime's clock. A ship whose lease another node holds now is told
    /// at once, so that its actor stops the ship without waiting for its next renewal. Throws when the store is away.
    /// </summary>
    /// <param name="cancellationToken">Cancels the renewal.</param>
    /// <returns>A task that completes when the leases are renewed.</returns>
    public async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        if (_killed())
        {
            return;
        }

        ShipRunner[] held;
        lock (_gate)
        {
            held = [.. _held.Values];
        }

        if (held.Length == 0)
        {
            return;
        }

        var renewed = await _leases.RenewLeasesAsync(
            [.. held.Select(r => r.Symbol)],
            _owner,
            _duration,
            _clock.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        var kept = renewed.ToHashSet(StringComparer.Ordinal);
        foreach (var runner in held)
        {
            if (!kept.Contains(runner.Symbol))
            {
                runner.CheckLeaseNow();
            }
        }
    }
}
