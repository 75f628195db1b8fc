using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>A summary column showing one game figure of a CPR case, read from the figures its run saved.</summary>
/// <param name="name">The column's name.</param>
/// <param name="legend">What it shows.</param>
/// <param name="value">The figure, formatted.</param>
internal sealed class CprColumn(string name, string legend, Func<CprFigures, string> value) : IColumn
{
    /// <summary>Gets the game figure columns: credits earned, requests, CPR, CPH, 429s, delayed requests, ships bought, ships at the end.</summary>
    public static IColumn[] All { get; } =
    [
        new CprColumn("Credits", "Operating earnings over the run (ships and mounts bought not counted)", f => f.CreditsEarned.ToString("N0", CultureInfo.InvariantCulture)),
        new CprColumn("Requests", "Requests made", f => f.Requests.ToString(CultureInfo.InvariantCulture)),
        new CprColumn("CPR", "Credits earned per request", f => f.CreditsPerRequest.ToString("0.0", CultureInfo.InvariantCulture)),
        new CprColumn("CPH", "Credits earned per simulated hour", f => f.CreditsPerHour.ToString("N0", CultureInfo.InvariantCulture)),
        new CprColumn("429s", "Rate-limited answers", f => f.RateLimited.ToString(CultureInfo.InvariantCulture)),
        new CprColumn("Delayed", "Requests that waited for the rate limiter", f => f.Delayed.ToString(CultureInfo.InvariantCulture)),
        new CprColumn("ShipsBought", "Ships bought", f => f.ShipsBought.ToString(CultureInfo.InvariantCulture)),
        new CprColumn("Ships", "Ships at the end", f => f.ShipsEnd.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <inheritdoc />
    public string Id => "cpr-" + ColumnName;

    /// <inheritdoc />
    public string ColumnName { get; } = name;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend { get; } = legend;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var conductor = (string)benchmarkCase.Parameters[nameof(CprBenchmarks.Conductor)];
        var seed = (int)benchmarkCase.Parameters[nameof(CprBenchmarks.Seed)];
        return CprFigures.TryLoad(conductor, seed) is { } figures ? value(figures) : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
