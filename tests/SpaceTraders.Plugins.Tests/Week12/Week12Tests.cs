using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Tests.Support;
using SpaceTraders.Plugins.Tests.Week10;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>The week-12 conductor on the live-sized simulator, run by the real runtime in virtual time.</summary>
[TestFixture]
public sealed partial class Week12Tests
{
    private static readonly StrategyRef Conductor = new("week12", "week12");

    private static IStrategyPlugin[] Plugins(params IStrategyPlugin[] extra) => [.. WeeklyPlugins.All, new Week12Plugin(), .. extra];

    [Test]
    public async Task Ships_are_bought_while_their_payback_is_under_the_horizon()
    {
        using var game = new WeeklyGame(seed: 1201) { Log = new ListLogger(LogLevel.Information) };
        // gate=false: the gate's builders are bought for the gate, not by payback (GateTests covers them).
        var run = await game.RunAsync(Conductor, TimeSpan.FromHours(4), StrategyParameters.Parse("gate=false"), Plugins());
        using var shortSighted = new WeeklyGame(seed: 1201);
        var refused = await shortSighted.RunAsync(Conductor, TimeSpan.FromHours(4), StrategyParameters.Parse("horizon=00:30:00;gate=false"), Plugins());

        var paybacks = game.Log.Messages.Select(m => PaybackLine().Match(m)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(paybacks, Has.Count.GreaterThanOrEqualTo(5), "ships bought by payback");
            Assert.That(paybacks, Is.All.LessThanOrEqualTo(48), "each within the two-day horizon");
            Assert.That(run.Agent.Ships.Count(s => s.ShipType is not ("SHIP_PROBE" or "SHIP_COMMAND_FRIGATE")), Is.EqualTo(paybacks.Count), "every working ship was bought that way");
            Assert.That(refused.Agent.Ships.Count(s => s.ShipType is not ("SHIP_PROBE" or "SHIP_COMMAND_FRIGATE")), Is.Zero, "with a half-hour horizon nothing pays back in time");
            Assert.That(refused.Agent.Ships.Count(s => s.ShipType == "SHIP_PROBE"), Is.GreaterThan(1), "probes are bought for the markets, not by payback");
            Assert.That(run.CreditsEarned - refused.CreditsEarned + run.ShipSpending - refused.ShipSpending, Is.Positive, "the bought ships earned more than the fleet without them");
        });
    }

    [Test]
    public async Task No_purchase_spends_the_reserve()
    {
        using var game = new WeeklyGame(seed: 1202);
        using var unreserved = new WeeklyGame(seed: 1202);

        var kept = await game.RunAsync(Conductor, TimeSpan.FromHours(3), StrategyParameters.Parse("reserve=150000;workingCapital=0"), Plugins());
        var spent = await unreserved.RunAsync(Conductor, TimeSpan.FromHours(3), StrategyParameters.Parse("reserve=0;workingCapital=0"), Plugins());

        var purchases = kept.Movements.Where(m => m.Kind == "ship-purchase").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(purchases, Is.Not.Empty);
            Assert.That(purchases.Select(m => m.BalanceAfter), Is.All.GreaterThanOrEqualTo(150_000), "every purchase left the reserve");
            Assert.That(spent.Movements.Where(m => m.Kind == "ship-purchase").Min(m => m.BalanceAfter), Is.LessThan(150_000), "without it, purchases go lower");
        });
    }

    [Test]
    public async Task Under_saturation_the_lowest_earner_per_request_is_paused_and_resumed_when_the_budget_has_room()
    {
        // Whatever week12 gives the command ship, it floods the rate limit instead (sessions of 300 market reads, earning
        // nothing), while week12 runs the rest of the fleet; four bought shuttles make enough running ships to act on.
        using var game = new WeeklyGame(seed: 1203, options => options.StartingCredits = 1_000_000) { DelayedThreshold = TimeSpan.FromMilliseconds(100) };
        var run = await game.RunAsync(ScriptPlugin.Conductor, TimeSpan.FromHours(2), null, Plugins(new FloodPlugin(), new ScriptPlugin(async (context, ct) =>
        {
            await Scenario.BuyAsync(context, "SHIP_LIGHT_SHUTTLE", 4, ct);
            var flooder = Scenario.CommandShip(context).Symbol;
            var week12 = new ParameterisedContext(
                context,
                StrategyParameters.Parse("saturationQueueWait=00:00:00.2"),
                (ship, behaviour, parameters) => ship == flooder ? (FloodPlugin.Flood, StrategyParameters.Parse("requests=300")) : (behaviour, parameters));
            await new Week12Conductor().RunAsync(week12, ct);
        })));

        var floods = run.Sessions.Where(s => s.BehaviourId == "flood").OrderBy(s => s.StartedAt).ToList();
        var firstPause = floods.FirstOrDefault(s => s.Outcome == SessionOutcome.Paused);
        var others = run.Sessions.Where(s => s.BehaviourId != "flood").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstPause, Is.Not.Null, "the flood (no credits, every request) was paused");
            Assert.That(floods.Where(s => s.StartedAt > firstPause!.EndedAt!.Value), Is.Not.Empty, "and resumed in a new session once requests fell below the resume rate");
            Assert.That(others.Where(s => s.Outcome == SessionOutcome.Paused && s.EndedAt <= firstPause!.EndedAt), Is.Empty, "no earner was paused before it");
            Assert.That(others.Sum(s => s.CreditsEarned), Is.Positive, "the others kept earning");
            Assert.That(run.Agent.Totals.Delayed, Is.Positive, "requests did saturate");
        });
    }

    [Test]
    public async Task The_same_seed_gives_the_same_run_twice()
    {
        using var first = new WeeklyGame(seed: 1204);
        using var second = new WeeklyGame(seed: 1204);

        var a = await first.RunAsync(Conductor, TimeSpan.FromHours(2), null, Plugins());
        var b = await second.RunAsync(Conductor, TimeSpan.FromHours(2), null, Plugins());

        Assert.Multiple(() =>
        {
            Assert.That(a.ShipsBought, Is.GreaterThan(2), "a fleet grew");
            Assert.That(b.ToString(), Is.EqualTo(a.ToString()), "the weekly row");
            Assert.That(b.Movements.Select(m => (m.Kind, m.Amount, m.ShipSymbol, m.At)), Is.EqualTo(a.Movements.Select(m => (m.Kind, m.Amount, m.ShipSymbol, m.At))), "every credit movement, at the same time");
            Assert.That(b.Requests, Is.EqualTo(a.Requests));
        });
    }

    [GeneratedRegex(@"Bought SHIP_\w+ \S+ for \d+ credits \(payback ([0-9.]+) h\)")]
    private static partial Regex PaybackLine();
}
