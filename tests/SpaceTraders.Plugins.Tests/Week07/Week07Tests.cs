using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week07;

/// <summary>The week-7 behaviours and the recon conductor on the simulator, run by the real runtime in virtual time.</summary>
[TestFixture]
public sealed class Week07Tests
{
    [Test]
    public void The_week07_plugin_offers_its_behaviours_and_the_recon_conductor_under_stable_ids()
    {
        var plugin = new SpaceTraders.Plugins.Week07.Week07Plugin();

        Assert.Multiple(() =>
        {
            Assert.That(plugin.Manifest.Version, Is.EqualTo("week07"));
            Assert.That(plugin.Manifest.Behaviours.Select(b => b.Id), Is.EquivalentTo(new[] { "fulfill-contracts", "explore", "upgrade", "monitor-shipyards" }));
            Assert.That(plugin.Manifest.Conductors.Select(c => c.Id), Is.EquivalentTo(new[] { "week07" }));
            Assert.That(plugin.Manifest.Behaviours.Select(b => plugin.CreateBehaviour(b.Id)), Is.All.Not.Null);
            Assert.That(plugin.CreateConductor("week07"), Is.Not.Null);
            Assert.That(plugin.Manifest.Behaviours.SelectMany(b => b.Parameters).Select(p => p.DefaultValue), Is.All.Not.Null, "every parameter documents its default");
        });
    }

