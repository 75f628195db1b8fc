using System.Numerics;
using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// Everything known about a ship at one moment: each part as last received, with the version at which it last
/// changed. Immutable; <see cref="TrackedShip.Current"/> swaps in a new snapshot when a part changes.
/// </summary>
/// <remarks>
/// A part is <see langword="null"/> until a response has carried it: a ship first seen through an action (say a
/// navigate) knows only the parts that action returned, until a full <see cref="Ship"/> arrives.
/// </remarks>
public sealed class ShipSnapshot
{
    internal const int PartCount = 11;

    private readonly PartVersions _versions;

    internal ShipSnapshot(string symbol)
    {
        Symbol = symbol;
        LastEvents = [];
    }

    private ShipSnapshot(ShipSnapshot previous, in PartVersions versions, long version)
    {
        Symbol = previous.Symbol;
        Registration = previous.Registration;
        Nav = previous.Nav;
        Crew = previous.Crew;
        Frame = previous.Frame;
        Reactor = previous.Reactor;
        Engine = previous.Engine;
        Modules = previous.Modules;
        Mounts = previous.Mounts;
        Cargo = previous.Cargo;
        Fuel = previous.Fuel;
        Cooldown = previous.Cooldown;
        LastEvents = previous.LastEvents;
        _versions = versions;
        Version = version;
    }

    /// <summary>Gets the ship's symbol.</summary>
    public string Symbol { get; }

    /// <summary>Gets the registration, or <see langword="null"/> until a full ship has been received.</summary>
    public ShipRegistration? Registration { get; private init; }

    /// <summary>Gets the navigation state, or <see langword="null"/> if never received.</summary>
    public ShipNav? Nav { get; private init; }

    /// <summary>Gets the crew, or <see langword="null"/> until a full ship has been received.</summary>
    public ShipCrew? Crew { get; private init; }

    /// <summary>Gets the frame, or <see langword="null"/> until a full ship has been received.</summary>
    public ShipFrame? Frame { get; private init; }

    /// <summary>Gets the reactor, or <see langword="null"/> until a full ship has been received.</summary>
    public ShipReactor? Reactor { get; private init; }

    /// <summary>Gets the engine, or <see langword="null"/> until a full ship has been received.</summary>
    public ShipEngine? Engine { get; private init; }

    /// <summary>Gets the installed modules, or <see langword="null"/> if never received.</summary>
    public IReadOnlyList<ShipModule>? Modules { get; private init; }

    /// <summary>Gets the installed mounts, or <see langword="null"/> if never received.</summary>
    public IReadOnlyList<ShipMount>? Mounts { get; private init; }

    /// <summary>Gets the cargo hold, or <see langword="null"/> if never received.</summary>
    /// <remarks>
    /// The inventory keeps the order in which the goods came aboard as this client saw them: a good already held keeps
    /// its place and a new one goes last (in the server's order when several arrive at once). The server does not
    /// promise an order, so this keeps code that walks the hold (selling it, delivering it) from doing so in another
    /// order each time the same hold is listed differently. Against a server that lists a hold in arrival order, as the
    /// simulator does, it is the server's order.
    /// </remarks>
    public ShipCargo? Cargo { get; private init; }

    /// <summary>Gets the fuel tank, or <see langword="null"/> if never received.</summary>
    public ShipFuel? Fuel { get; private init; }

    /// <summary>
    /// Gets the reactor cooldown, or <see langword="null"/> if never received. When the server sent only the
    /// seconds remaining, <see cref="Models.Cooldown.Expiration"/> was filled in from the time it was received.
    /// </summary>
    public Cooldown? Cooldown { get; private init; }

    /// <summary>
    /// Gets the condition events of the last response that carries events (navigate, warp, flight-mode change,
    /// extract, siphon): wear or damage to the frame, reactor or engine; empty when that action caused none. The new
    /// condition values arrive only with a full ship (<c>GET /my/ships/{shipSymbol}</c>). Events are not a part: a
    /// change of events alone bumps no version and marks nothing dirty.
    /// </summary>
    public IReadOnlyList<ShipConditionEvent> LastEvents { get; private init; }

