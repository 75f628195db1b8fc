using System.Globalization;

namespace SpaceTraders.Simulator.World;

/// <summary>The starting systems: the size and shape of a live starting system.</summary>
/// <remarks>
/// <para>Modelled on the live capture <c>docs/api/captures/live-start-X1-AD75</c> (82 waypoints, 25 markets, 3
/// shipyards). Every starting system has the capture's waypoint mix: 7 planets (the headquarters among them), 9 moons,
/// 3 orbital stations, 4 fuel stations, 2 asteroid bases, an engineered asteroid, a gas giant, a jump gate and 54
/// asteroids in two belts; and its 25 markets: the headquarters buying consumer goods, two shipyard moons buying ship
/// parts, thirteen industries (each exporting one to four goods and importing their inputs), a moon exchanging raw
/// minerals, an asteroid base refining precious ores and exchanging every ore, a pirate base, four fuel stations, the
/// engineered asteroid and the gate selling fuel (and antimatter at the gate and one fuel station).</para>
/// <para>What varies with the seed: where everything lies (radii in the capture's bands, any angle), which waypoint
/// hosts which industry, how the thirteen industries split the capture's exported goods (one good may move from one
/// industry to another), which planets have moons, asteroid traits, and each market's prices (see
/// <c>Game/MarketGood</c>).</para>
/// <para>Geometry, as in the capture: the headquarters 15-35 units from the star with three orbitals, the engineered
/// asteroid between it and the market that refines common metals, six more planets 40-110 out, the gas giant 120-180 out, an inner belt of 32 asteroids
/// 300-395 out around an asteroid base, the jump gate 400-470 out, and an outer belt of 22 asteroids 700-800 out around
/// a pirate base; fuel stations sit on the way to the gas giant, the inner base, the gate and the pirate base.</para>
/// </remarks>
internal sealed partial class WorldGenerator
{
    /// <summary>The capture's thirteen industries: the goods each exports (its imports are their inputs).</summary>
    private static readonly string[][] Industries =
    [
        ["MICROPROCESSORS"], ["BOTANICAL_SPECIMENS"], ["LAB_INSTRUMENTS"], ["SHIP_PARTS", "MEDICINE"],
        ["SHIP_PLATING", "ADVANCED_CIRCUITRY"], ["ASSAULT_RIFLES", "FIREARMS"], ["MACHINERY", "FABRICS", "POLYNUCLEOTIDES"],
        ["AMMUNITION", "EXPLOSIVES"], ["FAB_MATS", "ELECTRONICS"], ["FUEL", "PLASTICS", "FERTILIZERS"],
        ["IRON", "ALUMINUM", "COPPER"], ["JEWELRY"], ["FOOD", "EQUIPMENT", "CLOTHING", "BIOCOMPOSITES"],
    ];

    private static readonly string[] HeadquartersImports = ["FOOD", "MEDICINE", "CLOTHING", "EQUIPMENT", "JEWELRY", "EXOTIC_MATTER"];

    private static readonly string[] ShipPartsImports = ["SHIP_PLATING", "SHIP_PARTS"];

    private static readonly string[] RawExchange = ["ICE_WATER", "AMMONIA_ICE", "QUARTZ_SAND", "SILICON_CRYSTALS"];

    private static readonly string[] OreExchange =
        ["ICE_WATER", "AMMONIA_ICE", "QUARTZ_SAND", "SILICON_CRYSTALS", "IRON_ORE", "COPPER_ORE", "ALUMINUM_ORE", "URANITE_ORE", "MERITIUM_ORE", "PRECIOUS_STONES", "DIAMONDS", "FUEL"];

    private static readonly string[] GasExchange = ["HYDROCARBON", "LIQUID_HYDROGEN", "LIQUID_NITROGEN"];

    private static readonly string[] PirateExports = ["IRON_ORE", "COPPER_ORE", "ALUMINUM_ORE", "DRUGS", "PRECIOUS_STONES"];

    private static readonly string[] PirateImports =
        ["FOOD", "MEDICINE", "CLOTHING", "EQUIPMENT", "EXPLOSIVES", "AMMONIA_ICE", "POLYNUCLEOTIDES", "ASSAULT_RIFLES", "FIREARMS"];

    private static readonly string[] HeadquartersYard = ["SHIP_PROBE", "SHIP_LIGHT_HAULER", "SHIP_LIGHT_SHUTTLE"];

    private static readonly string[] DroneYard = ["SHIP_MINING_DRONE", "SHIP_SURVEYOR"];

    private static readonly string[] SiphonYard = ["SHIP_PROBE", "SHIP_SIPHON_DRONE"];

    /// <summary>The live modifications fee of a starting system's shipyards.</summary>
    private const int StartingYardFee = 100;

