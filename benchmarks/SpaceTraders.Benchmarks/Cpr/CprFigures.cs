using System.Globalization;
using System.Text.Json;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>The figures of one CPR run (one conductor, one seed), read from the bot runner's <c>--report</c>.</summary>
/// <param name="Conductor">The conductor asked for (<c>week12</c>).</param>
/// <param name="Seed">The world seed.</param>
/// <param name="Hours">Simulated hours.</param>
/// <param name="CreditsEarned">Operating earnings (sales, contracts, less purchases, fuel and fees; ships and mounts excluded).</param>
/// <param name="CreditsNet">Change of the agent's credits over the run (earnings less ships and mounts bought).</param>
/// <param name="Requests">Requests made.</param>
/// <param name="RateLimited">429 answers.</param>
/// <param name="Delayed">Requests that waited for the rate limiter longer than the delay threshold.</param>
/// <param name="ShipsEnd">Ships at the end.</param>
/// <param name="ShipsPeak">Most ships at once.</param>
/// <param name="ShipsBought">Ships bought.</param>
/// <param name="Uptime">Share of owned ship-time spent in behaviour sessions (0 to 1).</param>
/// <param name="GateFulfilled">Gate materials delivered, when the gate could be read.</param>
/// <param name="GateRequired">Gate materials required, when the gate could be read.</param>
/// <param name="GateComplete">Whether the starting gate is complete.</param>
/// <param name="WallSeconds">Real time the run took (machine-dependent).</param>
/// <param name="PeakWorkingSetBytes">The runner process's peak working set (machine-dependent).</param>
/// <param name="Hourly">One entry per simulated hour.</param>
/// <param name="Behaviours">The figures per behaviour version.</param>
internal sealed record CprFigures(
    string Conductor,
    int Seed,
    double Hours,
    long CreditsEarned,
    long CreditsNet,
    long Requests,
    long RateLimited,
    long Delayed,
    int ShipsEnd,
    int ShipsPeak,
    int ShipsBought,
    double Uptime,
    int? GateFulfilled,
    int? GateRequired,
    bool GateComplete,
    double WallSeconds,
    long PeakWorkingSetBytes,
    IReadOnlyList<HourFigures> Hourly,
    IReadOnlyList<BehaviourFigures> Behaviours)
{
    /// <summary>Gets the directory the runs write their figures to (set by the <c>cpr</c> command; a temporary one otherwise).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("SPACETRADERS_CPR_FIGURES") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "spacetraders-cpr-figures");

    /// <summary>Gets credits earned per request (CPR).</summary>
    public double CreditsPerRequest => Requests == 0 ? 0 : (double)CreditsEarned / Requests;

    /// <summary>Gets credits earned per simulated hour (CPH).</summary>
    public double CreditsPerHour => Hours == 0 ? 0 : CreditsEarned / Hours;

    /// <summary>Gets requests per simulated minute over the whole run.</summary>
    public double RequestsPerMinute => Hours == 0 ? 0 : Requests / (Hours * 60);

    /// <summary>Requests per minute between <paramref name="from"/> and <paramref name="to"/> simulated hours from the start.</summary>
    /// <param name="from">Hours from the start where the span begins.</param>
    /// <param name="to">Hours from the start where it ends.</param>
    /// <returns>The mean rate, or <see langword="null"/> when the run is shorter.</returns>
    public double? RequestsPerMinuteBetween(int from, int to)
    {
        var hours = Hourly.Where(h => h.Hour > from && h.Hour <= to).ToList();
        return hours.Count == to - from && hours.Sum(h => h.Seconds) > 0 ? hours.Sum(h => h.Requests) / (hours.Sum(h => h.Seconds) / 60) : null;
    }

    /// <summary>The slowest full hour's request rate after <paramref name="from"/> simulated hours.</summary>
    /// <param name="from">Hours from the start.</param>
    /// <returns>Requests per minute of the slowest full hour, or <see langword="null"/> when there is none.</returns>
    public double? LowestHourlyRequestsPerMinuteAfter(int from)
    {
        var hours = Hourly.Where(h => h.Hour > from && h.Seconds >= 3599).ToList();
        return hours.Count == 0 ? null : hours.Min(h => h.Requests / (h.Seconds / 60));
    }

    /// <summary>Ships when <paramref name="hours"/> simulated hours had passed, when the run got that far.</summary>
    /// <param name="hours">Hours from the start.</param>
    /// <returns>The fleet size.</returns>
    public int? ShipsAfter(int hours) => Hourly.FirstOrDefault(h => h.Hour == hours)?.Ships;

    /// <summary>Reads the figures from a runner report.</summary>
    /// <param name="conductor">The conductor asked for.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="json">The report's JSON text.</param>
    /// <returns>The figures.</returns>
    public static CprFigures FromReport(string conductor, int seed, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var gate = root.TryGetProperty("gate", out var g) && g.ValueKind == JsonValueKind.Object ? g : (JsonElement?)null;
        return new CprFigures(
            conductor,
            seed,
            root.GetProperty("simulatedSeconds").GetDouble() / 3600,
            root.GetProperty("creditsEarned").GetInt64(),
            root.GetProperty("creditsNet").GetInt64(),
            root.GetProperty("requests").GetInt64(),
            root.GetProperty("rateLimited").GetInt64(),
            root.GetProperty("delayedRequests").GetInt64(),
            root.GetProperty("ships").GetInt32(),
            root.GetProperty("shipsPeak").GetInt32(),
            root.GetProperty("shipsBought").GetInt32(),
            root.GetProperty("uptime").GetDouble(),
            gate?.GetProperty("fulfilled").GetInt32(),
            gate?.GetProperty("required").GetInt32(),
            gate?.GetProperty("complete").GetBoolean() ?? false,
            root.GetProperty("wallSeconds").GetDouble(),
            root.GetProperty("peakWorkingSetBytes").GetInt64(),
            [.. root.GetProperty("hourly").EnumerateArray().Select(h => new HourFigures(
                h.GetProperty("hour").GetInt32(),
                h.GetProperty("seconds").GetDouble(),
                h.GetProperty("earned").GetInt64(),
                h.GetProperty("ships").GetInt32(),
                h.GetProperty("requests").GetInt64(),
                h.GetProperty("rateLimited").GetInt64()))],
            [.. root.GetProperty("behaviours").EnumerateArray()
                .Select(b => new BehaviourFigures(
                    b.GetProperty("id").GetString() + "@" + b.GetProperty("version").GetString(),
                    b.GetProperty("sessions").GetInt64(),
                    b.GetProperty("requests").GetInt64(),
                    b.GetProperty("creditsEarned").GetInt64(),
                    b.GetProperty("cpr").GetDouble()))
                .OrderBy(b => b.Behaviour, StringComparer.Ordinal)]);
    }

    /// <summary>Reads the figures of a case, when its run has written them.</summary>
    /// <param name="conductor">The conductor.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The figures, or <see langword="null"/>.</returns>
    public static CprFigures? TryLoad(string conductor, int seed)
    {
        var path = PathOf(conductor, seed);
        return File.Exists(path) ? JsonSerializer.Deserialize<CprFigures>(File.ReadAllText(path)) : null;
    }

    /// <summary>Writes the figures for the columns and the results file to read.</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(Conductor, Seed), JsonSerializer.Serialize(this));
    }

    private static string PathOf(string conductor, int seed) =>
        Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{conductor}-seed{seed}.json"));
}

/// <summary>One simulated hour of a run.</summary>
/// <param name="Hour">The hour's number from the start (1 is the first hour).</param>
/// <param name="Seconds">Its length (the last may be shorter).</param>
/// <param name="Earned">Operating earnings in the hour.</param>
/// <param name="Ships">Ships at its end.</param>
/// <param name="Requests">Requests in the hour.</param>
/// <param name="RateLimited">429 answers in the hour.</param>
internal sealed record HourFigures(int Hour, double Seconds, long Earned, int Ships, long Requests, long RateLimited);

/// <summary>One behaviour version's figures in a run.</summary>
/// <param name="Behaviour">The behaviour and version (<c>id@version</c>).</param>
/// <param name="Sessions">Its sessions.</param>
/// <param name="Requests">Their requests.</param>
/// <param name="CreditsEarned">The credits they moved.</param>
/// <param name="CreditsPerRequest">Credits per request.</param>
internal sealed record BehaviourFigures(string Behaviour, long Sessions, long Requests, long CreditsEarned, double CreditsPerRequest);