    /// <summary>Gets the highest version of any part: it grows by one with every change of the ship.</summary>
    public long Version { get; }

    /// <summary>Gets the parts that have been received.</summary>
    public ShipParts KnownParts =>
        (Registration is null ? 0 : ShipParts.Registration) | (Nav is null ? 0 : ShipParts.Nav) | (Crew is null ? 0 : ShipParts.Crew)
        | (Frame is null ? 0 : ShipParts.Frame) | (Reactor is null ? 0 : ShipParts.Reactor) | (Engine is null ? 0 : ShipParts.Engine)
        | (Modules is null ? 0 : ShipParts.Modules) | (Mounts is null ? 0 : ShipParts.Mounts) | (Cargo is null ? 0 : ShipParts.Cargo)
        | (Fuel is null ? 0 : ShipParts.Fuel) | (Cooldown is null ? 0 : ShipParts.Cooldown);

    /// <summary>Gets a value indicating whether every part has been received, so that <see cref="ToShip"/> succeeds.</summary>
    public bool IsComplete => KnownParts == ShipParts.All;

    /// <summary>Gets the version at which a part last changed.</summary>
    /// <param name="part">One part (a single flag).</param>
    /// <returns>The version, or 0 if the part has never been received.</returns>
    public long GetVersion(ShipParts part) => _versions[IndexOf(part)];

    /// <summary>Builds the full ship from the parts.</summary>
    /// <returns>The ship, or <see langword="null"/> when some part has not been received (see <see cref="KnownParts"/>).</returns>
    public Ship? ToShip() =>
        IsComplete
            ? new Ship
            {
                Symbol = Symbol,
                Registration = Registration!,
                Nav = Nav!,
                Crew = Crew!,
                Frame = Frame!,
                Reactor = Reactor!,
                Engine = Engine!,
                Modules = Modules!,
                Mounts = Mounts!,
                Cargo = Cargo!,
                Fuel = Fuel!,
                Cooldown = Cooldown!,
            }
            : null;

    /// <inheritdoc />
    public override string ToString() => $"{Symbol} v{Version} ({KnownParts})";

    internal long GetVersionAt(int index) => _versions[index];

    internal static int IndexOf(ShipParts part)
    {
        var bits = (int)part;
        if (bits == 0 || (bits & (bits - 1)) != 0 || (part & ~ShipParts.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, "Name exactly one part.");
        }

        return BitOperations.TrailingZeroCount(bits);
    }

    /// <summary>Applies an update, returning the new snapshot and the parts that changed (none: the same snapshot).</summary>
    internal ShipSnapshot With(in ShipUpdate update, DateTimeOffset now, out ShipParts changed)
    {
        changed = ShipParts.None;
        var registration = Pick(Registration, update.Registration, ShipParts.Registration, ref changed);
        var nav = Pick(Nav, update.Nav, ShipParts.Nav, ref changed);
        var crew = Pick(Crew, update.Crew, ShipParts.Crew, ref changed);
        var frame = Pick(Frame, update.Frame, ShipParts.Frame, ref changed);
        var reactor = Pick(Reactor, update.Reactor, ShipParts.Reactor, ref changed);
        var engine = Pick(Engine, update.Engine, ShipParts.Engine, ref changed);
        var fuel = Pick(Fuel, update.Fuel, ShipParts.Fuel, ref changed);

        var modules = Modules;
        if (update.Modules is not null && !StructuralEquality.ModulesEquals(Modules, update.Modules))
        {
            modules = update.Modules;
            changed |= ShipParts.Modules;
        }

        var mounts = Mounts;
        if (update.Mounts is not null && !StructuralEquality.MountsEquals(Mounts, update.Mounts))
        {
            mounts = update.Mounts;
            changed |= ShipParts.Mounts;
        }

        var cargo = Cargo;
        if (update.Cargo is not null && !StructuralEquality.CargoEquals(Cargo, update.Cargo))
        {
            cargo = InArrivalOrder(Cargo, update.Cargo);
            changed |= ShipParts.Cargo;
        }

        var cooldown = Cooldown;
        if (update.Cooldown is not null)
        {
            var normalised = StructuralEquality.NormaliseCooldown(update.Cooldown, now);
            if (!StructuralEquality.CooldownEquals(Cooldown, normalised, now))
            {
                cooldown = normalised;
                changed |= ShipParts.Cooldown;
            }
        }

        var events = update.Events is not null && !StructuralEquality.EventsEquals(LastEvents, update.Events) ? update.Events : LastEvents;
        if (changed == ShipParts.None && ReferenceEquals(events, LastEvents))
        {
            return this;
        }

        var version = changed == ShipParts.None ? Version : Version + 1;
        var versions = _versions;
        for (var bits = (int)changed; bits != 0; bits &= bits - 1)
        {
            versions[BitOperations.TrailingZeroCount(bits)] = version;
        }

        return new ShipSnapshot(this, versions, version)
        {
            Registration = registration,
            Nav = nav,
            Crew = crew,
            Frame = frame,
            Reactor = reactor,
            Engine = engine,
            Modules = modules,
            Mounts = mounts,
            Cargo = cargo,
            Fuel = fuel,
            Cooldown = cooldown,
            LastEvents = events,
        };
    }

