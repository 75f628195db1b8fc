using System.Globalization;

namespace SpaceTraders.Simulator.World;

/// <summary>
/// Builds a galaxy from a seed. The same seed and options always give the same universe: every choice draws from
/// one seeded <see cref="Random"/> in a fixed order.
/// </summary>
/// <remarks>
/// <para>Shape: systems in a square sector, each with one jump gate; the gate network is a minimum spanning tree
/// plus each system's two nearest neighbours, so it is connected. Each recruiting faction has a starting system the
/// size and shape of a live one (82 waypoints, 25 markets, 3 shipyards: see <c>WorldGenerator.StartingSystem.cs</c>).
/// Other systems have 6-16 waypoints. A few systems far from the starting systems are uncharted. The starting systems'
/// gates are under construction, as in the live game, unless <see cref="WorldOptions.StartingGatesUnderConstruction"/>
/// is off: then they work and one frontier system's gate is the construction site instead (its removal keeps the rest
/// connected).</para>
/// </remarks>
internal sealed partial class WorldGenerator
{
    private const string Sector = "X1";

    private static readonly string[] SystemTypes =
        ["ORANGE_STAR", "ORANGE_STAR", "RED_STAR", "RED_STAR", "YOUNG_STAR", "BLUE_STAR", "WHITE_DWARF", "NEUTRON_STAR", "HYPERGIANT", "NEBULA", "BLACK_HOLE", "UNSTABLE"];

    private static readonly string[] Syllables =
        ["ka", "ri", "on", "ve", "sa", "lu", "to", "mi", "zar", "el", "dra", "neb", "qu", "ost", "ir", "pha", "gen", "tau", "cy", "ber"];

    private static readonly string[] Constellations =
        ["Apex", "Borealis", "Cygnus", "Draco", "Eridani", "Fornax", "Gemini", "Hydra", "Lyra", "Orion", "Perseus", "Vela"];

    private static readonly string[] PlanetSurfaces =
        ["ROCKY", "TEMPERATE", "FROZEN", "VOLCANIC", "SWAMP", "BARREN", "JUNGLE", "OCEAN"];

    private static readonly string[] PlanetFeatures =
        ["BREATHABLE_ATMOSPHERE", "THIN_ATMOSPHERE", "TOXIC_ATMOSPHERE", "CORROSIVE_ATMOSPHERE", "SALT_FLATS", "CANYONS", "PERPETUAL_DAYLIGHT",
         "PERPETUAL_OVERCAST", "DRY_SEABEDS", "MAGMA_SEAS", "SUPERVOLCANOES", "ASH_CLOUDS", "VAST_RUINS", "MUTATED_FLORA", "TERRAFORMED",
         "EXTREME_TEMPERATURES", "EXTREME_PRESSURE", "DIVERSE_LIFE", "SCARCE_LIFE", "FOSSILS", "WEAK_GRAVITY", "STRONG_GRAVITY"];

    private static readonly string[] Settlements = ["SPRAWLING_CITIES", "SCATTERED_SETTLEMENTS", "OUTPOST", "OVERCROWDED", "MEGA_STRUCTURES"];

    private static readonly string[] StationFeatures =
        ["INDUSTRIAL", "HIGH_TECH", "TRADING_HUB", "MILITARY_BASE", "RESEARCH_FACILITY", "BUREAUCRATIC", "CORRUPT", "SURVEILLANCE_OUTPOST", "EXPLORATION_OUTPOST"];

    private static readonly string[] AsteroidFeatures =
        ["DEEP_CRATERS", "SHALLOW_CRATERS", "HOLLOWED_INTERIOR", "MICRO_GRAVITY_ANOMALIES", "EXPLOSIVE_GASES", "RADIOACTIVE", "DEBRIS_CLUSTER", "UNSTABLE_COMPOSITION"];

    private static readonly string[] GasGiantFeatures = ["VIBRANT_AURORAS", "STRONG_MAGNETOSPHERE", "EXPLOSIVE_GASES", "METHANE_POOLS", "EXTREME_PRESSURE"];

    private static readonly string[] PlanetExports =
        ["FOOD", "FABRICS", "CLOTHING", "MEDICINE", "DRUGS", "FERTILIZERS", "POLYNUCLEOTIDES", "MACHINERY", "FIREARMS", "AMMUNITION", "JEWELRY",
         "LAB_INSTRUMENTS", "ADVANCED_CIRCUITRY", "ELECTRONICS", "EQUIPMENT", "FAB_MATS", "EXPLOSIVES", "LIQUID_HYDROGEN", "LIQUID_NITROGEN",
         "MICROPROCESSORS", "PLASTICS", "ASSAULT_RIFLES", "MILITARY_EQUIPMENT", "BIOCOMPOSITES", "SUPERGRAINS"];

