using System.Collections.Immutable;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Navigation;

/// <summary>
/// Plans the fastest feasible route between two waypoints of one system, with refuel stops at the
/// waypoints that sell FUEL and a flight mode chosen per hop.
/// </summary>
/// <remarks>
/// <para>
/// The search is exact for the formulas of <see cref="FlightRules"/>: a label-setting search over
/// (waypoint, fuel) that keeps, per waypoint, only the arrivals that no other arrival beats on both time and
/// fuel, guided by an admissible lower bound (the straight BURN time to the destination). At a fuel station
/// the ship may fill its tank, which costs <see cref="RoutePlannerOptions.RefuelStopTime"/>. Hops are flown in
/// BURN or CRUISE, and in DRIFT as <see cref="RoutePlannerOptions.Drift"/> allows (by default only when no route
/// without DRIFT exists). STEALTH is never chosen: it uses CRUISE's fuel and is slower.
/// </para>
/// <para>
/// By default the fastest route may arrive with an empty tank where no fuel is sold, and the ship is then stuck there;
/// <see cref="RoutePlannerOptions.ArrivalFuel"/> makes the planner keep the fuel to leave (see
/// <see cref="ArrivalFuelPolicy"/>).
/// </para>
/// <para>
/// Build one planner per system (and rebuild it when the set of fuel stations changes); it is immutable
/// and thread-safe, and each <see cref="Plan"/> call works in its own memory.
/// </para>
/// </remarks>
public sealed class SystemRoutePlanner
{
    private static readonly ImmutableArray<FlightModeKind> FastModes = [FlightModeKind.Burn, FlightModeKind.Cruise];
    private static readonly ImmutableArray<FlightModeKind> AllModes = [FlightModeKind.Burn, FlightModeKind.Cruise, FlightModeKind.Drift];

    private readonly WaypointPosition[] _waypoints;
    private readonly Dictionary<string, int> _index;
    private readonly bool[] _sellsFuel;
    private readonly double[] _distance;
    private readonly int[] _fuelDistance;
    private readonly double[] _timeDistance;
    private readonly FlightRules _rules;

