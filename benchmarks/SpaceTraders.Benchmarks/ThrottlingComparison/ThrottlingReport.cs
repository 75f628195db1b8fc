using System.Globalization;
using System.Text;
using SpaceTraders.Benchmarks.ThrottlingComparison.Statistics;
using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.ThrottlingComparison;

/// <summary>
/// The comparison's figures over several seeds: the no-limit demand, every strategy's credits with a 95% confidence
/// interval, the SDK limiter's paired difference against each other strategy, the service figures, the two-node
/// baseline, and whether each expectation of the issue holds. Markdown.
/// </summary>
/// <param name="runs">The strategies' runs (one node).</param>
/// <param name="demand">The runs with the rate limit off and no throttling (the workload's demand), per seed and fleet size.</param>
/// <param name="twoNode">The two-node baseline's runs (the SDK's limiter on each of two nodes of one agent).</param>
public sealed class ThrottlingReport(IReadOnlyList<RunResult> runs, IReadOnlyList<RunResult> demand, IReadOnlyList<RunResult> twoNode)
{
    /// <summary>The ceiling share the SDK limiter must reach where demand exceeds the ceiling.</summary>
    public const double CeilingShareTarget = 0.985;

    /// <summary>The Critical p99 wait the SDK limiter must stay within at the largest fleet, in seconds.</summary>
    public const double CriticalP99Target = 1.0;

    private readonly IReadOnlyList<string> _strategies = [.. ThrottlingStrategies.Names.Where(n => runs.Any(r => r.Strategy == n))];
    private readonly IReadOnlyList<int> _sizes = [.. runs.Concat(demand).Concat(twoNode).Select(r => r.Ships).Distinct().Order()];
    private readonly IReadOnlyList<int> _seeds = [.. runs.Concat(demand).Concat(twoNode).Select(r => r.Seed).Distinct().Order()];

    /// <summary>Gets the demand (requests per minute with the rate limit off) of a fleet size on a seed, if it was measured.</summary>
    /// <param name="ships">The fleet size.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The demand, or <see langword="null"/>.</returns>
    public double? DemandPerMinute(int ships, int seed)
        => demand.FirstOrDefault(r => r.Ships == ships && r.Seed == seed)?.RequestsPerMinute;

    /// <summary>Gets a strategy's credits per seed at one fleet size.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="ships">The fleet size.</param>
    /// <returns>Credits by seed.</returns>
    public IReadOnlyDictionary<int, double> Credits(string strategy, int ships)
        => runs.Where(r => r.Strategy == strategy && r.Ships == ships).ToDictionary(r => r.Seed, r => (double)r.CreditsEarned);

