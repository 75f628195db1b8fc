using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.State;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>
/// Exploratory: week12 restarted mid-game (<see cref="ResumedGame"/>) against the same seed played without a break;
/// figures to the output (benchmarks/results/week12-resume.md).
/// </summary>
[TestFixture]
[Explicit("Exploratory: whole runs, figures to the output.")]
public sealed class Week12ResumeRuns
{
    private static readonly StrategyRef Conductor = new(Week12Conductor.Id, Week12Plugin.VersionLabel);

    private static IStrategyPlugin[] Plugins() => [.. WeeklyPlugins.All, new Week12Plugin()];

    /// <summary>Gets the seeds to run: <c>W12_SEEDS</c> (comma-separated), 1-6 by default.</summary>
    private static IEnumerable<int> Seeds() =>
        (Environment.GetEnvironmentVariable("W12_SEEDS") ?? "1,2,3,4,5,6").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    /// <summary>Gets the hours of the first leg (<c>W12_FIRST</c>, 6 by default) and of the second (<c>W12_SECOND</c>, 6).</summary>
    private static (int First, int Second) Hours() =>
        (int.Parse(Environment.GetEnvironmentVariable("W12_FIRST") ?? "6", CultureInfo.InvariantCulture),
         int.Parse(Environment.GetEnvironmentVariable("W12_SECOND") ?? "6", CultureInfo.InvariantCulture));

