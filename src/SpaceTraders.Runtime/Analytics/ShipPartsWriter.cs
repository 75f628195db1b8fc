using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// Writes one agent's ships incrementally: on every change, the dirty parts not yet handed to the store (or, for the
/// benchmark, every known part), marked clean once the store says they are durable. A response that changes nothing
/// raises no change and writes nothing.
/// </summary>
internal sealed class ShipPartsWriter : IDisposable
{
    private static readonly (ShipParts Part, string Name)[] PartNames =
    [
        (ShipParts.Registration, "registration"),
        (ShipParts.Nav, "nav"),
        (ShipParts.Crew, "crew"),
        (ShipParts.Frame, "frame"),
        (ShipParts.Reactor, "reactor"),
        (ShipParts.Engine, "engine"),
        (ShipParts.Modules, "modules"),
        (ShipParts.Mounts, "mounts"),
        (ShipParts.Cargo, "cargo"),
        (ShipParts.Fuel, "fuel"),
        (ShipParts.Cooldown, "cooldown"),
    ];

    /// <summary>Gets every part the store keeps, with its row name (the <c>part</c> column), in write order.</summary>
    internal static IReadOnlyList<(ShipParts Part, string Name)> Parts => PartNames;

    private readonly AgentState _state;
    private readonly IRecordSink _store;
    private readonly TimeProvider _clock;
    private readonly string _agentSymbol;
    private readonly bool _writeAll;
    private readonly string? _reset;
    private readonly ConcurrentDictionary<string, long[]> _handedOver = new(StringComparer.Ordinal);

    public ShipPartsWriter(AgentState state, IRecordSink store, TimeProvider clock, string agentSymbol, bool writeAll, string? reset = null)
    {
        _reset = reset;
        _state = state;
        _store = store;
        _clock = clock;
        _agentSymbol = agentSymbol;
        _writeAll = writeAll;
        _state.ShipChanged += OnShipChanged;
    }

    public void Dispose() => _state.ShipChanged -= OnShipChanged;

    /// <summary>Writes whatever is dirty and not yet handed over, for every ship (at start and at shutdown).</summary>
    public void WriteAll()
    {
        foreach (var ship in _state.Ships)
        {
            Write(ship);
        }
    }

    public void Write(TrackedShip ship)
    {
        var handedOver = _handedOver.GetOrAdd(ship.Symbol, static _ => new long[PartNames.Length]);
        lock (handedOver)
        {
            if (ship.GetChanges() is not { } changes)
            {
                return;
            }

            var snapshot = changes.Snapshot;
            var values = new List<ShipPartValue>(PartNames.Length);
            for (var i = 0; i < PartNames.Length; i++)
            {
                var (part, name) = PartNames[i];
                var version = snapshot.GetVersion(part);
                var write = _writeAll
                    ? (snapshot.KnownParts & part) != 0
                    : (changes.Parts & part) != 0 && version > handedOver[i];
                if (write && PartJson(snapshot, part) is { } json)
                {
                    values.Add(new ShipPartValue(name, version, json));
                    handedOver[i] = Math.Max(handedOver[i], version);
                }
            }

            if (values.Count == 0)
            {
                return;
            }

            var dirty = changes.Parts;
            var upTo = snapshot.Version;
            _store.Append(new ShipPartsRecord(_agentSymbol, ship.Symbol, values, _clock.GetUtcNow())
            {
                OnDurable = () => ship.MarkClean(dirty, upTo),
                Reset = _reset,
            });
        }
    }

    /// <summary>Serialises one part of a snapshot as the store keeps it (a known but empty cooldown is <c>null</c> JSON).</summary>
    /// <param name="snapshot">The ship's snapshot.</param>
    /// <param name="part">One part.</param>
    /// <returns>The JSON, or <see langword="null"/> when the snapshot does not hold the part.</returns>
    internal static string? PartJson(ShipSnapshot snapshot, ShipParts part) => part switch
    {
        ShipParts.Registration => Json(snapshot.Registration),
        ShipParts.Nav => Json(snapshot.Nav),
        ShipParts.Crew => Json(snapshot.Crew),
        ShipParts.Frame => Json(snapshot.Frame),
        ShipParts.Reactor => Json(snapshot.Reactor),
        ShipParts.Engine => Json(snapshot.Engine),
        ShipParts.Modules => Json(snapshot.Modules),
        ShipParts.Mounts => Json(snapshot.Mounts),
        ShipParts.Cargo => Json(snapshot.Cargo),
        ShipParts.Fuel => Json(snapshot.Fuel),
        ShipParts.Cooldown => snapshot.Cooldown is null ? "null" : Json(snapshot.Cooldown),
        _ => null,
    };

    private static string? Json<T>(T? value)
        where T : class
        => value is null ? null : JsonSerializer.Serialize(value, (JsonTypeInfo<T>)SpaceTradersJson.Options.GetTypeInfo(typeof(T)));

    private void OnShipChanged(object? sender, ShipChangedEventArgs e)
    {
        if (sender as TrackedShip is { } ship || _state.TryGetShip(e.ShipSymbol, out ship))
        {
            Write(ship);
        }
    }
}