    private static readonly string[] StationExports =
        ["FUEL", "PLASTICS", "FERTILIZERS", "ELECTRONICS", "MICROPROCESSORS", "SHIP_PARTS", "SHIP_PLATING", "EQUIPMENT", "MACHINERY", "FAB_MATS",
         "EXPLOSIVES", "ADVANCED_CIRCUITRY", "QUANTUM_STABILIZERS", "ANTIMATTER", "ROBOTIC_DRONES", "AI_MAINFRAMES",
         "MOUNT_MINING_LASER_I", "MOUNT_SURVEYOR_I", "MOUNT_GAS_SIPHON_I", "MODULE_CARGO_HOLD_I"];

    private static readonly string[] ConsumerGoods = ["FOOD", "CLOTHING", "MEDICINE", "DRUGS", "JEWELRY", "EQUIPMENT", "FIREARMS"];

    private static readonly string[] SmallYardTypes =
        ["SHIP_PROBE", "SHIP_MINING_DRONE", "SHIP_SIPHON_DRONE", "SHIP_SURVEYOR", "SHIP_LIGHT_SHUTTLE", "SHIP_LIGHT_HAULER"];

    private static readonly string[] LargeYardTypes =
        ["SHIP_PROBE", "SHIP_LIGHT_HAULER", "SHIP_ORE_HOUND", "SHIP_REFINING_FREIGHTER", "SHIP_HEAVY_FREIGHTER", "SHIP_EXPLORER",
         "SHIP_COMMAND_FRIGATE", "SHIP_INTERCEPTOR", "SHIP_BULK_FREIGHTER"];

    private readonly Random _random;
    private readonly WorldOptions _options;
    private readonly DateTimeOffset _chartedOn;
    private readonly Universe _universe = new();

    private WorldGenerator(int seed, WorldOptions options, DateTimeOffset chartedOn)
    {
        _random = new Random(seed);
        _options = options;
        _chartedOn = chartedOn;
    }

    /// <summary>Generates a universe.</summary>
    /// <param name="seed">The seed; the same seed gives the same universe.</param>
    /// <param name="options">Size and shape.</param>
    /// <param name="chartedOn">The chart date of the waypoints that start charted.</param>
    public static Universe Generate(int seed, WorldOptions options, DateTimeOffset chartedOn) =>
        new WorldGenerator(seed, options, chartedOn).Build();

    private Universe Build()
    {
        var recruiting = FactionCatalog.All.Where(static f => f.IsRecruiting).ToList();
        var count = Math.Max(_options.SystemCount, recruiting.Count + 2);
        PlaceSystems(count);

        var systems = _universe.Systems;
        var hqSystems = systems.Take(recruiting.Count).ToList();
        for (var i = 0; i < recruiting.Count; i++)
        {
            hqSystems[i].HeadquartersOf = recruiting[i].Symbol;
            hqSystems[i].Factions.Add(recruiting[i].Symbol);
        }

        MarkUncharted(hqSystems);
        var others = systems.Where(static s => s.HeadquartersOf is null && !s.IsUncharted).ToList();
        var nonRecruiting = FactionCatalog.All.Where(static f => !f.IsRecruiting).ToList();
        for (var i = 0; i < nonRecruiting.Count && i < others.Count; i++)
        {
            others[i].HeadquartersOf = nonRecruiting[i].Symbol;
            others[i].Factions.Add(nonRecruiting[i].Symbol);
        }

        foreach (var system in systems)
        {
            if (system.HeadquartersOf is not null && hqSystems.Contains(system))
            {
                BuildStartingSystem(system);
            }
            else
            {
                BuildRegularSystem(system);
            }
        }

        ConnectGates();
        PlaceConstruction(hqSystems);
        FinishCharts();
        return _universe;
    }

