using System.Globalization;
using System.Text;
using SpaceTraders.Benchmarks.CommandLine;
using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Testing;

namespace SpaceTraders.Benchmarks.MarketScout;

/// <summary>
/// <c>market-scout</c>: for 1, 3 and 6 scouts under each partitioning strategy, the planned tour-time balance
/// (longest / mean tour) and the mean market staleness over a multi-hour run of the <c>market-scout</c> conductor on
/// the simulator in virtual time (the real runtime); writes a markdown table.
/// </summary>
/// <remarks>
/// Options: see <see cref="Create"/> (<c>market-scout --help</c>).
/// </remarks>
internal static class MarketScoutCommand
{
    private static readonly int[] ScoutCounts = [1, 3, 6];

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var seed = BenchmarkOptions.Whole("--seed", "the world's seed", 1);
        var hours = BenchmarkOptions.Number("--hours", "simulated hours per run", 6, NumberRange.Positive);
        var warmUp = BenchmarkOptions.Number("--warmup-hours", "simulated hours before staleness is measured (less than --hours)", 1, NumberRange.NotNegative);
        var output = BenchmarkOptions.OutputFile("--out", "the markdown file to write (its folder is created)", createsFolder: true, Path.Combine("benchmarks", "results", "market-scout.md"));
        var command = new BenchmarkCommand(
            "market-scout",
            "tour balance and market staleness of 1, 3 and 6 scouts under each partitioning strategy",
            """
            For 1, 3 and 6 scouts under each partitioning strategy, the planned tour-time balance (longest / mean tour)
            and the mean and worst market staleness over a multi-hour run of the market-scout conductor on the simulator
            in virtual time (the real runtime), after the warm-up; writes a markdown table.
            """).With(seed, hours, warmUp, output);
        command.Validators.Add(result =>
        {
            if (result.TryGetValue(warmUp, out var warmUpHours) && result.TryGetValue(hours, out var runHours) && warmUpHours >= runHours)
            {
                result.AddError("--warmup-hours must be less than --hours: staleness is measured after the warm-up.");
            }
        });
        command.Runs((result, cancellationToken) => RunAsync(result.GetValue(seed), result.GetValue(hours), result.GetValue(warmUp), result.GetValue(output)!, BenchmarkCli.CommandLine(result), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int seed, double hours, double warmUp, string output, string commandLine, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        foreach (var strategy in PartitionStrategies.All)
        {
            foreach (var scouts in ScoutCounts)
            {
                var name = PartitionStrategies.Name(strategy);
                var run = await ScoutRun.RunAsync(seed, $"scouts={scouts};strategy={name}", TimeSpan.FromHours(hours));
                var staleness = run.Measure(TimeSpan.FromHours(warmUp));

                // The plan the conductor made: every scout at the shipyard where it was bought (the first probe at the HQ beside it).
                var ships = Enumerable.Range(1, scouts).Select(i => new ScoutShip($"S-{i}", run.Shipyard, 9)).ToList();
                var plan = new ScoutPlanner(TourCosts.Default).Plan(strategy, ships, run.Markets);
                var requests = run.Snapshot.Agents.Single().Totals.Requests;
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {scouts} | {plan.MaxSeconds} | {plan.MeanSeconds:0} | {plan.Balance:0.00} | {staleness.Mean.TotalMinutes:0.0} | {staleness.Max.TotalMinutes:0.0} | {run.Reads.Count} | {requests} |"));
                Console.WriteLine(rows[^1]);
            }
        }

        var text = new StringBuilder()
            .AppendLine("# Market scout: tour balance and market staleness")
            .AppendLine()
            .AppendLine("Produced by:")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(commandLine)
            .AppendLine("```")
            .AppendLine()
            .AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"World seed {seed}; the agent's starting system (probes, engine speed 9, flying BURN as the pilot does: it costs them no fuel); {hours:0.#} simulated hours per run with the real runtime (`FleetRuntime`) on the simulator's virtual clock; staleness measured from hour {warmUp:0.#} to the end."))
            .AppendLine()
            .AppendLine("| strategy | scouts | longest tour (s) | mean tour (s) | balance (max/mean) | mean staleness (min) | worst staleness (min) | market reads | requests |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        text.AppendLine()
            .AppendLine("How to read it:")
            .AppendLine()
            .AppendLine("- *Tour* is the planner's estimate of one scout's lap: its markets as a cycle, each flight by the game's formula `round(round(max(1, d)) × 12.5 / speed + 15)` (BURN), plus 2 s per market visit; it is the period at which the scout revisits its markets (reaching the cycle from the start is paid once and not counted). *Balance* is the longest tour over the mean tour (1.00 is perfect). The plan is computed with the same planner the conductor uses, every scout starting at the shipyard.")
            .AppendLine("- *Staleness* of a market at an instant is the time since its last read with prices (since the run's start if never read); the table gives its mean over markets and time, and the worst value any market reached, after the warm-up. Reads are noted by a transport handler on the virtual clock, so only what the server answered counts.")
            .AppendLine("- A scout never re-reads its markets before the stalest of them is `minimumRevisit` old (5 min by default), so a tour shorter than that (for example a scout left with one market) does not drive staleness below about half of it.")
            .AppendLine("- The starting system has 11 markets at about 9 distinct positions (a planet's orbitals share their coordinates), so 6 scouts leave some with one or two markets: their laps are shorter than the minimum revisit, the balance ratio grows, and staleness barely improves over 3 scouts.");

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text.ToString(), cancellationToken);
        Console.WriteLine("Wrote " + output);
        return 0;
    }
}
