using SpaceTraders.Runtime;

namespace SpaceTraders.Dashboard.Views;

/// <summary>
/// One point of an agent's timeline as the overview's charts draw it (the figures of <see cref="TimelineSeries"/>, one
/// row). A value type with field-by-field equality, so that two builds' rows compare cheaply: the points before the first
/// that differs need not be sent again.
/// </summary>
internal readonly record struct TimelineRow(
    long T,
    long Credits,
    long OperatingEarned,
    long CapitalSpent,
    double? Cph,
    double? Cpr,
    double RequestsPerMinute,
    double RateLimitedPerMinute,
    double DelayedShare,
    int Ships,
    double P50Critical,
    double P50Normal,
    double P50Background,
    double P99Critical,
    double P99Normal,
    double P99Background);

/// <summary>An agent's timeline as rows, with its bucket width: what an overview build keeps for the next one's delta.</summary>
/// <param name="WidthSeconds">The buckets' width in game seconds.</param>
/// <param name="Rows">The rows, oldest first.</param>
internal sealed record TimelineRows(int WidthSeconds, TimelineRow[] Rows)
{
    /// <summary>CPH over time starts a quarter of an hour in: before that a purchase divided by minutes swamps the chart.</summary>
    private const double SteadyHours = 0.25;

    /// <summary>CPR over time starts at the 50th request, for the same reason.</summary>
    private const long SteadyRequests = 50;

    /// <summary>
    /// The timeline as rows, with the console's running CPH and CPR at the end of each bucket, both on operating earnings
    /// (as the overview's tiles, the console and the report): a ship or a mount bought is capital, shown apart, not a loss.
    /// </summary>
    /// <param name="points">The runtime's (or the store's) points, oldest first.</param>
    /// <param name="startedAt">When the run started.</param>
    /// <param name="at">The moment (game time): the open bucket ends here.</param>
    /// <returns>The rows.</returns>
    public static TimelineRows From(IReadOnlyList<TimelinePoint> points, DateTimeOffset startedAt, DateTimeOffset at)
    {
        var rows = new TimelineRow[points.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var p = points[i];
            var hours = ((p.End < at ? p.End : at) - startedAt).TotalHours;
            rows[i] = new TimelineRow(
                p.Start.ToUnixTimeMilliseconds(),
                p.Credits,
                p.OperatingEarned,
                p.CapitalSpent,
                hours >= SteadyHours ? Math.Round(p.OperatingEarned / hours, 1) : null,
                p.TotalRequests >= SteadyRequests ? Math.Round((double)p.OperatingEarned / p.TotalRequests, 3) : null,
                Math.Round(p.RequestsPerMinute, 2),
                p.Width <= TimeSpan.Zero ? 0 : Math.Round(p.RateLimited / p.Width.TotalMinutes, 2),
                p.Requests == 0 ? 0 : Math.Round((double)p.Delayed / p.Requests, 4),
                p.Ships,
                Wait(p, 0, p50: true),
                Wait(p, 1, p50: true),
                Wait(p, 2, p50: true),
                Wait(p, 0, p50: false),
                Wait(p, 1, p50: false),
                Wait(p, 2, p50: false));
        }

        return new TimelineRows(points.Count == 0 ? 60 : (int)points[0].Width.TotalSeconds, rows);
    }

    /// <summary>
    /// Gets the index of the first row that differs from <paramref name="before"/> (a row added, or an open bucket that
    /// changed): the rows before it are the same in both. The whole length when nothing changed; 0 when the width changed.
    /// </summary>
    /// <param name="before">The rows an earlier build sent, or <see langword="null"/>.</param>
    /// <returns>Where the rows to send start.</returns>
    public int FirstDifference(TimelineRows? before)
    {
        if (before is null || before.WidthSeconds != WidthSeconds)
        {
            return 0;
        }

        var common = Math.Min(before.Rows.Length, Rows.Length);
        var first = ((ReadOnlySpan<TimelineRow>)Rows).CommonPrefixLength(before.Rows.AsSpan(0, common));
        return first == common && before.Rows.Length > Rows.Length ? 0 : first;
    }

    /// <summary>The rows from <paramref name="from"/> on as chart columns.</summary>
    /// <param name="from">The first row; <see langword="null"/> for every row, without a <c>from</c> in the JSON (a full payload).</param>
    /// <returns>The series.</returns>
    public TimelineSeries ToSeries(int? from)
    {
        var rows = Rows.AsSpan(from ?? 0);
        var t = new long[rows.Length];
        var credits = new long[rows.Length];
        var earned = new long[rows.Length];
        var capital = new long[rows.Length];
        var cph = new double?[rows.Length];
        var cpr = new double?[rows.Length];
        var perMinute = new double[rows.Length];
        var rateLimited = new double[rows.Length];
        var delayed = new double[rows.Length];
        var ships = new int[rows.Length];
        var p50 = new[] { new double[rows.Length], new double[rows.Length], new double[rows.Length] };
        var p99 = new[] { new double[rows.Length], new double[rows.Length], new double[rows.Length] };
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            t[i] = r.T;
            credits[i] = r.Credits;
            earned[i] = r.OperatingEarned;
            capital[i] = r.CapitalSpent;
            cph[i] = r.Cph;
            cpr[i] = r.Cpr;
            perMinute[i] = r.RequestsPerMinute;
            rateLimited[i] = r.RateLimitedPerMinute;
            delayed[i] = r.DelayedShare;
            ships[i] = r.Ships;
            (p50[0][i], p50[1][i], p50[2][i]) = (r.P50Critical, r.P50Normal, r.P50Background);
            (p99[0][i], p99[1][i], p99[2][i]) = (r.P99Critical, r.P99Normal, r.P99Background);
        }

        return new TimelineSeries(
            WidthSeconds,
            t,
            credits,
            earned,
            capital,
            cph,
            cpr,
            perMinute,
            rateLimited,
            delayed,
            ships,
            ByPriority(p50),
            ByPriority(p99),
            from);
    }

    private static Dictionary<string, IReadOnlyList<double>> ByPriority(double[][] values) =>
        new(StringComparer.Ordinal) { ["Critical"] = values[0], ["Normal"] = values[1], ["Background"] = values[2] };

    private static double Wait(TimelinePoint point, int priority, bool p50)
    {
        var wait = point.QueueWaitByPriority.Count > priority ? point.QueueWaitByPriority[priority] : null;
        return Math.Round((p50 ? wait?.P50 : wait?.P99)?.TotalMilliseconds ?? 0, 1);
    }
}