    private void PlaceSystems(int count)
    {
        var radius = _options.GalaxyRadius;
        var minimum = radius * 0.6 / Math.Sqrt(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            int x = 0, y = 0;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                x = _random.Next(-radius, radius + 1);
                y = _random.Next(-radius, radius + 1);
                var tooClose = false;
                foreach (var other in _universe.Systems)
                {
                    double dx = other.X - x, dy = other.Y - y;
                    if ((dx * dx) + (dy * dy) < minimum * minimum)
                    {
                        tooClose = true;
                        break;
                    }
                }

                if (!tooClose)
                {
                    break;
                }
            }

            string symbol;
            do
            {
                symbol = string.Create(CultureInfo.InvariantCulture, $"{Sector}-{Letter()}{Letter()}{_random.Next(1, 100)}");
            }
            while (!used.Add(symbol));

            var type = SystemTypes[_random.Next(SystemTypes.Length)];
            var name = SystemName();
            var constellation = Constellations[_random.Next(Constellations.Length)];
            _universe.Add(new StarSystem(symbol, Sector, type, x, y, name, constellation));
        }
    }

    private void MarkUncharted(List<StarSystem> hqSystems)
    {
        var candidates = _universe.Systems
            .Where(s => !hqSystems.Contains(s))
            .Select(s => (System: s, Distance: hqSystems.Min(h => h.DistanceTo(s))))
            .OrderByDescending(static c => c.Distance)
            .ThenBy(static c => c.System.Symbol, StringComparer.Ordinal)
            .Take(Math.Max(0, _options.UnchartedSystemCount));
        foreach (var (system, _) in candidates)
        {
            system.IsUncharted = true;
        }
    }

    private void BuildRegularSystem(StarSystem system)
    {
        var names = new SymbolSequence(system.Symbol);
        var marketWaypoints = new List<Waypoint>();
        var planets = 1 + _random.Next(3);
        for (var p = 0; p < planets; p++)
        {
            var letter = names.NextLetter();
            var (px, py) = Polar(10, 120);
            var planet = AddWaypoint(system, letter, 1, "PLANET", px, py, PlanetTraits());
            if (_random.NextDouble() < (p == 0 ? 0.6 : 0.35) || (p == 0 && system.HeadquartersOf is not null))
            {
                MakeMarket(planet, Exports(PlanetExports, 1 + _random.Next(3)), exchangeFuel: _random.NextDouble() < 0.8, consumerImports: 1);
                marketWaypoints.Add(planet);
            }

            if (p == 0 && system.HeadquartersOf is not null)
            {
                _universe.Headquarters[system.HeadquartersOf] = planet;
            }

            var orbitals = _random.Next(0, 3);
            for (var m = 0; m < orbitals; m++)
            {
                if (_random.NextDouble() < 0.3)
                {
                    var station = AddOrbital(planet, letter, m + 2, "ORBITAL_STATION", [Pick(StationFeatures)]);
                    if (_random.NextDouble() < 0.7)
                    {
                        MakeMarket(station, Exports(StationExports, 1 + _random.Next(3)), exchangeFuel: true, consumerImports: 0);
                        marketWaypoints.Add(station);
                    }
                }
                else
                {
                    AddOrbital(planet, letter, m + 2, "MOON", [Pick(PlanetSurfaces)]);
                }
            }
        }

        if (_random.NextDouble() < 0.45)
        {
            var letter = names.NextLetter();
            var (gx, gy) = Polar(30, 110);
            var giant = AddWaypoint(system, letter, 1, "GAS_GIANT", gx, gy, [Pick(GasGiantFeatures)]);
            if (_random.NextDouble() < 0.6)
            {
                var station = AddOrbital(giant, letter, 2, "ORBITAL_STATION", ["INDUSTRIAL"]);
                MakeMarket(station, ["FUEL", "PLASTICS"], exchangeFuel: false, consumerImports: 0);
                marketWaypoints.Add(station);
            }
        }

        var beltLetter = names.NextLetter();
        var asteroids = 2 + _random.Next(5);
        for (var i = 0; i < asteroids; i++)
        {
            var (ax, ay) = Polar(40, 130);
            AddWaypoint(system, beltLetter, i + 1, "ASTEROID", ax, ay, AsteroidTraits());
        }

        if (_random.NextDouble() < 0.3)
        {
            var (fx, fy) = Polar(40, 130);
            AddWaypoint(system, names.NextLetter(), 1, "ASTEROID_FIELD", fx, fy, AsteroidTraits());
        }

        if (_random.NextDouble() < 0.4)
        {
            var (fx, fy) = Polar(20, 120);
            var fuel = AddWaypoint(system, names.NextLetter(), 1, "FUEL_STATION", fx, fy, []);
            MakeMarket(fuel, [], exchangeFuel: true, consumerImports: 0);
            marketWaypoints.Add(fuel);
        }

        if (marketWaypoints.Count > 0 && (_random.NextDouble() < 0.25 || system.HeadquartersOf is not null))
        {
            var yard = marketWaypoints.FirstOrDefault(static w => w.Type is "PLANET" or "ORBITAL_STATION");
            if (yard is not null)
            {
                var types = LargeYardTypes.Concat(SmallYardTypes).Distinct().Where(_ => _random.NextDouble() < 0.4).ToList();
                if (types.Count == 0)
                {
                    types.Add("SHIP_PROBE");
                }

                MakeShipyard(yard, types);
            }
        }

        var (jx, jy) = Polar(60, 140);
        system.JumpGate = AddWaypoint(system, names.NextLetter(), 1, "JUMP_GATE", jx, jy, []);

        if (system.HeadquartersOf is not null)
        {
            foreach (var waypoint in system.Waypoints)
            {
                waypoint.Faction = system.HeadquartersOf;
            }
        }
    }

    private void ConnectGates()
    {
        var systems = _universe.Systems;
        var n = systems.Count;
        var edges = new HashSet<(int, int)>();

        // Prim's minimum spanning tree: the network is connected.
        var inTree = new bool[n];
        var best = new double[n];
        var parent = new int[n];
        Array.Fill(best, double.MaxValue);
        Array.Fill(parent, -1);
        best[0] = 0;
        for (var step = 0; step < n; step++)
        {
            var u = -1;
            for (var i = 0; i < n; i++)
            {
                if (!inTree[i] && (u < 0 || best[i] < best[u]))
                {
                    u = i;
                }
            }

            inTree[u] = true;
            if (parent[u] >= 0)
            {
                edges.Add((Math.Min(u, parent[u]), Math.Max(u, parent[u])));
            }

            for (var v = 0; v < n; v++)
            {
                var d = systems[u].DistanceTo(systems[v]);
                if (!inTree[v] && d < best[v])
                {
                    best[v] = d;
                    parent[v] = u;
                }
            }
        }

        // Plus each system's two nearest neighbours: some loops, so most routes have alternatives.
        for (var i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => systems[i].DistanceTo(systems[j])).ThenBy(j => j).Take(2);
            foreach (var j in nearest)
            {
                edges.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }

        foreach (var (a, b) in edges.OrderBy(static e => e.Item1).ThenBy(static e => e.Item2))
        {
            var gateA = systems[a].JumpGate!;
            var gateB = systems[b].JumpGate!;
            gateA.Connections.Add(gateB.Symbol);
            gateB.Connections.Add(gateA.Symbol);
        }

        foreach (var system in systems)
        {
            system.JumpGate!.Connections.Sort(StringComparer.Ordinal);
        }
    }

    private void PlaceConstruction(List<StarSystem> hqSystems)
    {
        if (_options.StartingGatesUnderConstruction)
        {
            foreach (var system in hqSystems)
            {
                MarkUnderConstruction(system.JumpGate!);
            }

            return;
        }

        // A charted frontier system whose removal keeps the rest of the network connected.
        foreach (var system in _universe.Systems)
        {
            if (system.HeadquartersOf is not null || system.IsUncharted)
            {
                continue;
            }

            if (ConnectedWithout(system))
            {
                MarkUnderConstruction(system.JumpGate!);
                return;
            }
        }
    }

    private bool ConnectedWithout(StarSystem excluded)
    {
        var start = _universe.Systems.First(s => s != excluded);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.JumpGate!.Symbol };
        var queue = new Queue<Waypoint>();
        queue.Enqueue(start.JumpGate!);
        while (queue.Count > 0)
        {
            foreach (var next in queue.Dequeue().Connections)
            {
                var gate = _universe.FindWaypoint(next)!;
                if (gate.System != excluded && seen.Add(next))
                {
                    queue.Enqueue(gate);
                }
            }
        }

        return seen.Count == _universe.Systems.Count - 1;
    }

    private void MarkUnderConstruction(Waypoint gate)
    {
        gate.IsUnderConstruction = true;
        gate.Traits.Add("UNDER_CONSTRUCTION");
        _universe.ConstructionSites.Add(gate);
    }

    private void FinishCharts()
    {
        foreach (var system in _universe.Systems)
        {
            foreach (var waypoint in system.Waypoints)
            {
                if (system.IsUncharted)
                {
                    waypoint.IsCharted = false;
                    continue;
                }

                waypoint.ChartedBy = system.HeadquartersOf ?? "UNITED";
                waypoint.ChartedOn = _chartedOn;
            }
        }
    }

    private Waypoint AddWaypoint(StarSystem system, char letter, int number, string type, int x, int y, string[] traits) =>
        AddWaypoint(system, string.Create(CultureInfo.InvariantCulture, $"{system.Symbol}-{letter}{number}"), type, x, y, traits);

    private Waypoint AddWaypoint(StarSystem system, string symbol, string type, int x, int y, string[] traits)
    {
        var waypoint = new Waypoint(symbol, system, type, x, y);
        waypoint.Traits.AddRange(traits.Distinct(StringComparer.Ordinal));
        if (type is "ASTEROID" or "ASTEROID_FIELD" or "ENGINEERED_ASTEROID")
        {
            waypoint.Deposits = DepositTable.FromTraits(waypoint.Traits);
        }
        else if (type == "GAS_GIANT")
        {
            waypoint.Deposits = DepositTable.Gas;
        }

        _universe.Add(waypoint);
        return waypoint;
    }

    private Waypoint AddOrbital(Waypoint parent, char letter, int number, string type, string[] traits)
    {
        var orbital = AddWaypoint(parent.System, letter, number, type, parent.X, parent.Y, traits);
        orbital.Orbits = parent;
        parent.Orbitals.Add(orbital);
        return orbital;
    }

    private void MakeMarket(Waypoint waypoint, IEnumerable<string> exports, bool exchangeFuel, int consumerImports)
    {
        var market = new MarketSpec();
        foreach (var good in exports)
        {
            market.Add(market.Exports, good);
        }

        foreach (var good in market.Exports.ToList())
        {
            foreach (var input in TradeGoodCatalog.InputsOf(good))
            {
                market.Add(market.Imports, input);
            }
        }

        for (var i = 0; i < consumerImports; i++)
        {
            market.Add(market.Imports, Pick(ConsumerGoods));
        }

        if (exchangeFuel)
        {
            market.Add(market.Exchange, "FUEL");
        }

        waypoint.Market = market;
        waypoint.Traits.Insert(0, "MARKETPLACE");
    }

    private void MakeShipyard(Waypoint waypoint, IReadOnlyList<string> types)
    {
        waypoint.Shipyard = new ShipyardSpec([.. types], 1000 * (2 + _random.Next(4)));
        waypoint.Traits.Insert(waypoint.Traits.Contains("MARKETPLACE") ? 1 : 0, "SHIPYARD");
    }

    private List<string> Exports(string[] pool, int count)
    {
        var picked = new List<string>();
        while (picked.Count < count && picked.Count < pool.Length)
        {
            var good = Pick(pool);
            if (!picked.Contains(good))
            {
                picked.Add(good);
            }
        }

        return picked;
    }

    private string[] PlanetTraits() => [Pick(PlanetSurfaces), Pick(PlanetFeatures), Pick(Settlements)];

    private string[] AsteroidTraits()
    {
        var roll = _random.NextDouble();
        var primary = roll switch
        {
            < 0.55 => "COMMON_METAL_DEPOSITS",
            < 0.85 => "MINERAL_DEPOSITS",
            < 0.97 => "PRECIOUS_METAL_DEPOSITS",
            _ => "RARE_METAL_DEPOSITS",
        };
        var traits = new List<string> { primary };
        if (_random.NextDouble() < 0.25)
        {
            traits.Add(_random.NextDouble() < 0.5 ? "ICE_CRYSTALS" : "PRECIOUS_METAL_DEPOSITS");
        }

        traits.Add(Pick(AsteroidFeatures));
        return [.. traits];
    }

    private (int X, int Y) Polar(int minRadius, int maxRadius)
    {
        var r = minRadius + (_random.NextDouble() * (maxRadius - minRadius));
        var angle = _random.NextDouble() * Math.PI * 2;
        return ((int)Math.Round(r * Math.Cos(angle)), (int)Math.Round(r * Math.Sin(angle)));
    }

    private (int X, int Y) Near(int x, int y, int minRadius, int maxRadius)
    {
        var (dx, dy) = Polar(minRadius, maxRadius);
        return (x + dx, y + dy);
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private char Letter() => (char)('A' + _random.Next(26));

    private string SystemName()
    {
        var parts = 2 + _random.Next(2);
        var name = string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[_random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>Hands out waypoint letters A, B, C, ... (skipping I and O) within one system.</summary>
    private sealed class SymbolSequence(string systemSymbol)
    {
        private int _next;

        public string SystemSymbol { get; } = systemSymbol;

        public char NextLetter()
        {
            char letter;
            do
            {
                letter = (char)('A' + (_next++ % 26));
            }
            while (letter is 'I' or 'O');

            return letter;
        }
    }
}
