using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>
/// The week-12 conductor started on a fleet another runtime played (the runner restarted mid-game,
/// <see cref="ResumedGame"/>): it picks up what the previous conductor left.
/// </summary>
[TestFixture]
public sealed class Week12ResumeTests
{
    private const string Material = "FAB_MATS";
    private static readonly StrategyRef Conductor = new(Week12Conductor.Id, Week12Plugin.VersionLabel);

    private static IStrategyPlugin[] Plugins(params IStrategyPlugin[] extra) => [.. WeeklyPlugins.All, new Week12Plugin(), .. extra];

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_resumed_hauler_holding_gate_materials_supplies_them_to_the_gate_instead_of_selling_them(bool abrupt)
    {
        var end = abrupt ? LegEnd.Abrupt : LegEnd.Graceful;
        // The first runtime leaves a light hauler holding FAB_MATS bought for the gate (as a builder would); the second
        // plays week12 on the same agent and must carry them to the gate.
        using var game = new ResumedGame(seed: 1211, options => options.StartingCredits = 2_000_000);
        string? hauler = null;
        var first = await game.PlayAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(2), end, null, Plugins(new ScriptPlugin(async (context, ct) =>
        {
            var home = Scenario.CommandShip(context).Current.Nav!.SystemSymbol;
            await Scenario.BuyAsync(context, "SHIP_LIGHT_HAULER", 1, ct);
            hauler = context.Agent.Ships.First(s => s.Current.Registration?.Role == ShipRole.Hauler).Symbol;
            await MarketListings.EnsureLoadedAsync(context.Client, home, ct);
            var market = context.Markets.GetMarkets(home).First(m => m.Exports.Any(g => g.Value == Material)).WaypointSymbol;
            var pilot = new ShipPilot(context.Client, hauler);
            await pilot.NavigateAsync(market, ct);
            await pilot.BuyAsync(new TradeSymbol(Material), 40, ct);
            await context.Clock.DelayAsync(TimeSpan.FromDays(1), ct);   // hold it until the runtime stops
        })));
        var held = first.Ships.Single(s => s.Symbol == hauler).Cargo!.Inventory.Single(i => i.Symbol.Value == Material).Units;

        var second = await game.PlayAsync(Conductor, TimeSpan.FromHours(2), LegEnd.Graceful, null, Plugins());

        var moves = second.Run.Movements.Where(m => m.ShipSymbol == hauler && m.TradeSymbol == Material).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(held, Is.EqualTo(40), "the first runtime left the hauler holding the material");
            Assert.That(first.Gate!.Materials.Single(m => m.TradeSymbol.Value == Material).Fulfilled, Is.Zero, "and none supplied");
            Assert.That(moves.Where(m => m.Kind == CreditCauses.Sell), Is.Empty, "the second never sold it");
            Assert.That(second.Ships.Single(s => s.Symbol == hauler).Cargo!.Inventory.Where(i => i.Symbol.Value == Material).Sum(i => i.Units), Is.Zero, "nor kept it");
            Assert.That(second.Run.Sessions.Where(s => s.ShipSymbol == hauler && s.BehaviourId == "build"), Is.Not.Empty, "the hauler built");
            Assert.That(second.Gate!.Materials.Single(m => m.TradeSymbol.Value == Material).Fulfilled, Is.GreaterThanOrEqualTo(held), "the gate received it");
        });
    }
}
