namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What one strategy achieved on one fleet in the measured part of a run.</summary>
public sealed record RunResult
{
    /// <summary>The most requests per minute the server accepts: 2 per second plus a burst of 30 per minute.</summary>
    public const double CeilingPerMinute = 150;

    /// <summary>Gets the strategy's name.</summary>
    public required string Strategy { get; init; }

    /// <summary>Gets the simulation's seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Gets the fleet size.</summary>
    public required int Ships { get; init; }

    /// <summary>Gets the runner nodes that played the agent (2 for the two-node baseline).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Gets the light haulers in the fleet.</summary>
    public int Haulers { get; init; }

    /// <summary>Gets the mining drones in the fleet.</summary>
    public int Miners { get; init; }

    /// <summary>Gets the siphon drones in the fleet.</summary>
    public int Siphoners { get; init; }

    /// <summary>Gets the measured simulated minutes.</summary>
    public required double Minutes { get; init; }

    /// <summary>Gets the requests that reached the server in the measured window.</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the requests the server answered with a 2xx.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Gets the requests the game's rate limiter rejected with 429.</summary>
    public required long RateLimited { get; init; }

    /// <summary>Gets the calls that ended in a game error (4xx other than 429).</summary>
    public required int GameErrors { get; init; }

    /// <summary>Gets the game errors by status and endpoint.</summary>
    public string ErrorKinds { get; init; } = string.Empty;

    /// <summary>Gets the Critical calls' waits (seconds, sorted).</summary>
    public required double[] CriticalWaits { get; init; }

    /// <summary>Gets the Normal calls' waits (seconds, sorted).</summary>
    public required double[] NormalWaits { get; init; }

    /// <summary>Gets the Background calls' waits (seconds, sorted).</summary>
    public required double[] BackgroundWaits { get; init; }

    /// <summary>Gets the ship-seconds spent waiting in calls (throttling, backoff, requeues).</summary>
    public required double IdleShipSeconds { get; init; }

    /// <summary>
    /// Gets the credits earned in the measured window: the agent's credits at the end less at the start, plus the change
    /// in what the ships hold, each good at what the market the ship sells it at pays for it at that moment (a hauler's
    /// at its importer's bid). So the figure does not swing with how full the holds happen to be when the window opens
    /// and closes.
    /// </summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets what the mining drones made (sales less fuel, plus the change in the value of their cargo).</summary>
    public required long MinerCredits { get; init; }

    /// <summary>Gets what the siphon drones made (sales less fuel, plus the change in the value of their cargo).</summary>
    public long SiphonCredits { get; init; }

    /// <summary>Gets what the haulers made (sales less purchases and fuel, plus the change in the value of their cargo).</summary>
    public required long HaulerCredits { get; init; }

    /// <summary>Gets the successful extractions.</summary>
    public required int Extractions { get; init; }

    /// <summary>Gets the successful siphons.</summary>
    public int Siphons { get; init; }

    /// <summary>Gets the successful Background requests (the refreshers' reads, which earn nothing themselves).</summary>
    public int BackgroundServed { get; init; }

    /// <summary>Gets the units the drones extracted or siphoned in the window.</summary>
    public long UnitsExtracted { get; init; }

    /// <summary>Gets the miners' extractions in the window that found the asteroid unstable (yields halved).</summary>
    public int UnstableExtractions { get; init; }

    /// <summary>Gets the successful sales.</summary>
    public required int Sales { get; init; }

    /// <summary>Gets the wall-clock time the run took, setup included.</summary>
    public required TimeSpan Wall { get; init; }

    /// <summary>Gets the simulated time the run covered, setup included.</summary>
    public required TimeSpan Simulated { get; init; }

    /// <summary>Gets the successful requests per minute.</summary>
    public double RequestsPerMinute => Succeeded / Minutes;

    /// <summary>Gets <see cref="RequestsPerMinute"/> as a share of <see cref="CeilingPerMinute"/>.</summary>
    public double CeilingShare => RequestsPerMinute / CeilingPerMinute;

    /// <summary>Gets the 429s per 100 requests that reached the server.</summary>
    public double RateLimitedPer100 => Requests == 0 ? 0 : 100.0 * RateLimited / Requests;

    /// <summary>Gets the median Critical wait in seconds.</summary>
    public double CriticalWaitP50 => RunRecorder.Percentile(CriticalWaits, 50);

    /// <summary>Gets the 99th-percentile Critical wait in seconds.</summary>
    public double CriticalWaitP99 => RunRecorder.Percentile(CriticalWaits, 99);

    /// <summary>Gets the 99th-percentile Normal wait in seconds.</summary>
    public double NormalWaitP99 => RunRecorder.Percentile(NormalWaits, 99);

    /// <summary>Gets the 99th-percentile Background wait in seconds.</summary>
    public double BackgroundWaitP99 => RunRecorder.Percentile(BackgroundWaits, 99);

    /// <summary>Gets credits per hour.</summary>
    public double CreditsPerHour => CreditsEarned * 60 / Minutes;

    /// <summary>Gets the credits earned per successful request.</summary>
    public double CreditsPerRequest => Succeeded == 0 ? 0 : (double)CreditsEarned / Succeeded;
}