    private const int InnerBeltShare = 32;
    private const int LiveAsteroidCount = 54;

    private void BuildStartingSystem(StarSystem system)
    {
        var faction = system.HeadquartersOf!;
        var names = new RunningSymbols(system.Symbol);
        var industries = ShuffledIndustries();
        var industryHosts = new List<Waypoint>();

        // The headquarters planet: a shipyard moon, an industry moon and an industry station.
        var (hx, hy) = Polar(15, 35);
        var hqGroup = names.NextGroup();
        var hq = AddNamed(system, names, hqGroup, "PLANET", hx, hy, PlanetTraits());
        var hqYard = AddOrbitalNamed(hq, names, hqGroup, "MOON", [Pick(PlanetSurfaces), "OUTPOST"]);
        industryHosts.Add(AddOrbitalNamed(hq, names, hqGroup, "MOON", [Pick(PlanetSurfaces), Pick(Settlements)]));
        industryHosts.Add(AddOrbitalNamed(hq, names, hqGroup, "ORBITAL_STATION", [Pick(StationFeatures)]));
        _universe.Headquarters[faction] = hq;
        MakeMarketOf(hq, exports: [], imports: HeadquartersImports, exchange: ["FUEL"]);
        MakeMarketOf(hqYard, exports: [], imports: ShipPartsImports, exchange: ["FUEL"]);
        MakeShipyardOf(hqYard, [.. HeadquartersYard, .. _options.ExtraStartingShipTypes.Except(HeadquartersYard, StringComparer.Ordinal)]);

        // Six more planets with seven moons and one station between them (the capture: 3, 2, 1, 1, 0, 0 moons).
        int[] moonCounts = [3, 2, 1, 1, 0, 0];
        Shuffle(moonCounts);
        var stationPlanet = _random.Next(moonCounts.Length);
        var moons = new List<Waypoint>();
        for (var p = 0; p < moonCounts.Length; p++)
        {
            var group = names.NextGroup();
            var (px, py) = Polar(40, 110);
            var planet = AddNamed(system, names, group, "PLANET", px, py, PlanetTraits());
            industryHosts.Add(planet);
            for (var m = 0; m < moonCounts[p]; m++)
            {
                moons.Add(AddOrbitalNamed(planet, names, group, "MOON", [Pick(PlanetSurfaces), Pick(Settlements)]));
            }

            if (p == stationPlanet)
            {
                industryHosts.Add(AddOrbitalNamed(planet, names, group, "ORBITAL_STATION", [Pick(StationFeatures)]));
            }
        }

        // Of the seven moons: a second shipyard (drones), a raw-mineral exchange, three industries, two without a market.
        Shuffle(moons);
        MakeMarketOf(moons[0], exports: [], imports: ShipPartsImports, exchange: ["FUEL"]);
        MakeShipyardOf(moons[0], DroneYard);
        MakeMarketOf(moons[1], exports: [], imports: [], exchange: [.. RawExchange, "FUEL"]);
        industryHosts.AddRange(moons.Skip(2).Take(3));

        // The gas giant and its station: siphon drones, the gas exchange, ship parts and one industry.
        var gasGroup = names.NextGroup();
        var (gx, gy) = Polar(120, 180);
        var giant = AddNamed(system, names, gasGroup, "GAS_GIANT", gx, gy, [Pick(GasGiantFeatures), "STRONG_GRAVITY"]);
        var gasStation = AddOrbitalNamed(giant, names, gasGroup, "ORBITAL_STATION", ["OUTPOST", "INDUSTRIAL"]);
        var (cx, cy) = Near(gx, gy, 25, 50);
        var gasFuel = AddNamed(system, names, gasGroup, "FUEL_STATION", cx, cy, []);
        MakeMarketOf(gasFuel, exports: [], imports: [], exchange: ["FUEL"]);
        MakeShipyardOf(gasStation, SiphonYard);

        // The industries: thirteen hosts, thirteen export bundles, the gas station's bundle a single good.
        var single = industries.FindIndex(static i => i.Count == 1);
        var gasBundle = industries[single];
        industries.RemoveAt(single);
        MakeMarketOf(gasStation, exports: gasBundle, imports: [.. Inputs(gasBundle), .. ShipPartsImports], exchange: [.. GasExchange, "FUEL"]);
        Shuffle(industryHosts);
        var drugsImporter = industryHosts.Where(static h => h.Type == "PLANET").First();
        for (var i = 0; i < industries.Count; i++)
        {
            var host = industryHosts[i];
            var bundle = industries[i];
            List<string> imports = [.. Inputs(bundle)];
            if (host == drugsImporter)
            {
                imports.Add("DRUGS");
            }

            MakeMarketOf(host, exports: bundle, imports: imports, exchange: bundle.Contains("FUEL") ? [] : ["FUEL"]);
            host.Traits.Add("INDUSTRIAL");
        }

        // The engineered asteroid between the headquarters and the market that refines its common metals (in the
        // capture 23 units from the one and 33 from the other), with a fuel market.
        string[] commonOres = ["IRON_ORE", "COPPER_ORE", "ALUMINUM_ORE"];
        var refinery = industryHosts.Take(industries.Count).OrderByDescending(h => h.Market!.Imports.Count(commonOres.Contains)).First();
        var along = 0.3 + (_random.NextDouble() * 0.3);
        var (jx0, jy0) = Near((int)Math.Round(hx + ((refinery.X - hx) * along)), (int)Math.Round(hy + ((refinery.Y - hy) * along)), 4, 12);
        var engineered = AddNamed(system, names, names.NextGroup(), "ENGINEERED_ASTEROID", jx0, jy0, ["COMMON_METAL_DEPOSITS", Pick(AsteroidFeatures)]);
        MakeMarketOf(engineered, exports: [], imports: [], exchange: ["FUEL"]);

        // The inner belt around an asteroid base that refines precious ores and exchanges every ore.
        var beltGroup = names.NextGroup();
        var totalAsteroids = Math.Max(2, _options.StartingAsteroidCount ?? LiveAsteroidCount);
        var inner = Math.Max(1, (int)Math.Round(totalAsteroids * (InnerBeltShare / (double)LiveAsteroidCount)));
        var outer = Math.Max(1, totalAsteroids - inner);
        var deposits = AsteroidDeck(totalAsteroids);
        var (bx, by) = Polar(320, 360);
        var fuelGroup = beltGroup;
        var innerFuel = AddNamed(system, names, fuelGroup, "FUEL_STATION", (int)Math.Round(bx * 0.55), (int)Math.Round(by * 0.55), []);
        MakeMarketOf(innerFuel, exports: [], imports: [], exchange: ["FUEL"]);
        var innerBase = AddNamed(system, names, beltGroup, "ASTEROID_BASE", bx, by, ["HOLLOWED_INTERIOR", "OUTPOST"]);
        MakeMarketOf(innerBase, exports: ["GOLD", "SILVER", "PLATINUM"], imports: ["GOLD_ORE", "SILVER_ORE", "PLATINUM_ORE"], exchange: OreExchange);
        var (nx, ny) = Near(bx, by, 4, 10);
        AddNamed(system, names, beltGroup, "ASTEROID", nx, ny, AsteroidTraits(deposits));
        for (var i = 1; i < inner; i++)
        {
            var (ax, ay) = Polar(300, 395);
            AddNamed(system, names, beltGroup, "ASTEROID", ax, ay, AsteroidTraits(deposits));
        }

        // The jump gate (under construction by default) with antimatter, and a fuel station half way to it.
        var gateGroup = names.NextGroup();
        var (jx, jy) = Polar(400, 470);
        system.JumpGate = AddNamed(system, names, gateGroup, "JUMP_GATE", jx, jy, []);
        MakeMarketOf(system.JumpGate, exports: [], imports: [], exchange: ["ANTIMATTER", "FUEL"]);
        var gateFuel = AddNamed(system, names, gateGroup, "FUEL_STATION", (int)Math.Round(jx * 0.5), (int)Math.Round(jy * 0.5), []);
        MakeMarketOf(gateFuel, exports: [], imports: [], exchange: ["ANTIMATTER", "FUEL"]);

        // The outer belt around a pirate base, with a fuel station on the way.
        var outerGroup = names.NextGroup();
        var (ox, oy) = Polar(690, 730);
        var pirateFuel = AddNamed(system, names, outerGroup, "FUEL_STATION", (int)Math.Round(ox * 0.84), (int)Math.Round(oy * 0.84), []);
        MakeMarketOf(pirateFuel, exports: [], imports: [], exchange: ["FUEL"]);
        var pirates = AddNamed(system, names, outerGroup, "ASTEROID_BASE", ox, oy, ["HOLLOWED_INTERIOR", "PIRATE_BASE"]);
        var pirateImports = PirateImports.Where(_ => _random.NextDouble() < 0.85).ToList();
        MakeMarketOf(pirates, exports: PirateExports, imports: pirateImports, exchange: ["FUEL"]);
        var (px2, py2) = Near(ox, oy, 4, 10);
        AddNamed(system, names, outerGroup, "ASTEROID", px2, py2, AsteroidTraits(deposits));
        for (var i = 1; i < outer; i++)
        {
            var (ax, ay) = Polar(700, 800);
            AddNamed(system, names, outerGroup, "ASTEROID", ax, ay, AsteroidTraits(deposits));
        }

        foreach (var waypoint in system.Waypoints)
        {
            waypoint.Faction = faction;
        }
    }