    [Test]
    public async Task Uninterrupted()
    {
        var (first, second) = Hours();
        foreach (var seed in Seeds())
        {
            using var game = new WeeklyGame(seed) { Log = new ListLogger(LogLevel.Information) };
            var run = await game.RunAsync(Conductor, TimeSpan.FromHours(first + second), null, Plugins());
            var start = run.Sessions.Min(s => s.StartedAt);
            var cut = start + TimeSpan.FromHours(first);
            var early = run.Movements.Where(m => m.At < cut && m.Kind != CreditCauses.ShipPurchase).Sum(m => m.Amount);
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT uninterrupted seed {seed} {first + second}h: earned {run.CreditsEarned} operating {run.CreditsEarned + run.ShipSpending} (by h{first} {early}) server {run.ServerChange} ships {run.Agent.Ships.Count} bought {run.ShipsBought} (after h{first}: {run.Movements.Count(m => m.Kind == CreditCauses.ShipPurchase && m.At >= cut)}) 429s {run.Agent.Totals.RateLimited}"));
            foreach (var behaviour in run.Sessions.Where(s => s.StartedAt >= cut).GroupBy(s => s.BehaviourId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  after h{first} {behaviour.Key}: {behaviour.Count()} sessions, {behaviour.Sum(s => s.CreditsEarned):N0} credits"));
            }

            Gate(game.Log.Messages);
        }
    }

    [Test]
    public Task ResumedGraceful() => ResumedAsync(LegEnd.Graceful);

    [Test]
    public Task ResumedAbrupt() => ResumedAsync(LegEnd.Abrupt);

    private static async Task ResumedAsync(LegEnd end)
    {
        var (first, second) = Hours();
        foreach (var seed in Seeds())
        {
            using var game = new ResumedGame(seed) { Log = new ListLogger(LogLevel.Information) };
            var before = await game.PlayAsync(Conductor, TimeSpan.FromHours(first), end, null, Plugins());
            var logged = game.Log.Messages.Count;
            var after = await game.PlayAsync(Conductor, TimeSpan.FromHours(second), LegEnd.Graceful, null, Plugins());
            var messages = game.Log.Messages.Skip(logged).ToList();
            TestContext.Out.WriteLine(Describe(seed, end, before, after, [.. messages.Where(m => m.StartsWith("Warning", StringComparison.Ordinal) || m.StartsWith("Error", StringComparison.Ordinal) || m.StartsWith("Critical", StringComparison.Ordinal))]));
            Gate(game.Log.Messages);
        }
    }

    /// <summary>Prints the conductor's gate lines (started, taken over, complete), with their hour.</summary>
    private static void Gate(IReadOnlyList<string> messages)
    {
        foreach (var line in messages.Where(m => m.Contains(": Gate ", StringComparison.Ordinal) || m.Contains("builder for the gate", StringComparison.Ordinal)))
        {
            TestContext.Out.WriteLine("  " + line);
        }
    }

    /// <summary>The figures of a restart: the second leg against the fleet the first left.</summary>
    internal static string Describe(int seed, LegEnd end, ResumedLeg before, ResumedLeg after, IReadOnlyList<string> warnings)
    {
        var text = new System.Text.StringBuilder();
        var run = after.Run;
        var working = before.Ships.Where(s => s.Frame?.Symbol != Sdk.Models.ShipFrameSymbol.FrameProbe).Select(s => s.Symbol).ToList();
        var idle = working.Where(s => before.Ships.Any(b => b.Symbol == s)).Where(s => !run.Sessions.Any(r => r.ShipSymbol == s && r.Outcome == SessionOutcome.Completed)).ToList();
        var held = before.Ships.Where(s => (s.Cargo?.Units ?? 0) > 0).ToList();
        var kept = held.Where(s => after.Ships.FirstOrDefault(a => a.Symbol == s.Symbol) is { } later
            && s.Cargo!.Inventory.Any(i => i.Units > 0 && (later.Cargo?.Inventory.FirstOrDefault(j => j.Symbol == i.Symbol)?.Units ?? 0) >= i.Units
                && !run.Movements.Any(m => m.ShipSymbol == s.Symbol && m.TradeSymbol == i.Symbol.Value && m.Kind == CreditCauses.Sell))).ToList();
        var purchases = run.Movements.Where(m => m.Kind == CreditCauses.ShipPurchase).ToList();
        text.Append(CultureInfo.InvariantCulture, $"RESULT resumed seed {seed} {end}: earned {before.Run.CreditsEarned}+{run.CreditsEarned}={before.Run.CreditsEarned + run.CreditsEarned} operating {before.Run.CreditsEarned + before.Run.ShipSpending}+{run.CreditsEarned + run.ShipSpending}={before.Run.CreditsEarned + before.Run.ShipSpending + run.CreditsEarned + run.ShipSpending} server {after.Run.ServerChange} ships {before.Ships.Count}->{after.Ships.Count} bought {before.Run.ShipsBought}+{run.ShipsBought}");
        text.Append(CultureInfo.InvariantCulture, $" gate {before.GateFulfilled}->{after.GateFulfilled}{(after.Gate?.IsComplete == true ? " complete" : string.Empty)}");
        text.Append(CultureInfo.InvariantCulture, $" idle-after {idle.Count}/{working.Count} cargo-at-restart {held.Count} never-handled {kept.Count}");
        text.Append(CultureInfo.InvariantCulture, $" min-balance-after-purchase {(purchases.Count == 0 ? "-" : purchases.Min(m => m.BalanceAfter).ToString(CultureInfo.InvariantCulture))} 429s {run.Agent.Totals.RateLimited} warnings {warnings.Count}");
        foreach (var ship in idle)
        {
            var sessions = run.Sessions.Where(r => r.ShipSymbol == ship).ToList();
            var last = sessions.LastOrDefault();
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  idle {ship} {after.Ships.First(s => s.Symbol == ship).Registration?.Role}: {sessions.Count} sessions, last {last?.BehaviourId} {last?.Outcome} {last?.Reason}");
        }

        foreach (var ship in kept)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  kept {ship.Symbol}: {string.Join(", ", ship.Cargo!.Inventory.Select(i => $"{i.Units} {i.Symbol}"))}; sessions {string.Join(", ", run.Sessions.Where(r => r.ShipSymbol == ship.Symbol).Select(r => $"{r.BehaviourId} {r.Outcome}").Distinct())}");
        }

        foreach (var behaviour in run.Behaviours.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {behaviour.Key}: {behaviour.Sessions} sessions, {behaviour.CreditsEarned:N0} credits");
        }

        foreach (var warning in warnings.GroupBy(w => w.Length > 120 ? w[..120] : w).OrderByDescending(g => g.Count()).Take(10))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {warning.Count()} x {warning.Key}");
        }

        foreach (var problem in run.Snapshot.Problems.Take(10))
        {
            text.AppendLine().Append("  ! ").Append(problem.ShipSymbol).Append(' ').Append(problem.Message);
        }

        return text.ToString();
    }
}
