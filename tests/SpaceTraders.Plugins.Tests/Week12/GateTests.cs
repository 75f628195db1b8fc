using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>The week-12 gate part on the simulator, run by the real runtime in virtual time: building the starting gate and trading through it.</summary>
[TestFixture]
public sealed class GateTests
{
    private static readonly StrategyRef Build = new("build", Week12Plugin.VersionLabel);
    private static readonly StrategyRef Expand = new("expand", Week12Plugin.VersionLabel);

    private static IStrategyPlugin[] Plugins(params IStrategyPlugin[] extra) => [.. WeeklyPlugins.All, new Week12Plugin(), .. extra];

    [Test]
    public async Task Builders_buy_the_materials_under_their_cap_and_supply_them_until_the_gate_is_complete_without_buying_a_unit_too_many()
    {
        // Plenty of credits, two light haulers and the command ship building together: three builders whose claims must
        // keep them from buying more than the site needs between them.
        using var game = new WeeklyGame(seed: 1201, options => options.StartingCredits = 30_000_000);
        Construction? before = null, after = null;
        var builders = new List<string>();
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromDays(2), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var command = Scenario.CommandShip(context);
            var system = command.Current.Nav!.SystemSymbol;
            var gate = (await context.World.GetWaypointsAsync(system, ct)).Single(w => w.Type == WaypointType.JumpGate).Symbol;
            before = await context.Client.Systems.GetConstructionAsync(gate, cancellationToken: ct);
            var yard = await ShipyardSellingAsync(context, system, ShipType.ShipLightHauler, ct);
            await new ShipPilot(context.Client, Scenario.Probe(context).Symbol).NavigateAsync(yard, ct);
            builders.Add((await context.Client.Fleet.PurchaseShipAsync(ShipType.ShipLightHauler, yard, cancellationToken: ct)).Ship.Symbol);
            builders.Add((await context.Client.Fleet.PurchaseShipAsync(ShipType.ShipLightHauler, yard, cancellationToken: ct)).Ship.Symbol);
            builders.Add(command.Symbol);
            // The defaults: a low lapses after lowFor, but never rises more than lowCeiling (100%) over the lowest price
            // seen, so three builders that keep the market drained pay at most 2 x 1.3 times it (FAB_MATS reached 2.9
            // times on the rule without a ceiling).
            var parameters = StrategyParameters.Parse($"gate={gate}");
            while (!ct.IsCancellationRequested)
            {
                foreach (var ship in context.Ships.Where(s => builders.Contains(s.Symbol) && s.State is FleetShipState.Unassigned or FleetShipState.Waiting))
                {
                    context.Assign(ship.Symbol, Build, parameters);
                }

                after = await context.Client.Systems.GetConstructionAsync(gate, cancellationToken: ct);
                if (after.IsComplete && context.Ships.Where(s => builders.Contains(s.Symbol)).All(s => s.State is FleetShipState.Unassigned or FleetShipState.Waiting))
                {
                    foreach (var builder in builders)
                    {
                        left[builder] = context.Agent.GetShip(builder).Current.Cargo!.Inventory.Where(i => i.Symbol.Value is "FAB_MATS" or "ADVANCED_CIRCUITRY").Sum(i => i.Units);
                    }

                    return;
                }

                await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(10), ct);
            }
        })));

        var purchases = run.Movements.Where(m => m.Kind == "purchase" && m.TradeSymbol is "FAB_MATS" or "ADVANCED_CIRCUITRY").ToList();
        var bought = purchases.GroupBy(m => m.TradeSymbol!).ToDictionary(g => g.Key, g => g.Sum(m => m.Units ?? 0), StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(before!.IsComplete, Is.False, "the starting gate is under construction");
            Assert.That(after?.IsComplete, Is.True, "the builders completed it");
            Assert.That(run.Sessions.Where(s => s.BehaviourId == "build").Select(s => s.ShipSymbol).Distinct().Count(), Is.EqualTo(3), "all three built");
            Assert.That(bought.GetValueOrDefault("FAB_MATS"), Is.EqualTo(1600), "exactly what the site needed: no builder bought for units another held or had claimed");
            Assert.That(bought.GetValueOrDefault("ADVANCED_CIRCUITRY"), Is.EqualTo(400));
            Assert.That(left.Values, Is.All.Zero, "nothing left in the holds");
            foreach (var good in purchases.GroupBy(m => m.TradeSymbol!))
            {
                // One market exports each material in a starting system: every batch within the highest cap the ceiling
                // allows, 30% over a low at most 100% over the lowest price seen (so over the lowest price paid).
                var prices = good.Select(m => -m.Amount / (double)m.Units!.Value).ToList();
                Assert.That(prices.Max(), Is.LessThanOrEqualTo(prices.Min() * 2 * 1.3), $"{good.Key} bought under its cap, at most 2 x 1.3 times the lowest price");
            }
        });
    }

    [Test]
    public async Task The_conductor_starts_building_once_its_income_covers_the_materials_and_buys_haulers_for_it()
    {
        // A small fleet (maxShips) keeps the run short; the starting credits pay for both builders at once, and gateWithin
        // is long enough that the first hour's income covers the materials. With gate=false the same run never builds.
        var building = await ConductorRunAsync(seed: 1204, "maxShips=12;gateWithin=48:00:00;gateBuilders=2");
        var without = await ConductorRunAsync(seed: 1204, "maxShips=12;gateWithin=48:00:00;gateBuilders=2;gate=false");

        var builders = building.Sessions.Where(s => s.BehaviourId == "build").Select(s => s.ShipSymbol).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(builders, Has.Count.EqualTo(2), "two builders");
            Assert.That(building.Sessions.Where(s => s.BehaviourId == "build").Select(s => s.ShipType).Distinct(), Is.EqualTo(new[] { "SHIP_LIGHT_HAULER" }), "light haulers bought for it");
            Assert.That(building.Movements.Where(m => m.Kind == "purchase" && m.TradeSymbol is "FAB_MATS" or "ADVANCED_CIRCUITRY").Sum(m => m.Units ?? 0), Is.Positive, "they bought materials");
            Assert.That(building.Sessions.Where(s => s.BehaviourId == "build" && s.Outcome == SessionOutcome.Completed && s.CreditsEarned < 0), Is.Not.Empty, "and delivered them (a completed trip spends)");
            Assert.That(building.Sessions.Where(s => s.BehaviourId == "build" && s.Outcome == SessionOutcome.Paused), Is.Empty, "saturation control leaves builders alone");
            Assert.That(without.Sessions.Where(s => s.BehaviourId == "build"), Is.Empty, "gate=false never builds");
        });
    }

    [Test]
    public async Task Through_a_working_gate_a_trader_scouts_the_neighbours_markets_then_carries_a_load_there_and_sells_it()
    {
        using var game = new WeeklyGame(seed: 1203, options => options.StartingGatesUnderConstruction = false);
        string? home = null, neighbour = null, endedIn = null;
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(12), null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var command = Scenario.CommandShip(context);
            home = command.Current.Nav!.SystemSymbol;
            await MarketListings.EnsureLoadedAsync(context.Client, home, ct);
            var exported = context.Markets.GetMarkets(home).SelectMany(m => m.Exports).Select(g => g.Value).ToHashSet(StringComparer.Ordinal);
            var view = await Neighbourhood.FindAsync(context, home, 1, v => v.Markets.Any(m => m.Imports.Any(g => exported.Contains(g.Value))), ct);
            if (view is null)
            {
                return;
            }

            // The probe prices the home markets that export what the neighbour imports; the neighbour's stay unpriced.
            neighbour = view.Symbol;
            var imported = view.Markets.SelectMany(m => m.Imports).Select(g => g.Value).ToHashSet(StringComparer.Ordinal);
            var probe = new ShipPilot(context.Client, Scenario.Probe(context).Symbol);
            foreach (var market in context.Markets.GetMarkets(home).Where(m => m.Exports.Any(g => imported.Contains(g.Value))).Select(m => m.WaypointSymbol).Order(StringComparer.Ordinal).ToList())
            {
                await probe.NavigateAsync(market, ct);
                await context.Client.Systems.GetMarketAsync(market, cancellationToken: ct);
            }

            for (var session = 0; session < 4; session++)
            {
                context.Assign(command.Symbol, Expand, StrategyParameters.Parse($"home={home};systems={neighbour}"));
                var ended = await Scenario.WaitUntilEndedAsync(context, command.Symbol, TimeSpan.FromHours(6), ct);
                endedIn = context.Agent.GetShip(command.Symbol).Current.Nav?.SystemSymbol;
                if (ended.Session is { Outcome: SessionOutcome.Completed, CreditsEarned: > 0 })
                {
                    return;
                }
            }
        })));

        var expand = run.Sessions.Where(s => s.BehaviourId == "expand").OrderBy(s => s.StartedAt).ToList();
        var trip = expand.LastOrDefault();
        var moves = trip is null ? [] : run.Movements.Where(m => m.At >= trip.StartedAt && m.At <= (trip.EndedAt ?? DateTimeOffset.MaxValue)).OrderBy(m => m.At).ToList();
        var jumped = moves.FindIndex(m => m.Kind == "jump");
        Assert.Multiple(() =>
        {
            Assert.That(neighbour, Is.Not.Null, "a neighbour across the gate imports what home exports");
            Assert.That(expand.First().CreditsEarned, Is.Negative, "the first session found the neighbour unpriced: it jumped there and read its markets");
            Assert.That(trip?.Outcome, Is.EqualTo(SessionOutcome.Completed));
            Assert.That(trip?.CreditsEarned, Is.Positive, "the trip through the gate paid, jump included");
            Assert.That(jumped, Is.GreaterThan(0), "bought at home, then jumped");
            Assert.That(moves.Take(jumped).Where(m => m.Kind == "purchase"), Is.Not.Empty, "the load was bought before the jump");
            Assert.That(moves.Skip(jumped).Where(m => m.Kind == "sell").Sum(m => m.Amount), Is.Positive, "and sold after it");
            Assert.That(endedIn, Is.EqualTo(neighbour), "in the neighbour's system");
        });
    }

    private static async Task<WeeklyRun> ConductorRunAsync(int seed, string parameters)
    {
        using var game = new WeeklyGame(seed, options => options.StartingCredits = 3_000_000);
        return await game.RunAsync(new StrategyRef(Week12Conductor.Id), TimeSpan.FromHours(4), StrategyParameters.Parse(parameters), Plugins());
    }

    private static async Task<string> ShipyardSellingAsync(IConductorContext context, string system, ShipType type, CancellationToken ct)
    {
        foreach (var waypoint in (await context.World.GetWaypointsAsync(system, ct)).Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)).OrderBy(w => w.Symbol, StringComparer.Ordinal))
        {
            if ((await context.World.GetShipyardAsync(waypoint.Symbol, ct)).ShipTypes.Any(t => t.Type == type))
            {
                return waypoint.Symbol;
            }
        }

        throw new InvalidOperationException($"No shipyard of {system} sells {type}.");
    }
}