    /// <summary>The thirteen industries, one good possibly moved from a larger bundle to another, in a seeded order.</summary>
    private List<List<string>> ShuffledIndustries()
    {
        var industries = Industries.Select(static i => i.ToList()).ToList();
        if (_random.NextDouble() < 0.6)
        {
            var donors = industries.Where(static i => i.Count > 2).ToList();
            var donor = donors[_random.Next(donors.Count)];
            var good = donor[_random.Next(donor.Count)];
            var takers = industries.Where(i => i != donor && i.Count > 1).ToList();
            donor.Remove(good);
            takers[_random.Next(takers.Count)].Add(good);
        }

        Shuffle(industries);
        return industries;
    }

    private static IEnumerable<string> Inputs(IEnumerable<string> exports) =>
        exports.SelectMany(TradeGoodCatalog.InputsOf).Distinct(StringComparer.Ordinal);

    private Waypoint AddNamed(StarSystem system, RunningSymbols names, char group, string type, int x, int y, string[] traits) =>
        AddWaypoint(system, names.Next(group), type, x, y, traits);

    private Waypoint AddOrbitalNamed(Waypoint parent, RunningSymbols names, char group, string type, string[] traits)
    {
        var orbital = AddWaypoint(parent.System, names.Next(group), type, parent.X, parent.Y, traits);
        orbital.Orbits = parent;
        parent.Orbitals.Add(orbital);
        return orbital;
    }

