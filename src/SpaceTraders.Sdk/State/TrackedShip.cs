using System.Numerics;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// The one tracked instance of a ship: its parts as the API last reported them, which parts changed since a
/// store last wrote them, and time-aware answers computed from them without a request.
/// </summary>
/// <remarks>
/// <para>
/// Responses are merged through <see cref="AgentState"/>'s <c>Apply</c> methods. Each part carries the version at
/// which its value last really changed: a response that repeats what is known changes nothing and marks nothing.
/// A store reads <see cref="GetChanges"/>, writes those parts, then calls <see cref="MarkClean(ShipChanges)"/>; a
/// change that lands while it writes has a higher version and stays dirty.
/// </para>
/// <para>
/// Thread-safe for one writer per ship and any number of readers (concurrent writers are safe too, only
/// serialised): <see cref="Current"/> is an immutable snapshot swapped atomically, so a reader always sees a
/// consistent set of parts. Time comes from the <see cref="TimeProvider"/> of the <see cref="AgentState"/>.
/// </para>
/// </remarks>
public sealed class TrackedShip
{
    private readonly TimeProvider _clock;
    private readonly FlightRules _rules;
    private readonly AgentState? _owner;
    private State _state;
    private volatile bool _scrapped;

    internal TrackedShip(string symbol, TimeProvider clock, FlightRules rules, AgentState? owner = null)
    {
        Symbol = symbol;
        _clock = clock;
        _rules = rules;
        _owner = owner;
        _state = new State(new ShipSnapshot(symbol), default);
    }

    /// <summary>
    /// Raised after a merge changed at least one part, on the thread that merged. Handlers should be short and
    /// must not throw (an exception reaches the code that applied the response).
    /// </summary>
    public event EventHandler<ShipChangedEventArgs>? Changed;

    /// <summary>Gets the ship's symbol.</summary>
    public string Symbol { get; }

    /// <summary>Gets the latest snapshot of every known part.</summary>
    public ShipSnapshot Current => Read().Snapshot;

    /// <summary>Gets the ship's version: it grows by one with every change.</summary>
    public long Version => Read().Snapshot.Version;

    /// <summary>Gets the parts that changed since a store last marked them clean.</summary>
    public ShipParts DirtyParts => Read().Dirty;

    /// <summary>Gets a value indicating whether any part changed since a store last marked it clean.</summary>
    public bool IsDirty => Read().Dirty != ShipParts.None;

    /// <summary>Gets a value indicating whether the ship was scrapped (it is no longer in <see cref="AgentState.Ships"/>).</summary>
    public bool IsScrapped => _scrapped;

    /// <summary>Gets the time left on the reactor cooldown; <see cref="TimeSpan.Zero"/> when none is running or none is known.</summary>
    public TimeSpan CooldownRemaining
    {
        get
        {
            var now = _clock.GetUtcNow();
            return Read().Snapshot.Cooldown?.Expiration is { } expiration && expiration > now ? expiration - now : TimeSpan.Zero;
        }
    }

    /// <summary>Gets a value indicating whether the reactor cooldown is still running.</summary>
    public bool IsOnCooldown => CooldownRemaining > TimeSpan.Zero;

    /// <summary>Gets when the reactor cooldown ends, or <see langword="null"/> when none is running.</summary>
    public DateTimeOffset? CooldownExpiration =>
        Read().Snapshot.Cooldown?.Expiration is { } expiration && expiration > _clock.GetUtcNow() ? expiration : null;

    /// <summary>
    /// Gets a value indicating whether the ship is flying: its status is IN_TRANSIT and the arrival is still ahead.
    /// Once the arrival has passed the ship counts as arrived (in orbit at the destination), without a request.
    /// </summary>
    public bool IsInTransit =>
        Read().Snapshot.Nav is { } nav && nav.Status == ShipNavStatus.InTransit && nav.Route.Arrival > _clock.GetUtcNow();