    /// <summary>Checks the issue's expectations against the figures.</summary>
    /// <returns>Each expectation, whether it holds, and the figures behind the verdict.</returns>
    public IReadOnlyList<(string Expectation, bool Holds, string Detail)> MustShow()
    {
        var checks = new List<(string, bool, string)>();
        if (!_strategies.Contains(ThrottlingStrategies.Sdk))
        {
            return checks;
        }

        foreach (var ships in _sizes.Where(s => Credits(ThrottlingStrategies.Sdk, s).Count > 0))
        {
            var demandMean = _seeds.Select(seed => DemandPerMinute(ships, seed)).OfType<double>().DefaultIfEmpty(double.NaN).Average();
            var sdk = SampleSummary.Of([.. Credits(ThrottlingStrategies.Sdk, ships).Values]);
            var others = _strategies.Where(s => s != ThrottlingStrategies.Sdk).ToList();
            if (demandMean > RunResult.CeilingPerMinute && others.Count == 0)
            {
                continue; // Nothing to compare with.
            }

            if (demandMean > RunResult.CeilingPerMinute)
            {
                var best = others.Select(o => (Name: o, Mean: Credits(o, ships).Values.DefaultIfEmpty(0).Average())).MaxBy(o => o.Mean);
                var pairs = others.Select(o => (Name: o, Pair: PairedDifference.Of(Credits(ThrottlingStrategies.Sdk, ships), Credits(o, ships)))).ToList();
                var notEverySeed = pairs.Where(p => !p.Pair.PositiveOnEverySeed).Select(p => $"{p.Name} ({p.Pair.Positive}/{p.Pair.Count})").ToList();
                checks.Add((
                    $"{ships} ships (demand {demandMean:0} req/min, above the ceiling): {ThrottlingStrategies.Sdk} earns the most, and its paired difference against every other strategy is positive on every seed",
                    sdk.Mean > best.Mean && notEverySeed.Count == 0,
                    $"{ThrottlingStrategies.Sdk} {sdk.Mean:N0} against the best other, {best.Name}, {best.Mean:N0}; "
                        + (notEverySeed.Count == 0 ? "positive on every seed against all" : "not positive on every seed against " + string.Join(", ", notEverySeed))));
            }
            else
            {
                var best = _strategies.Select(o => (Name: o, Summary: SampleSummary.Of([.. Credits(o, ships).Values]))).MaxBy(o => o.Summary.Mean);
                checks.Add((
                    $"{ships} ships (demand {demandMean:0} req/min, below the ceiling): {ThrottlingStrategies.Sdk} is within the confidence interval of the best",
                    best.Name == ThrottlingStrategies.Sdk || best.Summary.Contains(sdk.Mean),
                    $"{ThrottlingStrategies.Sdk} {sdk.Mean:N0}; best {best.Name} {best.Summary.Mean:N0} ± {best.Summary.HalfWidth:N0}"));
            }
        }

        var sdkRuns = runs.Where(r => r.Strategy == ThrottlingStrategies.Sdk).ToList();
        checks.Add((
            "zero 429s everywhere (" + ThrottlingStrategies.Sdk + ")",
            sdkRuns.All(r => r.RateLimited == 0),
            $"{sdkRuns.Sum(r => r.RateLimited)} 429s in {sdkRuns.Count} runs"));
        foreach (var ships in _sizes.Where(s => s >= 100 && sdkRuns.Any(r => r.Ships == s)))
        {
            var shares = sdkRuns.Where(r => r.Ships == ships).Select(r => r.CeilingShare).ToList();
            checks.Add((
                $"at least {CeilingShareTarget:P1} of the ceiling at {ships} ships",
                shares.All(s => s >= CeilingShareTarget),
                "per seed " + string.Join(" / ", shares.Select(s => s.ToString("P1", CultureInfo.InvariantCulture)))));
        }

        if (sdkRuns.Count > 0)
        {
            var largest = sdkRuns.Max(r => r.Ships);
            var p99 = sdkRuns.Where(r => r.Ships == largest).Select(r => r.CriticalWaitP99).ToList();
            checks.Add((
                $"Critical p99 at most {CriticalP99Target:0.#} s at {largest} ships",
                p99.All(p => p <= CriticalP99Target),
                "per seed " + string.Join(" / ", p99.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture) + " s"))));
        }

        return checks;
    }

    /// <summary>Writes every table.</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var seeds = string.Join(", ", _seeds);
        if (demand.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### Demand: the rate limit off, no throttling (seeds {seeds})").AppendLine()
                .AppendLine("| ships | haulers / miners / siphon drones | demand req/min | of 150/min | credits earned, mean ± 95% CI | per seed |")
                .AppendLine("|---:|---|---:|---:|---:|---|");
            foreach (var ships in _sizes.Where(s => demand.Any(r => r.Ships == s)))
            {
                var rows = demand.Where(r => r.Ships == ships).OrderBy(r => r.Seed).ToList();
                var credits = SampleSummary.Of([.. rows.Select(r => (double)r.CreditsEarned)]);
                var mix = rows[0];
                text.AppendLine(CultureInfo.InvariantCulture, $"| {ships} | {mix.Haulers} / {mix.Miners} / {mix.Siphoners} | {rows.Average(r => r.RequestsPerMinute):0.0} | {rows.Average(r => r.CeilingShare):P0} | {Interval(credits)} | {string.Join(" / ", rows.Select(r => r.CreditsEarned.ToString("N0", CultureInfo.InvariantCulture)))} |");
            }

            text.AppendLine();
        }

        if (runs.Count == 0)
        {
            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"### Credits earned in the measured window, mean ± 95% CI (seeds {seeds}; the best of each fleet size in bold)").AppendLine()
            .Append("| strategy |").AppendJoin(string.Empty, _sizes.Select(s => $" {s} ships |")).AppendLine()
            .Append("|---|").AppendJoin(string.Empty, _sizes.Select(_ => "---:|")).AppendLine();
        var best = _sizes.ToDictionary(s => s, s => _strategies.MaxBy(n => Credits(n, s).Values.DefaultIfEmpty(double.MinValue).Average()));
        foreach (var strategy in _strategies)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {strategy} |");
            foreach (var ships in _sizes)
            {
                var credits = Credits(strategy, ships);
                var cell = credits.Count == 0 ? "–" : Interval(SampleSummary.Of([.. credits.Values]));
                text.Append(' ').Append(best[ships] == strategy ? "**" + cell + "**" : cell).Append(" |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        if (_strategies.Contains(ThrottlingStrategies.Sdk) && _strategies.Count > 1)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### Paired difference {ThrottlingStrategies.Sdk} − strategy (same seed): mean ± 95% CI, and on how many seeds it is positive").AppendLine()
                .Append("| strategy |").AppendJoin(string.Empty, _sizes.Select(s => $" {s} ships |")).AppendLine()
                .Append("|---|").AppendJoin(string.Empty, _sizes.Select(_ => "---:|")).AppendLine();
            foreach (var strategy in _strategies.Where(s => s != ThrottlingStrategies.Sdk))
            {
                text.Append(CultureInfo.InvariantCulture, $"| {strategy} |");
                foreach (var ships in _sizes)
                {
                    var sdk = Credits(ThrottlingStrategies.Sdk, ships);
                    var other = Credits(strategy, ships);
                    if (sdk.Count == 0 || other.Count == 0)
                    {
                        text.Append(" – |");
                        continue;
                    }

                    var pair = PairedDifference.Of(sdk, other);
                    text.Append(CultureInfo.InvariantCulture, $" {Signed(pair.Difference.Mean)} ± {pair.Difference.HalfWidth:N0} ({pair.Positive}/{pair.Count}) |");
                }

                text.AppendLine();
            }

            text.AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"### Requests and waits (mean over seeds {seeds}; Critical p99 also its worst seed)").AppendLine()
            .AppendLine("| strategy | ships | ok req/min | of 150/min | 429 per 100 | Critical p50 s | Critical p99 s (worst) | Normal p99 s | Background p99 s | Background served /min | idle ship-s | credits per request |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var ships in _sizes)
        {
            foreach (var strategy in _strategies)
            {
                var rows = runs.Where(r => r.Strategy == strategy && r.Ships == ships).ToList();
                if (rows.Count > 0)
                {
                    text.AppendLine(ServiceRow(strategy, ships, rows));
                }
            }
        }

        text.AppendLine();
        if (twoNode.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### Two-node baseline: two nodes on one agent, each with the SDK's limiter sized to the whole agent (seeds {seeds})").AppendLine()
                .AppendLine("| ships | 429 per 100 | of 150/min | Critical p50 s | Critical p99 s (worst) | idle ship-s | credits earned, mean ± 95% CI | one node, same seeds |")
                .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var ships in _sizes.Where(s => twoNode.Any(r => r.Ships == s)))
            {
                var rows = twoNode.Where(r => r.Ships == ships).ToList();
                var one = runs.Where(r => r.Strategy == ThrottlingStrategies.Sdk && r.Ships == ships && rows.Any(t => t.Seed == r.Seed)).Select(r => (double)r.CreditsEarned).ToList();
                text.AppendLine(CultureInfo.InvariantCulture, $"| {ships} | {rows.Average(r => r.RateLimitedPer100):0.0} | {rows.Average(r => r.CeilingShare):P1} | {rows.Average(r => r.CriticalWaitP50):0.00} | {rows.Average(r => r.CriticalWaitP99):0.00} ({rows.Max(r => r.CriticalWaitP99):0.00}) | {rows.Average(r => r.IdleShipSeconds):N0} | {Interval(SampleSummary.Of([.. rows.Select(r => (double)r.CreditsEarned)]))} | {(one.Count == 0 ? "–" : Interval(SampleSummary.Of(one)))} |");
            }

            text.AppendLine();
        }

        var checks = MustShow();
        if (checks.Count > 0)
        {
            text.AppendLine("### Against the issue's expectations").AppendLine()
                .AppendLine("| expectation | holds | figures |")
                .AppendLine("|---|---|---|");
            foreach (var (expectation, holds, detail) in checks)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {expectation} | {(holds ? "yes" : "**no**")} | {detail} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Writes every run's credits, one row per strategy and fleet size, one column per seed.</summary>
    /// <returns>The Markdown table.</returns>
    public string PerSeedMarkdown()
    {
        var text = new StringBuilder()
            .Append("| strategy | ships |").AppendJoin(string.Empty, _seeds.Select(s => $" seed {s} |")).AppendLine()
            .Append("|---|---:|").AppendJoin(string.Empty, _seeds.Select(_ => "---:|")).AppendLine();
        foreach (var ships in _sizes)
        {
            foreach (var strategy in _strategies)
            {
                var credits = Credits(strategy, ships);
                if (credits.Count > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| {strategy} | {ships} |")
                        .AppendJoin(string.Empty, _seeds.Select(seed => credits.TryGetValue(seed, out var c) ? $" {c:N0} |" : " – |"))
                        .AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string ServiceRow(string strategy, int ships, List<RunResult> rows) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {strategy} | {ships} | {rows.Average(r => r.RequestsPerMinute):0.0} | {rows.Average(r => r.CeilingShare):P1} | {rows.Average(r => r.RateLimitedPer100):0.0} | {rows.Average(r => r.CriticalWaitP50):0.00} | {rows.Average(r => r.CriticalWaitP99):0.00} ({rows.Max(r => r.CriticalWaitP99):0.00}) | {rows.Average(r => r.NormalWaitP99):0.0} | {rows.Average(r => r.BackgroundWaitP99):0.0} | {rows.Average(r => r.BackgroundServed / r.Minutes):0.0} | {rows.Average(r => r.IdleShipSeconds):N0} | {rows.Average(r => r.CreditsPerRequest):0.0} |");

    private static string Interval(SampleSummary summary)
        => summary.Count < 2
            ? summary.Mean.ToString("N0", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:N0} ± {summary.HalfWidth:N0}");

    private static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("N0", CultureInfo.InvariantCulture);
}