    /// <summary>Initializes a new instance of the <see cref="SystemRoutePlanner"/> class.</summary>
    /// <param name="waypoints">The waypoints of the system (any waypoint the ship may fly to or through).</param>
    /// <param name="fuelStations">The symbols of the waypoints where the ship can buy FUEL; symbols not among <paramref name="waypoints"/> are ignored.</param>
    /// <param name="rules">The travel formulas. The default value is <see cref="FlightRules.Default"/>.</param>
    /// <exception cref="ArgumentException">The waypoints lie in more than one system.</exception>
    public SystemRoutePlanner(IEnumerable<WaypointPosition> waypoints, IEnumerable<string> fuelStations, FlightRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        ArgumentNullException.ThrowIfNull(fuelStations);
        _rules = rules ?? FlightRules.Default;
        var unique = new Dictionary<string, WaypointPosition>(StringComparer.Ordinal);
        foreach (var waypoint in waypoints)
        {
            unique[waypoint.Symbol] = waypoint;
        }

        _waypoints = [.. unique.Values.OrderBy(w => w.Symbol, StringComparer.Ordinal)];
        if (_waypoints.Select(w => w.SystemSymbol).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("A system route planner plans within one system: the waypoints lie in several.", nameof(waypoints));
        }

        _index = new Dictionary<string, int>(_waypoints.Length, StringComparer.Ordinal);
        for (var i = 0; i < _waypoints.Length; i++)
        {
            _index[_waypoints[i].Symbol] = i;
        }

        _sellsFuel = new bool[_waypoints.Length];
        foreach (var station in fuelStations)
        {
            if (station is not null && _index.TryGetValue(station, out var i))
            {
                _sellsFuel[i] = true;
            }
        }

        // Every hop's distance, rounded once for fuel and once for time.
        var n = _waypoints.Length;
        _distance = new double[n * n];
        _fuelDistance = new int[n * n];
        _timeDistance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var distance = _waypoints[i].DistanceTo(_waypoints[j]);
                _distance[(i * n) + j] = distance;
                _fuelDistance[(i * n) + j] = _rules.RoundForFuel(distance);
                _timeDistance[(i * n) + j] = FlightRules.RoundForTime(distance);
            }
        }
    }

    /// <summary>Gets the waypoints the planner knows, ordered by symbol.</summary>
    public IReadOnlyList<WaypointPosition> Waypoints => _waypoints;

    /// <summary>Gets the travel formulas the planner uses.</summary>
    public FlightRules Rules => _rules;

    /// <summary>
    /// Builds a planner for a system from the waypoints a locator knows and the markets the market cache has
    /// seen selling FUEL (as an export, import or exchange good, or with a purchase price).
    /// </summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="locator">Where the waypoints lie, for example a <see cref="StaticWorldCache"/>.</param>
    /// <param name="markets">The market cache.</param>
    /// <param name="rules">The travel formulas. The default value is <see cref="FlightRules.Default"/>.</param>
    /// <returns>The planner.</returns>
    public static SystemRoutePlanner For(string systemSymbol, IWaypointLocator locator, MarketCache markets, FlightRules? rules = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(systemSymbol);
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(markets);
        return new SystemRoutePlanner(locator.GetSystemWaypoints(systemSymbol), markets.GetFuelStations(systemSymbol), rules);
    }

    /// <summary>Gets a value indicating whether the planner may refuel at a waypoint.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <returns><see langword="true"/> if the waypoint is a known fuel station.</returns>
    public bool SellsFuel(string waypointSymbol) =>
        waypointSymbol is not null && _index.TryGetValue(waypointSymbol, out var i) && _sellsFuel[i];

    /// <summary>Plans the fastest feasible route from <paramref name="origin"/> to <paramref name="destination"/>.</summary>
    /// <param name="origin">The waypoint the ship is at.</param>
    /// <param name="destination">The waypoint to reach.</param>
    /// <param name="ship">The ship's engine speed and fuel.</param>
    /// <param name="options">The planner's settings. The default value is <see cref="RoutePlannerOptions.Default"/>.</param>
    /// <returns>
    /// The route, or <see langword="null"/> when no route is feasible (not enough fuel and no station within reach, or
    /// no route arrives with the fuel <see cref="RoutePlannerOptions.ArrivalFuel"/> asks for). When the ship is already
    /// at the destination the route has no legs, whatever its fuel.
    /// </returns>
    /// <exception cref="ArgumentException">The origin or destination is not one of the planner's waypoints.</exception>
    public RoutePlan? Plan(string origin, string destination, RouteShip ship, RoutePlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(ship.EngineSpeed, 1, nameof(ship));
        options ??= RoutePlannerOptions.Default;
        var from = IndexOf(origin, nameof(origin));
        var to = IndexOf(destination, nameof(destination));
        var capacity = Math.Max(0, ship.FuelCapacity);
        var fuel = Math.Clamp(ship.CurrentFuel, 0, capacity);
        if (from == to)
        {
            return new RoutePlan(origin, destination, [], 0, fuel);
        }

        var arrival = ArrivalNeed(to, capacity, options);
        return options.Drift switch
        {
            DriftPolicy.Allowed => Search(from, to, ship.EngineSpeed, capacity, fuel, arrival, options, AllModes),
            DriftPolicy.Never => Search(from, to, ship.EngineSpeed, capacity, fuel, arrival, options, FastModes),
            _ => Search(from, to, ship.EngineSpeed, capacity, fuel, arrival, options, FastModes)
                 ?? Search(from, to, ship.EngineSpeed, capacity, fuel, arrival, options, AllModes),
        };
    }

    /// <summary>
    /// The fuel a route must arrive at <paramref name="to"/> with, by <see cref="RoutePlannerOptions.ArrivalFuel"/>: none
    /// for a probe or where fuel is sold; else the flight to the nearest fuel seller in the cheapest mode allowed (DRIFT
    /// 1 unless drift is never allowed or CRUISE is asked for), at least 1 (also when no fuel seller is known).
    /// </summary>
    private int ArrivalNeed(int to, int capacity, RoutePlannerOptions options)
    {
        if (capacity <= 0 || options.ArrivalFuel == ArrivalFuelPolicy.Any || _sellsFuel[to])
        {
            return 0;
        }

        if (options.ArrivalFuel != ArrivalFuelPolicy.ToCruiseToFuelSeller && options.Drift != DriftPolicy.Never)
        {
            return 1;
        }

        var n = _waypoints.Length;
        var need = int.MaxValue;
        for (var station = 0; station < n; station++)
        {
            if (_sellsFuel[station])
            {
                need = Math.Min(need, FlightRules.FuelForRounded(_fuelDistance[(to * n) + station], FlightModeKind.Cruise));
            }
        }

        return need == int.MaxValue ? 1 : need;
    }

    private int IndexOf(string symbol, string parameter) =>
        _index.TryGetValue(symbol, out var i)
            ? i
            : throw new ArgumentException($"'{symbol}' is not one of the planner's waypoints.", parameter);

    /// <summary>
    /// The label-setting search. A label is an arrival at a waypoint with some fuel at some time. Labels are settled in
    /// order of time plus an admissible, consistent lower bound on the time left (the straight line at the fastest
    /// multiplier, plus what is certainly left of each flight's overhead after rounding), so the labels settled at a
    /// waypoint come in order of time, and a new label with no more fuel than one settled there is beaten: whatever it
    /// can still do, that one can do no later. At a fuel station a label may fill the tank. An arrival at the destination
    /// with less than <paramref name="arrivalFuel"/> does not end the search: it is a waypoint like any other.
    /// </summary>
    private RoutePlan? Search(
        int from,
        int to,
        int speed,
        int capacity,
        int startFuel,
        int arrivalFuel,
        RoutePlannerOptions options,
        ImmutableArray<FlightModeKind> modes)
    {
        var n = _waypoints.Length;
        var reserve = capacity > 0 ? Math.Max(0, options.FuelReserve) : 0;
        var refuelSeconds = Math.Max(0, options.RefuelStopTime.TotalSeconds);
        var multipliers = new double[modes.Length];
        for (var m = 0; m < modes.Length; m++)
        {
            multipliers[m] = FlightRules.NavigateMultiplier(ModeOf(modes[m]));
        }

        var fastest = multipliers.Min() / speed;
        var slack = Math.Max(0, _rules.FlightOverheadSeconds - 1 - (0.5 * fastest));
        var targetRow = to * n;

        var bestFuel = new int[n];
        Array.Fill(bestFuel, -1);
        var labels = new List<Label>(n * 4) { new(from, startFuel, 0, -1, Label.Start) };
        var queue = new PriorityQueue<int, double>(n * 4);
        queue.Enqueue(0, Heuristic(from));

        // The time of the earliest arrival at the destination pushed so far: nothing that cannot beat it is pushed.
        var bound = double.PositiveInfinity;

        while (queue.TryDequeue(out var current, out _))
        {
            var label = labels[current];
            if (label.Fuel <= bestFuel[label.Node])
            {
                continue;
            }

            bestFuel[label.Node] = label.Fuel;
            if (label.Node == to && label.Fuel >= arrivalFuel)
            {
                return Build(labels, current, modes, multipliers, speed, capacity, startFuel);
            }

            var u = label.Node;
            if (_sellsFuel[u] && label.Fuel < capacity && label.Kind != Label.Refuel)
            {
                Push(new Label(u, capacity, label.Time + refuelSeconds, current, Label.Refuel));
            }

            var row = u * n;
            for (var v = 0; v < n; v++)
            {
                if (v == u)
                {
                    continue;
                }

                for (var m = 0; m < modes.Length; m++)
                {
                    var left = capacity > 0 ? label.Fuel - FlightRules.FuelForRounded(_fuelDistance[row + v], modes[m]) : label.Fuel;
                    if (left < reserve || left <= bestFuel[v])
                    {
                        continue;
                    }

                    var seconds = _rules.SecondsForRounded(_timeDistance[row + v], speed, multipliers[m]);
                    Push(new Label(v, left, label.Time + seconds, current, (sbyte)m));
                }
            }
        }

        return null;

        double Heuristic(int node) => node == to ? 0 : (_distance[targetRow + node] * fastest) + slack;

        void Push(Label next)
        {
            var estimate = next.Time + Heuristic(next.Node);
            if (estimate >= bound)
            {
                return;
            }

            if (next.Node == to && next.Fuel >= arrivalFuel)
            {
                bound = next.Time;
            }

            labels.Add(next);
            queue.Enqueue(labels.Count - 1, estimate);
        }
    }

    private static ShipNavFlightMode ModeOf(FlightModeKind kind) => kind switch
    {
        FlightModeKind.Burn => ShipNavFlightMode.Burn,
        FlightModeKind.Drift => ShipNavFlightMode.Drift,
        FlightModeKind.Stealth => ShipNavFlightMode.Stealth,
        _ => ShipNavFlightMode.Cruise,
    };

    private RoutePlan Build(List<Label> labels, int last, ImmutableArray<FlightModeKind> modes, double[] multipliers, int speed, int capacity, int startFuel)
    {
        var n = _waypoints.Length;
        var legs = new List<RouteLeg>();
        for (var i = last; labels[i].Parent >= 0; i = labels[i].Parent)
        {
            var here = labels[i];
            var previous = labels[here.Parent];
            if (here.Kind == Label.Refuel)
            {
                // A refuel belongs to the hop that departs after it, which was added just before (walking backwards).
                if (legs.Count > 0)
                {
                    legs[^1] = legs[^1] with { RefuelUnits = here.Fuel - previous.Fuel };
                }

                continue;
            }

            var edge = (previous.Node * n) + here.Node;
            legs.Add(new RouteLeg(
                _waypoints[previous.Node].Symbol,
                _waypoints[here.Node].Symbol,
                ModeOf(modes[here.Kind]),
                _distance[edge],
                capacity > 0 ? FlightRules.FuelForRounded(_fuelDistance[edge], modes[here.Kind]) : 0,
                _rules.SecondsForRounded(_timeDistance[edge], speed, multipliers[here.Kind]),
                0,
                here.Fuel));
        }

        legs.Reverse();
        return new RoutePlan(legs[0].From, legs[^1].To, legs, labels[last].Time, startFuel);
    }

    /// <summary>An arrival: where, with how much fuel, when, from which label, by which mode (or refuel).</summary>
    private readonly record struct Label(int Node, int Fuel, double Time, int Parent, sbyte Kind)
    {
        public const sbyte Start = -2;
        public const sbyte Refuel = -1;
    }
}