    /// <summary>Gets the time left until arrival; <see cref="TimeSpan.Zero"/> when not in transit.</summary>
    public TimeSpan TimeToArrival
    {
        get
        {
            var now = _clock.GetUtcNow();
            return Read().Snapshot.Nav is { } nav && nav.Status == ShipNavStatus.InTransit && nav.Route.Arrival > now
                ? nav.Route.Arrival - now
                : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// Gets the navigation status as it is now: IN_TRANSIT becomes IN_ORBIT once the arrival has passed (ships
    /// arrive in orbit). <see langword="null"/> when the nav is unknown.
    /// </summary>
    public ShipNavStatus? Status =>
        Read().Snapshot.Nav is not { } nav
            ? (ShipNavStatus?)null
            : nav.Status == ShipNavStatus.InTransit && nav.Route.Arrival <= _clock.GetUtcNow() ? ShipNavStatus.InOrbit : nav.Status;

    /// <summary>Gets the waypoint the ship is at, or flying to; <see langword="null"/> when the nav is unknown.</summary>
    public string? WaypointSymbol => Read().Snapshot.Nav?.WaypointSymbol;

    /// <summary>Gets the free cargo space in units; 0 when the cargo is unknown.</summary>
    public int CargoFree => Read().Snapshot.Cargo is { } cargo ? Math.Max(0, cargo.Capacity - cargo.Units) : 0;

    /// <summary>Gets the units of a good in the hold; 0 when none or when the cargo is unknown.</summary>
    /// <param name="good">The good.</param>
    /// <returns>The units held.</returns>
    public int CargoUnitsOf(TradeSymbol good)
    {
        var inventory = Read().Snapshot.Cargo?.Inventory;
        if (inventory is null)
        {
            return 0;
        }

        var units = 0;
        foreach (var item in inventory)
        {
            if (item.Symbol == good)
            {
                units += item.Units;
            }
        }

        return units;
    }

    /// <summary>
    /// Gets the fuel a hop from the ship's current (or next) waypoint to a point in the same system needs, by
    /// <see cref="FlightRules.FuelCost"/>; 0 for a probe.
    /// </summary>
    /// <param name="x">The destination's x.</param>
    /// <param name="y">The destination's y.</param>
    /// <param name="mode">The flight mode, or <see langword="null"/> for the ship's current one. The default value is <see langword="null"/>.</param>
    /// <returns>The fuel units.</returns>
    /// <exception cref="InvalidOperationException">The ship's nav or fuel is unknown.</exception>
    public int FuelNeededFor(int x, int y, ShipNavFlightMode? mode = null)
    {
        var (nav, fuel) = NavAndFuel();
        var from = nav.Route.Destination;
        return _rules.FuelCost(FlightRules.Distance(from.X, from.Y, x, y), mode ?? nav.FlightMode, fuel.Capacity);
    }

    /// <summary>Gets the fuel a hop to another waypoint of the same system needs; 0 for a probe.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="mode">The flight mode, or <see langword="null"/> for the ship's current one. The default value is <see langword="null"/>.</param>
    /// <returns>The fuel units.</returns>
    /// <exception cref="InvalidOperationException">The ship's nav or fuel is unknown.</exception>
    public int FuelNeededFor(WaypointPosition destination, ShipNavFlightMode? mode = null) => FuelNeededFor(destination.X, destination.Y, mode);

    /// <summary>Gets a value indicating whether the ship has the fuel for a hop to another waypoint of the same system.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="mode">The flight mode, or <see langword="null"/> for the ship's current one. The default value is <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if the fuel in the tank covers the hop.</returns>
    /// <exception cref="InvalidOperationException">The ship's nav or fuel is unknown.</exception>
    public bool CanReach(WaypointPosition destination, ShipNavFlightMode? mode = null) =>
        FuelNeededFor(destination, mode) <= NavAndFuel().Fuel.Current;

    /// <summary>Gets how long a hop to another waypoint of the same system takes, by <see cref="FlightRules.NavigateSeconds"/>.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="mode">The flight mode, or <see langword="null"/> for the ship's current one. The default value is <see langword="null"/>.</param>
    /// <returns>The flight's duration.</returns>
    /// <exception cref="InvalidOperationException">The ship's nav or engine is unknown.</exception>
    public TimeSpan TravelTimeTo(WaypointPosition destination, ShipNavFlightMode? mode = null)
    {
        var snapshot = Read().Snapshot;
        var nav = snapshot.Nav ?? throw Unknown("nav");
        var engine = snapshot.Engine ?? throw Unknown("engine");
        var from = nav.Route.Destination;
        var distance = FlightRules.Distance(from.X, from.Y, destination.X, destination.Y);
        return TimeSpan.FromSeconds(_rules.NavigateSeconds(distance, engine.Speed, mode ?? nav.FlightMode));
    }

    /// <summary>
    /// Gets the parts to write: the dirty parts and the snapshot holding their values, or <see langword="null"/>
    /// when nothing is dirty.
    /// </summary>
    /// <returns>The changes, to pass to <see cref="MarkClean(ShipChanges)"/> after a successful write.</returns>
    public ShipChanges? GetChanges()
    {
        var state = Read();
        return state.Dirty == ShipParts.None ? null : new ShipChanges(Symbol, state.Dirty, state.Snapshot);
    }

    /// <summary>
    /// Marks the written parts clean up to the version that was written: a part that changed again meanwhile
    /// stays dirty.
    /// </summary>
    /// <param name="written">What <see cref="GetChanges"/> returned and the store wrote.</param>
    public void MarkClean(ShipChanges written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (!string.Equals(written.ShipSymbol, Symbol, StringComparison.Ordinal))
        {
            throw new ArgumentException($"These changes are for {written.ShipSymbol}, not {Symbol}.", nameof(written));
        }

        MarkClean(written.Parts, written.Snapshot.Version);
    }

    /// <summary>Marks parts clean up to a version: a part whose value changed after that version stays dirty.</summary>
    /// <param name="parts">The parts written.</param>
    /// <param name="upToVersion">The <see cref="ShipSnapshot.Version"/> of the snapshot the values were taken from.</param>
    public void MarkClean(ShipParts parts, long upToVersion)
    {
        while (true)
        {
            var state = Read();
            var clean = state.Clean;
            var limit = Math.Min(upToVersion, state.Snapshot.Version);
            for (var bits = (int)(parts & ShipParts.All); bits != 0; bits &= bits - 1)
            {
                var i = BitOperations.TrailingZeroCount(bits);
                clean[i] = Math.Max(clean[i], limit);
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, new State(state.Snapshot, clean), state), state))
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Symbol} v{Version}{(IsDirty ? $" dirty: {DirtyParts}" : string.Empty)}";

    internal ShipParts Apply(in ShipUpdate update)
    {
        var now = _clock.GetUtcNow();
        while (true)
        {
            var state = Read();
            var next = state.Snapshot.With(update, now, out var changed);
            if (ReferenceEquals(next, state.Snapshot))
            {
                return ShipParts.None;
            }

            if (!ReferenceEquals(Interlocked.CompareExchange(ref _state, new State(next, state.Clean), state), state))
            {
                continue;
            }

            var handler = Changed;
            if (changed != ShipParts.None && (handler is not null || _owner?.HasShipChangedHandlers == true))
            {
                var args = new ShipChangedEventArgs(Symbol, changed, next);
                handler?.Invoke(this, args);
                _owner?.RaiseShipChanged(this, args);
            }

            return changed;
        }
    }

    internal void MarkScrapped() => _scrapped = true;

    private State Read() => Volatile.Read(ref _state);

    private (ShipNav Nav, ShipFuel Fuel) NavAndFuel()
    {
        var snapshot = Read().Snapshot;
        return (snapshot.Nav ?? throw Unknown("nav"), snapshot.Fuel ?? throw Unknown("fuel"));
    }

    private InvalidOperationException Unknown(string part) =>
        new($"The {part} of {Symbol} is not known yet: apply a response that carries it (for example GET /my/ships/{Symbol}).");

    /// <summary>A snapshot and the versions up to which each part was written, swapped together.</summary>
    private sealed class State
    {
        public State(ShipSnapshot snapshot, ShipSnapshot.PartVersions clean)
        {
            Snapshot = snapshot;
            Clean = clean;
            var dirty = ShipParts.None;
            for (var i = 0; i < ShipSnapshot.PartCount; i++)
            {
                if (snapshot.GetVersionAt(i) > clean[i])
                {
                    dirty |= (ShipParts)(1 << i);
                }
            }

            Dirty = dirty;
        }

        public ShipSnapshot Snapshot { get; }

        public ShipSnapshot.PartVersions Clean { get; }

        public ShipParts Dirty { get; }
    }
}

/// <summary>The parts of a ship a store should write, from <see cref="TrackedShip.GetChanges"/>.</summary>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="Parts">The dirty parts.</param>
/// <param name="Snapshot">The snapshot holding their values (and every other known part).</param>
public sealed record ShipChanges(string ShipSymbol, ShipParts Parts, ShipSnapshot Snapshot);

/// <summary>Describes a change of a <see cref="TrackedShip"/>.</summary>
public sealed class ShipChangedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="ShipChangedEventArgs"/> class.</summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="parts">The parts whose values changed.</param>
    /// <param name="snapshot">The snapshot after the change.</param>
    public ShipChangedEventArgs(string shipSymbol, ShipParts parts, ShipSnapshot snapshot)
    {
        ShipSymbol = shipSymbol;
        Parts = parts;
        Snapshot = snapshot;
    }

    /// <summary>Gets the ship.</summary>
    public string ShipSymbol { get; }

    /// <summary>Gets the parts whose values changed.</summary>
    public ShipParts Parts { get; }

    /// <summary>Gets the snapshot after the change.</summary>
    public ShipSnapshot Snapshot { get; }
}