    [Test]
    public async Task Fulfill_contracts_accepts_the_starting_contract_sources_the_goods_delivers_and_fulfils_it()
    {
        using var game = new WeeklyGame(seed: 701);
        FleetShip? ended = null;
        var fulfilled = false;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            context.Assign(ship.Symbol, new StrategyRef("fulfill-contracts", "week07"), StrategyParameters.Parse("contracts=1"));
            ended = await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(8), ct);
            fulfilled = context.Agent.Contracts.Any(c => c.Value is { Fulfilled: true });
        }, TimeSpan.FromHours(8));

        TestContext.Out.WriteLine(run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(ended!.Session!.Outcome, Is.EqualTo(SessionOutcome.Completed), "one contract, then back to the conductor");
            Assert.That(fulfilled, Is.True, "the contract shows fulfilled in the agent's state");
            Assert.That(run.Earned("contract-accept"), Is.Positive, "the offered starting contract was accepted");
            Assert.That(run.Earned("contract-fulfil"), Is.Positive, "and paid on fulfilment");
        });
    }

    [Test]
    public async Task Fulfill_contracts_negotiates_the_next_contract_once_one_is_fulfilled()
    {
        using var game = new WeeklyGame(seed: 3);
        FleetShip? ended = null;
        var contracts = 0;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            context.Assign(ship.Symbol, new StrategyRef("fulfill-contracts", "week07"), StrategyParameters.Parse("contracts=2"));
            ended = await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(12), ct);
            contracts = context.Agent.Contracts.Count;
        }, TimeSpan.FromHours(12));

        TestContext.Out.WriteLine(run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(contracts, Is.GreaterThanOrEqualTo(2), "a second contract was negotiated after the first");
            Assert.That(run.Movements.Count(m => m.Kind == "contract-fulfil"), Is.EqualTo(2), $"both fulfilled ({ended!.Session!.Outcome})");
        });
    }

    [Test]
    public async Task Fulfill_contracts_siphons_a_gas_no_market_sells_at_the_gas_giant()
    {
        // A live-sized starting system's gas giant station exchanges all three gases, so no gas there lacks a seller. The
        // ship first fulfils the starting contract at home (the behaviour works one system), then flies through the
        // working starting gate to a faction system one jump away with a gas giant whose markets import a gas nobody there
        // sells, and works that faction's contracts (seed 1: X1-HF9 imports all three gases and sells none; its second
        // contract asks for hydrocarbon).
        using var game = new WeeklyGame(seed: 1, options => options.StartingGatesUnderConstruction = false);
        string? system = null;
        List<string> fulfilled = [];
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            var home = ship.Current.Nav!.SystemSymbol;
            context.Assign(ship.Symbol, new StrategyRef("fulfill-contracts", "week07"), StrategyParameters.Parse("contracts=1"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(8), ct);
            var target = await Neighbourhood.FindAsync(
                context,
                home,
                1,
                s => s.Waypoints.Any(w => w.Faction is not null) && s.Waypoints.Any(w => w.Type == WaypointType.GasGiant) && Gases.Any(g => s.Imports(g) && !s.Sells(g)),
                ct);
            if (target is null)
            {
                return;
            }

            system = target.Symbol;
            var importer = target.Markets.First(m => m.Imports.Any(g => Gases.Contains(g.Value) && !target.Sells(g.Value))).WaypointSymbol;
            await new ShipPilot(context.Client, ship.Symbol).TravelToAsync(importer, ct);
            context.Assign(ship.Symbol, new StrategyRef("fulfill-contracts", "week07"), StrategyParameters.Parse("minSiphonPayment=0"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(12), ct);
            fulfilled = [.. context.Agent.Contracts.Select(c => c.Value).OfType<Contract>().Where(c => c.Fulfilled).SelectMany(c => c.Terms.Deliver ?? [])
                .Where(d => ShipPilot.SystemOf(d.DestinationSymbol) == target.Symbol).Select(d => d.TradeSymbol.Value)];
        }, TimeSpan.FromHours(20));

        TestContext.Out.WriteLine(run.ToString());
        TestContext.Out.WriteLine($"{system}: {string.Join(", ", fulfilled)}");
        Assert.Multiple(() =>
        {
            Assert.That(system, Is.Not.Null, "a faction system one jump away has a gas giant and imports a gas none of its markets sells");
            Assert.That(fulfilled, Has.Some.AnyOf(Gases), "its contracts asked for such a gas, and it was siphoned and delivered");
            Assert.That(run.Movements.Where(m => m.Kind == "purchase").Select(m => m.TradeSymbol), Has.None.AnyOf(Gases), "no gas was bought");
        });
    }

    [Test]
    public async Task Fulfill_contracts_buys_a_good_nobody_exports_at_a_market_that_imports_it_when_the_contract_pays()
    {
        // With live price levels an import charges about 2.5 times a good's base price and a negotiated contract pays
        // 1.5 times its goods' base value, so only the starting contract (2.5 times plus 12,000) leaves room to buy at an
        // importer. A live-sized starting system imports, and nobody in it exports or exchanges, only exotic matter (10
        // units at some 74,000 each: beyond the agent's credits) and the precious ores its asteroid base refines. Seed
        // 10's starting contract asks for 70 PLATINUM_ORE for the asteroid base; the ship is told not to mine (mine=false),
        // so no market export, exchange or asteroid is a source and the import is the only one.
        using var game = new WeeklyGame(seed: 10);
        List<string> importedOnly = [];
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            var system = ship.Current.Nav!.SystemSymbol;
            context.Assign(ship.Symbol, new StrategyRef("fulfill-contracts", "week07"), StrategyParameters.Parse("contracts=1;mine=false"));
            await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(12), ct);
            importedOnly = [.. context.Agent.Contracts.Select(c => c.Value).OfType<Contract>().Where(c => c.Fulfilled)
                .SelectMany(c => c.Terms.Deliver ?? []).Select(d => d.TradeSymbol)
                .Where(g => context.Markets.FindMarkets(system, g, MarketTradeGoodType.Import).Count > 0
                    && context.Markets.FindMarkets(system, g, MarketTradeGoodType.Export).Count == 0
                    && context.Markets.FindMarkets(system, g, MarketTradeGoodType.Exchange).Count == 0)
                .Select(g => g.Value).Distinct()];
        }, TimeSpan.FromHours(12));

        TestContext.Out.WriteLine(run.ToString());
        TestContext.Out.WriteLine(string.Join(", ", importedOnly));
        Assert.Multiple(() =>
        {
            Assert.That(importedOnly, Is.Not.Empty, "a contract for a good no market of the system exports was fulfilled");
            Assert.That(run.Movements.Where(m => m.Kind == "purchase").Select(m => m.TradeSymbol), Does.Contain(importedOnly.FirstOrDefault()), "bought, not mined");
            Assert.That(run.Movements.Where(m => m.Kind == "purchase").Select(m => m.TradeSymbol), Is.All.EqualTo(importedOnly.FirstOrDefault()), "nothing else bought");
            Assert.That(run.Earned("contract-accept") + run.Earned("contract-fulfil") + run.Earned("purchase"), Is.Positive, "the contracts paid more than their goods cost");
        });
    }

    [Test]
    public async Task Explore_maps_systems_along_the_gates_and_travels_by_jumps_to_chart_uncharted_waypoints()
    {
        // A live starting system's gate is under construction (no jumps out); this scenario needs working starting gates.
        using var game = new WeeklyGame(seed: 2, options => options.StartingGatesUnderConstruction = false);
        FleetShip? ended = null;
        string? home = null, after = null;
        int systemsKnown = 0;
        List<string> uncharted = [], stillUncharted = [];
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            home = probe.Current.Nav!.SystemSymbol;
            uncharted = await UnchartedNearAsync(context, home, 12, ct);
            context.Assign(probe.Symbol, new StrategyRef("explore", "week07"), StrategyParameters.Parse("maxSystems=12;maxJumps=4"));
            ended = await Scenario.WaitUntilEndedAsync(context, probe.Symbol, TimeSpan.FromHours(6), ct);
            after = probe.Current.Nav!.SystemSymbol;
            systemsKnown = Reachable(context, home).Count;
            stillUncharted = [.. uncharted.Where(w => context.World.TryGetWaypoint(w, out var latest) && latest.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Uncharted))];
        }, TimeSpan.FromHours(6));

        TestContext.Out.WriteLine(run.ToString());
        TestContext.Out.WriteLine($"home {home}, after {after}, systems {systemsKnown}, uncharted {uncharted.Count} -> {stillUncharted.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(ended!.Session!.Outcome, Is.EqualTo(SessionOutcome.Completed), "nothing within reach left to explore");
            Assert.That(systemsKnown, Is.GreaterThan(1), "systems beyond home mapped along the gates");
            Assert.That(after, Is.Not.EqualTo(home), "the probe jumped out to chart");
            Assert.That(run.Earned("jump"), Is.Negative, "each jump paid its antimatter");
            Assert.That(uncharted, Is.Not.Empty, "the seed's neighbourhood has uncharted waypoints");
            Assert.That(stillUncharted, Is.Empty, "every uncharted waypoint within reach was charted");
        });
    }

    [Test]
    public async Task Upgrade_installs_a_mining_laser_in_the_free_mounting_point_when_it_pays()
    {
        using var game = new WeeklyGame(seed: UpgradeSeed, options => options.StartingGatesUnderConstruction = false);
        FleetShip? ended = null;
        string? market = null;
        IReadOnlyList<string> before = [], after = [];
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            market = await TravelToLaserMarketAsync(context, ship, ct);
            before = [.. ship.Current.Mounts!.Select(m => m.Symbol.Value)];
            context.Assign(ship.Symbol, new StrategyRef("upgrade", "week07"));
            ended = await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(2), ct);
            after = [.. ship.Current.Mounts!.Select(m => m.Symbol.Value)];
        }, TimeSpan.FromHours(4));

        TestContext.Out.WriteLine(run.ToString());
        TestContext.Out.WriteLine($"{market}: {string.Join(",", before)} -> {string.Join(",", after)}");
        Assert.Multiple(() =>
        {
            Assert.That(market, Is.Not.Null, "a system one jump from home sells a mining laser and has a shipyard");
            Assert.That(ended!.Session!.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(after.Count(m => m.StartsWith("MOUNT_MINING_LASER", StringComparison.Ordinal)), Is.EqualTo(before.Count(m => m.StartsWith("MOUNT_MINING_LASER", StringComparison.Ordinal)) + 1), "one more laser");
            Assert.That(run.Earned("mount"), Is.Negative, "the shipyard's fee was paid");
        });
    }

    [Test]
    public async Task Upgrade_installs_nothing_when_no_laser_pays_back_in_time()
    {
        using var game = new WeeklyGame(seed: UpgradeSeed, options => options.StartingGatesUnderConstruction = false);
        FleetShip? ended = null;
        string? market = null;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var ship = Scenario.CommandShip(context);
            market = await TravelToLaserMarketAsync(context, ship, ct);
            context.Assign(ship.Symbol, new StrategyRef("upgrade", "week07"), StrategyParameters.Parse("paybackHours=0.01"));
            ended = await Scenario.WaitUntilEndedAsync(context, ship.Symbol, TimeSpan.FromHours(1), ct);
        }, TimeSpan.FromHours(3));

        Assert.Multiple(() =>
        {
            Assert.That(market, Is.Not.Null, "a mining laser is on sale in the ship's system, so only the payback holds the purchase back");
            Assert.That(ended!.Session!.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(run.Movements.Where(m => m.Kind is "mount" or "purchase"), Is.Empty, "nothing bought");
        });
    }

    [Test]
    public async Task Monitor_shipyards_reads_every_shipyard_once_where_it_shows_prices_and_not_again_before_max_age()
    {
        using var game = new WeeklyGame(seed: 705);
        var yards = 0;
        var priced = 0;
        long firstRound = 0, later = 0;
        var run = await game.RunScriptAsync(async (context, ct) =>
        {
            var probe = Scenario.Probe(context);
            var waypoints = await context.World.GetWaypointsAsync(probe.Current.Nav!.SystemSymbol, ct);
            var shipyards = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)).ToList();
            yards = shipyards.Count;
            context.Assign(probe.Symbol, new StrategyRef("monitor-shipyards", "week07"), StrategyParameters.Parse("maxAge=02:00:00;shipType=SHIP_SURVEYOR"));
            await context.Clock.DelayAsync(TimeSpan.FromMinutes(30), ct);
            firstRound = context.Ships.Single(s => s.Symbol == probe.Symbol).Session!.Requests;
            priced = shipyards.Count(y => context.World.TryGetShipyard(y.Symbol, out var shipyard) && shipyard.Ships is { Count: > 0 });
            await context.Clock.DelayAsync(TimeSpan.FromMinutes(80), ct);
            later = context.Ships.Single(s => s.Symbol == probe.Symbol).Session!.Requests;
        }, TimeSpan.FromHours(2));

        TestContext.Out.WriteLine(run.ToString());
        TestContext.Out.WriteLine($"yards {yards}, priced {priced}, requests {firstRound} then {later}");
        Assert.Multiple(() =>
        {
            Assert.That(yards, Is.GreaterThan(1));
            Assert.That(priced, Is.EqualTo(yards), "every shipyard's prices known (read with the ship present)");
            Assert.That(firstRound, Is.LessThanOrEqualTo((3 * yards) + 3), "per shipyard a flight and one read; an orbit; the flight to park");
            Assert.That(later, Is.EqualTo(firstRound), "no shipyard read again before its prices are two hours old");
            Assert.That(run.Agent.Ships.Single(s => s.Assignment?.Id == "monitor-shipyards").Activity, Does.StartWith("parked at"));
        });
    }

    [Test]
    public async Task The_week07_conductor_accepts_the_starting_contract_buys_at_the_cheapest_yard_mines_and_explores()
    {
        using var game = new WeeklyGame(seed: 707);

        var run = await game.RunAsync(new StrategyRef("week07"), TimeSpan.FromHours(4));

        TestContext.Out.WriteLine(run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(run.Earned("contract-accept"), Is.Positive, "the starting contract accepted");
            Assert.That(run.Agent.Ships.Count(s => s.Role == "SURVEYOR"), Is.EqualTo(1), "a surveyor bought");
            Assert.That(run.Behaviours.Select(b => b.Key), Does.Contain("explore@week07").And.Contain("monitor-shipyards@week07"));
            Assert.That(run.Earned("sell"), Is.Positive, "the command ship mined and sold between contracts");
        });
    }

    /// <summary>
    /// The seed of the upgrade tests, whose starting system has a neighbour one jump away with a shipyard and a station
    /// exporting MOUNT_MINING_LASER_I. No market of a live-sized starting system sells mounts, so the command ship is
    /// flown there first (through working starting gates).
    /// </summary>
    private const int UpgradeSeed = 9;

    private static readonly string[] Gases = ["HYDROCARBON", "LIQUID_HYDROGEN", "LIQUID_NITROGEN"];

    private static readonly string[] MiningLasers = ["MOUNT_MINING_LASER_I", "MOUNT_MINING_LASER_II", "MOUNT_MINING_LASER_III"];

    /// <summary>Flies the ship through the gates to the shipyard of the nearest system that sells a mining laser and has one; returns the laser's market.</summary>
    private static async Task<string?> TravelToLaserMarketAsync(IConductorContext context, TrackedShip ship, CancellationToken ct)
    {
        var home = ship.Current.Nav!.SystemSymbol;
        var target = await Neighbourhood.FindAsync(context, home, 1, s => s.Shipyards.Count > 0 && MiningLasers.Any(s.Sells), ct);
        if (target is null)
        {
            return null;
        }

        await MarketListings.EnsureLoadedAsync(context.Client, home, ct);
        await new ShipPilot(context.Client, ship.Symbol).TravelToAsync(target.Shipyards[0].Symbol, ct);
        return target.Markets.First(m => m.Exports.Concat(m.Exchange).Any(g => MiningLasers.Contains(g.Value))).WaypointSymbol;
    }

    /// <summary>Reads (as the explorer will, into the same caches) the waypoints of up to <paramref name="max"/> systems along the gates; returns the uncharted ones.</summary>
    private static async Task<List<string>> UnchartedNearAsync(IConductorContext context, string home, int max, CancellationToken ct)
    {
        var uncharted = new List<string>();
        var queue = new Queue<string>([home]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { home };
        for (var read = 0; queue.Count > 0 && read < max; read++)
        {
            var waypoints = await context.World.GetWaypointsAsync(queue.Dequeue(), ct);
            uncharted.AddRange(waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Uncharted)).Select(w => w.Symbol));
            foreach (var gate in waypoints.Where(w => w.Type == WaypointType.JumpGate))
            {
                foreach (var next in (await context.World.GetJumpGateAsync(gate.Symbol, ct)).Connections.Select(ShipPilot.SystemOf).Where(seen.Add))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return uncharted;
    }

    /// <summary>The systems reachable from home along the known gates (home excluded), breadth-first.</summary>
    private static List<string> Reachable(IConductorContext context, string home)
    {
        var graph = context.World.BuildJumpGateGraph();
        var seen = new HashSet<string>(StringComparer.Ordinal) { home };
        var queue = new Queue<string>([home]);
        var found = new List<string>();
        while (queue.Count > 0)
        {
            foreach (var next in graph.GetConnections(queue.Dequeue()).Where(seen.Add))
            {
                found.Add(next);
                queue.Enqueue(next);
            }
        }

        return found;
    }
}