    /// <summary>A market with exactly these lists (a good appears in one list only, the first that names it).</summary>
    private static void MakeMarketOf(Waypoint waypoint, IEnumerable<string> exports, IEnumerable<string> imports, IEnumerable<string> exchange)
    {
        var market = new MarketSpec();
        foreach (var good in exports)
        {
            market.Add(market.Exports, good);
        }

        foreach (var good in imports)
        {
            market.Add(market.Imports, good);
        }

        foreach (var good in exchange)
        {
            market.Add(market.Exchange, good);
        }

        waypoint.Market = market;
        waypoint.Traits.Insert(0, "MARKETPLACE");
    }

    private static void MakeShipyardOf(Waypoint waypoint, IReadOnlyList<string> types)
    {
        waypoint.Shipyard = new ShipyardSpec([.. types], StartingYardFee);
        waypoint.Traits.Insert(waypoint.Traits.Contains("MARKETPLACE") ? 1 : 0, "SHIPYARD");
    }

    /// <summary>
    /// The asteroids' deposit traits in the capture's proportions (of 54: 21 common metals, 27 minerals, 2 precious
    /// metals, 4 rare metals), at least one of each, in a seeded order.
    /// </summary>
    private Queue<string> AsteroidDeck(int count)
    {
        var precious = Math.Max(1, (int)Math.Round(count * 2.0 / LiveAsteroidCount));
        var rare = Math.Max(1, (int)Math.Round(count * 4.0 / LiveAsteroidCount));
        var common = Math.Max(1, (int)Math.Round(count * 21.0 / LiveAsteroidCount));
        var deck = new List<string>();
        deck.AddRange(Enumerable.Repeat("PRECIOUS_METAL_DEPOSITS", precious));
        deck.AddRange(Enumerable.Repeat("RARE_METAL_DEPOSITS", rare));
        deck.AddRange(Enumerable.Repeat("COMMON_METAL_DEPOSITS", common));
        deck.AddRange(Enumerable.Repeat("MINERAL_DEPOSITS", Math.Max(0, count - deck.Count)));
        Shuffle(deck);
        return new Queue<string>(deck);
    }

    /// <summary>An asteroid's traits: the next deposit trait of the deck and up to two features.</summary>
    private string[] AsteroidTraits(Queue<string> deposits)
    {
        var traits = new List<string> { deposits.Count > 0 ? deposits.Dequeue() : "MINERAL_DEPOSITS" };
        var features = _random.Next(3);
        for (var i = 0; i < features; i++)
        {
            traits.Add(Pick(AsteroidFeatures));
        }

        return [.. traits];
    }

    private void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Live-style waypoint symbols: a letter per group of waypoints and one running number through the system
    /// (<c>A1</c>-<c>A4</c>, <c>B5</c>, <c>C6</c>-<c>C8</c>, ...).
    /// </summary>
    private sealed class RunningSymbols(string systemSymbol)
    {
        private int _group;
        private int _number;

        public char NextGroup()
        {
            char letter;
            do
            {
                letter = (char)('A' + (_group++ % 26));
            }
            while (letter is 'I' or 'O');

            return letter;
        }

        public string Next(char group) => string.Create(CultureInfo.InvariantCulture, $"{systemSymbol}-{group}{++_number}");
    }
}