    /// <summary>The incoming hold with the goods already held in their former order first, then the new ones as sent.</summary>
    private static ShipCargo InArrivalOrder(ShipCargo? current, ShipCargo incoming)
    {
        if (current is null || current.Inventory.Count == 0 || incoming.Inventory.Count < 2)
        {
            return incoming;
        }

        var place = new Dictionary<TradeSymbol, int>(current.Inventory.Count);
        for (var i = 0; i < current.Inventory.Count; i++)
        {
            place.TryAdd(current.Inventory[i].Symbol, i);
        }

        // A stable sort: held goods by their former place, new goods after them in the order the server sent them.
        var ordered = incoming.Inventory
            .Select((item, index) => (Item: item, Key: place.TryGetValue(item.Symbol, out var at) ? at : current.Inventory.Count + index))
            .OrderBy(static p => p.Key)
            .Select(static p => p.Item)
            .ToList();
        return ordered.SequenceEqual(incoming.Inventory) ? incoming : incoming with { Inventory = ordered };
    }

    private static T? Pick<T>(T? current, T? incoming, ShipParts part, ref ShipParts changed)
        where T : class, IEquatable<T>
    {
        if (incoming is null || (current is not null && current.Equals(incoming)))
        {
            return current;
        }

        changed |= part;
        return incoming;
    }

    [InlineArray(PartCount)]
    internal struct PartVersions
    {
        private long _element;
    }
}

/// <summary>The parts one response carries; <see langword="null"/> parts are left as they are.</summary>
internal readonly record struct ShipUpdate
{
    public ShipRegistration? Registration { get; init; }

    public ShipNav? Nav { get; init; }

    public ShipCrew? Crew { get; init; }

    public ShipFrame? Frame { get; init; }

    public ShipReactor? Reactor { get; init; }

    public ShipEngine? Engine { get; init; }

    public IReadOnlyList<ShipModule>? Modules { get; init; }

    public IReadOnlyList<ShipMount>? Mounts { get; init; }

    public ShipCargo? Cargo { get; init; }

    public ShipFuel? Fuel { get; init; }

    public Cooldown? Cooldown { get; init; }

    public IReadOnlyList<ShipConditionEvent>? Events { get; init; }

    public static ShipUpdate From(IShipPartsResult result) => new()
    {
        Nav = result.Nav,
        Fuel = result.Fuel,
        Cargo = result.Cargo,
        Cooldown = result.Cooldown,
        Mounts = result.Mounts,
        Modules = result.Modules,
        Events = result.Events,
    };

    public static ShipUpdate From(Ship ship) => new()
    {
        Registration = ship.Registration,
        Nav = ship.Nav,
        Crew = ship.Crew,
        Frame = ship.Frame,
        Reactor = ship.Reactor,
        Engine = ship.Engine,
        Modules = ship.Modules,
        Mounts = ship.Mounts,
        Cargo = ship.Cargo,
        Fuel = ship.Fuel,
        Cooldown = ship.Cooldown,
    };
}
