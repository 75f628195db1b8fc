using System.Globalization;
using System.Text.Json;
using SpaceTraders.Plugins.Tests.Support;

namespace SpaceTraders.Benchmarks.Cpr;

/// <summary>The game figures one CPR run produced: one conductor, one seed.</summary>
/// <param name="Conductor">The conductor's id.</param>
/// <param name="Seed">The world seed.</param>
/// <param name="Hours">Simulated hours.</param>
/// <param name="CreditsEarned">Credits gained over the run (income less spending, ship purchases included).</param>
/// <param name="Requests">Requests made.</param>
/// <param name="CreditsPerRequest">Credits earned per request (CPR).</param>
/// <param name="CreditsPerHour">Credits earned per simulated hour (CPH).</param>
/// <param name="RateLimited">429 answers.</param>
/// <param name="Delayed">Requests that waited for the rate limiter.</param>
/// <param name="ShipsBought">Ships bought.</param>
/// <param name="Behaviours">The figures per behaviour version.</param>
internal sealed record CprFigures(
    string Conductor,
    int Seed,
    double Hours,
    long CreditsEarned,
    long Requests,
    double CreditsPerRequest,
    double CreditsPerHour,
    long RateLimited,
    long Delayed,
    int ShipsBought,
    IReadOnlyList<BehaviourFigures> Behaviours)
{
    /// <summary>Gets the directory the runs write their figures to (set by the <c>cpr</c> command; a temporary one otherwise).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("SPACETRADERS_CPR_FIGURES") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "spacetraders-cpr-figures");

    /// <summary>Takes the figures of a finished run.</summary>
    public static CprFigures From(WeeklyRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var metrics = run.Agent.Metrics;
        return new CprFigures(
            run.Conductor.Id,
            run.Seed,
            run.Duration.TotalHours,
            metrics.CreditsEarned,
            run.Requests,
            metrics.CreditsPerRequest,
            metrics.CreditsPerHour,
            run.Agent.Totals.RateLimited,
            run.Agent.Totals.Delayed,
            run.ShipsBought,
            [.. run.Behaviours
                .OrderBy(b => b.Key, StringComparer.Ordinal)
                .Select(b => new BehaviourFigures(b.Key, b.Sessions, b.Requests, b.CreditsEarned, b.CreditsPerRequest, b.Hours))]);
    }

    /// <summary>Reads the figures of a case, when its run has written them.</summary>
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

/// <summary>One behaviour version's figures in a run.</summary>
/// <param name="Behaviour">The behaviour and version (<c>id@version</c>).</param>
/// <param name="Sessions">Its sessions.</param>
/// <param name="Requests">Their requests.</param>
/// <param name="CreditsEarned">The credits they moved.</param>
/// <param name="CreditsPerRequest">Credits per request.</param>
/// <param name="Hours">Ship-hours.</param>
internal sealed record BehaviourFigures(string Behaviour, long Sessions, long Requests, long CreditsEarned, double CreditsPerRequest, double Hours);
