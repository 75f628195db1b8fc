using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTraders.BotRunner.Reporting;

/// <summary>
/// The JSON summary <c>--report</c> writes at the end of a run. The first twelve properties are the contract (issue
/// 5); the rest say what ran where. Figures come from the store's analytics, so they agree with the runtime's records.
/// </summary>
internal sealed record RunReport
{
    /// <summary>Gets the game time the runtime ran, in seconds (virtual or scaled time; wall time on the live server).</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Gets the real time the whole run took, start-up and shutdown included, in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Gets the agent's credits when the runtime started.</summary>
    public required long CreditsStart { get; init; }

    /// <summary>Gets the agent's credits at the end, as the runtime last saw them.</summary>
    public required long CreditsEnd { get; init; }

    /// <summary>Gets the sum of the credit movements the store recorded during the run.</summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets this node's requests during the run (one per logical call, retries counted in <see cref="Attempts"/>); other runners' requests for the agent are in <see cref="AgentRequests"/>.</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the 429 answers this node received.</summary>
    public required long RateLimited { get; init; }

    /// <summary>Gets this node's requests that waited for the rate limiter longer than the delay threshold (1 s by default).</summary>
    public required long DelayedRequests { get; init; }

    /// <summary>Gets the credits earned per request.</summary>
    public required double Cpr { get; init; }

    /// <summary>Gets the credits earned per hour of game time.</summary>
    public required double Cph { get; init; }

    /// <summary>Gets the agent's ships at the end.</summary>
    public required int Ships { get; init; }

    /// <summary>Gets the figures per behaviour id and version.</summary>
    public required IReadOnlyList<BehaviourReport> Behaviours { get; init; }

    /// <summary>Gets the node (runner) this report is about: <see cref="Requests"/>, the credits and the sessions are its own.</summary>
    public string? Node { get; init; }

    /// <summary>Gets the agent's requests during the run across every node writing to the store (this node's included).</summary>
    public long AgentRequests { get; init; }

    /// <summary>Gets how many times this node's requests were sent, retries included.</summary>
    public long Attempts { get; init; }

    /// <summary>Gets the median of this node's rate-limiter queue waits, in milliseconds.</summary>
    public double QueueWaitP50Ms { get; init; }

    /// <summary>Gets the 99th percentile of this node's rate-limiter queue waits, in milliseconds.</summary>
    public double QueueWaitP99Ms { get; init; }

    /// <summary>Gets the mean of this node's rate-limiter queue waits, in milliseconds.</summary>
    public double MeanQueueWaitMs { get; init; }

    /// <summary>Gets the agent played.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets the conductor that ran (<c>id@version</c>), if any.</summary>
    public string? Conductor { get; init; }

    /// <summary>Gets the game played, for example <c>built-in simulator, seed 42, virtual time</c>.</summary>
    public required string Game { get; init; }

    /// <summary>Gets the simulator seed, for runs on the built-in simulator.</summary>
    public int? Seed { get; init; }

    /// <summary>Gets the store: <c>in-memory</c> or <c>postgres</c>.</summary>
    public required string Store { get; init; }

    /// <summary>Gets the ships bought during the run (recorded ship purchases).</summary>
    public required int ShipsBought { get; init; }

    /// <summary>Gets the credits moved outside any behaviour session (the conductor's purchases, mostly).</summary>
    public required long CreditsOutsideSessions { get; init; }

    /// <summary>Gets how the run ended: <c>duration</c> (it ran its course) or <c>cancelled</c> (Ctrl+C).</summary>
    public required string Ended { get; init; }

    /// <summary>Gets the process's peak working set, in bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Gets the managed heap's size after the last garbage collection, in bytes.</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>Gets the bytes allocated on the managed heap over the process's life.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Gets the rows the store wrote, by table.</summary>
    public IReadOnlyDictionary<string, long> StoreRows { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the problems the runtime reported (the last few).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Writes the report as indented JSON to <paramref name="path"/>, creating its folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var stream = File.Create(full);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, this, RunReportJson.Default.RunReport, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the report as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, RunReportJson.Default.RunReport);

    /// <summary>Reads a report written by <see cref="WriteAsync"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    public static RunReport FromJson(string json) =>
        JsonSerializer.Deserialize(json, RunReportJson.Default.RunReport) ?? throw new JsonException("The report is empty.");
}

/// <summary>One behaviour version's figures over the run's sessions.</summary>
internal sealed record BehaviourReport
{
    /// <summary>Gets the behaviour id, for example <c>extract-and-sell</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the plugin version, for example <c>week04</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Gets the sessions it ran.</summary>
    public required int Sessions { get; init; }

    /// <summary>Gets the requests its sessions made.</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the net credits of its sessions.</summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets the credits per request.</summary>
    public required double Cpr { get; init; }

    /// <summary>Gets the credits per session-hour.</summary>
    public required double Cph { get; init; }
}

/// <summary>The report's JSON shape: camelCase, indented, source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class RunReportJson : JsonSerializerContext;
