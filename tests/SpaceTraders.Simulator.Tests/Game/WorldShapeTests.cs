using System.Globalization;
using System.Text;
using System.Text.Json;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Tests.Schema;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Game;

/// <summary>
/// A generated starting system against the live capture under <c>docs/api/captures/live-start-X1-AD75</c>: the same
/// waypoint mix, market and shipyard counts, trade volumes, price levels per class of good and kind of market, ship
/// prices, the gate under construction and the starting agent.
/// </summary>
public sealed class WorldShapeTests
{
    private static readonly int[] Seeds = [1, 2, 3, 7, 42, 1234, 99991];

    private static readonly Lazy<Capture> Live = new(Capture.Load);

    [TestCaseSource(nameof(Seeds))]
    public void A_starting_system_has_the_live_waypoint_mix_and_market_and_shipyard_counts(int seed)
    {
        var (game, system) = Generate(seed);
        TestContext.Out.WriteLine(Describe(game, system));
        var counts = system.Waypoints.GroupBy(w => w.Type).ToDictionary(g => g.Key, g => g.Count());

        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.EquivalentTo(Live.Value.TypeCounts), "waypoints by type");
            Assert.That(system.Waypoints, Has.Count.EqualTo(82));
            Assert.That(system.Waypoints.Count(w => w.Market is not null), Is.EqualTo(Live.Value.Markets.Count), "markets");
            Assert.That(system.Waypoints.Count(w => w.Shipyard is not null), Is.EqualTo(3), "shipyards");
            Assert.That(system.Waypoints.Count(w => w.Orbits is not null), Is.EqualTo(Live.Value.Orbitals), "orbitals");
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void Its_markets_export_import_and_exchange_the_live_goods(int seed)
    {
        var (_, system) = Generate(seed);
        var markets = system.Waypoints.Where(w => w.Market is not null).Select(w => w.Market!).ToList();
        var exported = markets.SelectMany(m => m.Exports).ToHashSet();
        var imported = markets.SelectMany(m => m.Imports).ToHashSet();
        var exchanged = markets.SelectMany(m => m.Exchange).ToHashSet();

        Assert.Multiple(() =>
        {
            // The same goods as the capture's, give or take two (the pirate base's imports vary).
            Assert.That(exported, Is.EquivalentTo(Live.Value.Exported), "the goods exported somewhere in the system");
            Assert.That(imported.Except(Live.Value.Imported).Concat(Live.Value.Imported.Except(imported)).Count(), Is.LessThanOrEqualTo(2), "the goods imported somewhere in the system");
            Assert.That(exchanged, Is.EquivalentTo(Live.Value.Exchanged), "the goods exchanged somewhere in the system");
            Assert.That(markets.Sum(m => m.Exports.Count + m.Imports.Count + m.Exchange.Count), Is.EqualTo(Live.Value.Listings).Within(10), "listings");

            // Every input an industry imports is sold (exported or exchanged) or mined somewhere in the system, so every chain can run.
            var sold = exported.Concat(exchanged).Concat(system.Waypoints.SelectMany(w => w.Deposits.Goods)).ToHashSet();
            foreach (var market in markets.Where(m => m.Exports.Count > 0))
            {
                foreach (var input in market.Exports.SelectMany(TradeGoodCatalog.InputsOf))
                {
                    Assert.That(sold, Does.Contain(input), $"an input of {string.Join(",", market.Exports)}");
                }
            }
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void Its_trade_volumes_are_the_live_ones(int seed)
    {
        var (game, system) = Generate(seed);
        foreach (var market in Markets(game, system))
        {
            foreach (var good in market.Goods)
            {
                if (Live.Value.Volumes.TryGetValue((good.Symbol, good.Type), out var volume))
                {
                    Assert.That(good.TradeVolume, Is.EqualTo(volume), $"{good.Symbol} {good.Type} at {market.Waypoint.Symbol}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Its_prices_lie_in_the_live_ranges_per_class_of_good_and_kind_of_market(int seed)
    {
        var (game, system) = Generate(seed);
        var generated = Markets(game, system).SelectMany(m => m.Goods).Select(g => new Quote(g.Symbol, g.Type, g.PurchasePrice, g.SellPrice)).ToList();
        var report = new StringBuilder();
        Assert.Multiple(() =>
        {
            foreach (var group in Live.Value.Quotes.GroupBy(q => (Class: Classify(q.Symbol), q.Type)))
            {
                var ours = generated.Where(q => Classify(q.Symbol) == group.Key.Class && q.Type == group.Key.Type).ToList();
                if (ours.Count == 0)
                {
                    continue;
                }

                foreach (var side in new[] { "purchase", "sell" })
                {
                    var live = group.Select(q => side == "purchase" ? q.Purchase : q.Sell).ToList();
                    var mine = ours.Select(q => side == "purchase" ? q.Purchase : q.Sell).ToList();
                    report.AppendLine(CultureInfo.InvariantCulture, $"{group.Key.Class,-13} {group.Key.Type,-8} {side,-8} live {live.Min(),6}-{live.Max(),-6} median {Median(live),6}   generated {mine.Min(),6}-{mine.Max(),-6} median {Median(mine),6}");
                    Assert.That(mine.Min(), Is.GreaterThanOrEqualTo(live.Min() * 0.7), $"{group.Key} {side} lowest");
                    Assert.That(mine.Max(), Is.LessThanOrEqualTo(live.Max() * 1.4), $"{group.Key} {side} highest");
                    Assert.That(Median(mine), Is.InRange(Median(live) / 1.35, Median(live) * 1.35), $"{group.Key} {side} median");
                }
            }

            // Good by good, wherever a good is traded the same way in both: within 30% below to 40% above the live price.
            foreach (var quote in generated)
            {
                var live = Live.Value.Quotes.Where(q => q.Symbol == quote.Symbol && q.Type == quote.Type).ToList();
                if (live.Count == 0)
                {
                    continue;
                }

                Assert.That(quote.Purchase, Is.InRange(live.Min(q => q.Purchase) * 0.7, live.Max(q => q.Purchase) * 1.4), $"{quote.Symbol} {quote.Type} purchase");
                Assert.That(quote.Sell, Is.InRange(live.Min(q => q.Sell) * 0.7, live.Max(q => q.Sell) * 1.4), $"{quote.Symbol} {quote.Type} sell");
            }
        });
        TestContext.Out.WriteLine(report.ToString());
    }

    [TestCaseSource(nameof(Seeds))]
    public void Its_shipyards_sell_the_live_ships_at_the_live_prices(int seed)
    {
        var (game, system) = Generate(seed);
        var offers = system.Waypoints.Where(w => w.Shipyard is not null)
            .SelectMany(w => game.FindShipyard(w, game.StartedAt)!.Offers)
            .ToList();

        Assert.That(offers.Select(o => o.Spec.Type).Distinct(), Is.EquivalentTo(Live.Value.ShipPrices.Keys));
        foreach (var offer in offers)
        {
            var live = Live.Value.ShipPrices[offer.Spec.Type];
            Assert.That(offer.Price, Is.InRange(live * 0.9, live * 1.1), offer.Spec.Type);
        }
    }

    [TestCaseSource(nameof(Seeds))]
    public void Its_gate_is_under_construction_and_needs_the_live_materials(int seed)
    {
        var (game, system) = Generate(seed);
        var gate = system.JumpGate!;
        var construction = game.FindConstruction(gate);

        Assert.That(gate.IsUnderConstruction, Is.True);
        Assert.That(construction, Is.Not.Null);
        Assert.That(
            construction!.Materials.Select(m => (m.TradeSymbol, m.Required, m.Fulfilled)),
            Is.EquivalentTo(Live.Value.Construction));
    }

    [Test]
    public void A_new_agent_starts_as_in_the_live_game()
    {
        using var clock = new VirtualClock();
        var game = new GameState(5, clock);
        var agent = game.Register("NEWCOMER", "COSMIC", email: null, clock.GetUtcNow());

        Assert.That(agent.Credits, Is.EqualTo(Live.Value.StartingCredits));
        Assert.That(agent.Ships.Select(s => s.Type.Type), Is.EquivalentTo(new[] { "SHIP_COMMAND_FRIGATE", "SHIP_PROBE" }));
        var frigate = agent.Ships.Single(s => s.Type.Type == "SHIP_COMMAND_FRIGATE");
        Assert.That(frigate.Type.Engine.Speed, Is.EqualTo(Live.Value.FrigateSpeed));
        Assert.That(frigate.CargoCapacity, Is.EqualTo(Live.Value.FrigateCargo));
    }

    [Test]
    public void Different_seeds_lay_the_system_out_differently()
    {
        var a = Describe(Generate(1).Game, Generate(1).System);
        var b = Describe(Generate(2).Game, Generate(2).System);
        Assert.That(b, Is.Not.EqualTo(a));
    }

    private static (GameState Game, StarSystem System) Generate(int seed)
    {
        var clock = new VirtualClock();
        var game = new GameState(seed, clock);
        return (game, game.Universe.Headquarters["COSMIC"].System);
    }

    private static IEnumerable<Market> Markets(GameState game, StarSystem system) =>
        system.Waypoints.Where(w => w.Market is not null).Select(w => game.FindMarket(w, game.StartedAt)!);

    /// <summary>The classes the price test compares: bulk raw goods, refined and light chemicals, manufactured goods, fuel and antimatter.</summary>
    private static string Classify(string symbol) => symbol switch
    {
        "FUEL" => "fuel",
        "ANTIMATTER" => "antimatter",
        _ when TradeGoodCatalog.Get(symbol).BasePrice < 100 => "raw",
        _ when TradeGoodCatalog.Get(symbol).BasePrice < 1000 => "refined",
        _ when TradeGoodCatalog.Get(symbol).BasePrice < 10000 => "manufactured",
        _ => "rare",
    };

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }

    private static string Describe(GameState game, StarSystem system)
    {
        var text = new StringBuilder();
        foreach (var waypoint in system.Waypoints)
        {
            var r = Math.Sqrt((waypoint.X * waypoint.X) + (waypoint.Y * waypoint.Y));
            text.Append(CultureInfo.InvariantCulture, $"{waypoint.Symbol,-14} {waypoint.Type,-20} ({waypoint.X,4},{waypoint.Y,4}) r{r,4:0} {string.Join(",", waypoint.Traits)}");
            if (waypoint.Market is { } market)
            {
                text.Append(CultureInfo.InvariantCulture, $"  EXP[{string.Join(",", market.Exports)}] IMP[{string.Join(",", market.Imports)}] EXC[{string.Join(",", market.Exchange)}]");
            }

            if (waypoint.Shipyard is { } yard)
            {
                text.Append(CultureInfo.InvariantCulture, $"  YARD[{string.Join(",", yard.ShipTypes)}]");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private sealed record Quote(string Symbol, string Type, int Purchase, int Sell);

    /// <summary>The figures of the live capture, read from its files.</summary>
    private sealed class Capture
    {
        public required Dictionary<string, int> TypeCounts { get; init; }

        public required int Orbitals { get; init; }

        public required List<string> Markets { get; init; }

        public required HashSet<string> Exported { get; init; }

        public required HashSet<string> Imported { get; init; }

        public required HashSet<string> Exchanged { get; init; }

        public required int Listings { get; init; }

        public required Dictionary<(string Symbol, string Type), int> Volumes { get; init; }

        public required List<Quote> Quotes { get; init; }

        public required Dictionary<string, double> ShipPrices { get; init; }

        public required List<(string, int, int)> Construction { get; init; }

        public required long StartingCredits { get; init; }

        public required int FrigateSpeed { get; init; }

        public required int FrigateCargo { get; init; }

        public static Capture Load()
        {
            var folder = SpecFiles.LiveStartCapture;
            JsonElement Data(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file))).RootElement.GetProperty("data");
            var system = Data("snapshot_system.json");
            var waypoints = system.GetProperty("waypoints").EnumerateArray().ToList();
            var markets = Directory.GetFiles(folder, "snapshot_market_*.json").Select(f => Data(Path.GetFileName(f))).ToList();
            static IEnumerable<string> Symbols(JsonElement market, string list) => market.GetProperty(list).EnumerateArray().Select(g => g.GetProperty("symbol").GetString()!);
            var quotes = markets.SelectMany(m => m.GetProperty("tradeGoods").EnumerateArray())
                .Select(g => new Quote(g.GetProperty("symbol").GetString()!, g.GetProperty("type").GetString()!, g.GetProperty("purchasePrice").GetInt32(), g.GetProperty("sellPrice").GetInt32()))
                .ToList();
            var volumes = markets.SelectMany(m => m.GetProperty("tradeGoods").EnumerateArray())
                .GroupBy(g => (g.GetProperty("symbol").GetString()!, g.GetProperty("type").GetString()!))
                .ToDictionary(g => g.Key, g => g.First().GetProperty("tradeVolume").GetInt32());
            var ships = Directory.GetFiles(folder, "snapshot_shipyard_*.json").Select(f => Data(Path.GetFileName(f)))
                .SelectMany(y => y.GetProperty("ships").EnumerateArray())
                .GroupBy(s => s.GetProperty("type").GetString()!)
                .ToDictionary(g => g.Key, g => g.Average(s => s.GetProperty("purchasePrice").GetDouble()));
            var construction = Data("snapshot_construction.json").GetProperty("materials").EnumerateArray()
                .Select(m => (m.GetProperty("tradeSymbol").GetString()!, m.GetProperty("required").GetInt32(), m.GetProperty("fulfilled").GetInt32()))
                .ToList();
            var frigate = Data("snapshot_ship_FLWI_TEST-1.json");
            return new Capture
            {
                TypeCounts = waypoints.GroupBy(w => w.GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
                Orbitals = waypoints.Count(w => w.TryGetProperty("orbits", out var o) && o.ValueKind == JsonValueKind.String),
                Markets = [.. markets.Select(m => m.GetProperty("symbol").GetString()!)],
                Exported = [.. markets.SelectMany(m => Symbols(m, "exports"))],
                Imported = [.. markets.SelectMany(m => Symbols(m, "imports"))],
                Exchanged = [.. markets.SelectMany(m => Symbols(m, "exchange"))],
                Listings = markets.Sum(m => Symbols(m, "exports").Count() + Symbols(m, "imports").Count() + Symbols(m, "exchange").Count()),
                Volumes = volumes,
                Quotes = quotes,
                ShipPrices = ships,
                Construction = construction,
                StartingCredits = Data("snapshot_agent.json").GetProperty("credits").GetInt64(),
                FrigateSpeed = frigate.GetProperty("engine").GetProperty("speed").GetInt32(),
                FrigateCargo = frigate.GetProperty("cargo").GetProperty("capacity").GetInt32(),
            };
        }
    }
}
