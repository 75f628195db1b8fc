using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceTraders.BotRunner.Reporting;

/// <summary>
/// The JSON summary <c>--report</c> writes at the end of a run. The first twelve properties are the contract (issue
/// 5); the rest say what ran where, and how the fleet grew. Figures come from the store's records of this run alone
/// (its <see cref="RunId"/>), so they agree with the records even when the database holds earlier runs.
/// </summary>
/// <remarks>
/// Credits are split: <see cref="CreditsEarned"/> (and CPR, CPH) are operating earnings; <see cref="CapitalSpent"/> is what
/// ships, mounts and modules cost (less ships scrapped). <c>creditsEarned - capitalSpent = creditsEnd - creditsStart</c>.
/// </remarks>
internal sealed record RunReport
{
    /// <summary>Gets the game time the runtime ran, from its start to its stop, in seconds (virtual or scaled time; wall time on the live server).</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Gets the real time the whole run took, start-up and shutdown included, in seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Gets the agent's credits when the runtime started.</summary>
    public required long CreditsStart { get; init; }

    /// <summary>Gets the agent's credits at the end, as the runtime last saw them.</summary>
    public required long CreditsEnd { get; init; }

    /// <summary>Gets the operating earnings: the sum of the run's recorded credit movements except capital (ships, mounts, modules, scrapping).</summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets this node's requests during the run (one per logical call, retries counted in <see cref="Attempts"/>); other runners' requests for the agent are in <see cref="AgentRequests"/>.</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the 429 answers this node received.</summary>
    public required long RateLimited { get; init; }

    /// <summary>Gets this node's requests that waited for the rate limiter longer than the delay threshold (1 s by default).</summary>
    public required long DelayedRequests { get; init; }

    /// <summary>Gets the operating earnings per request.</summary>
    public required double Cpr { get; init; }

    /// <summary>Gets the operating earnings per hour of game time.</summary>
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

    /// <summary>Gets the net credits moved outside any behaviour session (the conductor's ship purchases, mostly; capital included).</summary>
    public required long CreditsOutsideSessions { get; init; }

    /// <summary>Gets how the run ended: <c>duration</c> (it ran its course) or <c>cancelled</c> (Ctrl+C).</summary>
    public required string Ended { get; init; }

    /// <summary>Gets the process's peak working set, in bytes.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Gets the CPU time the runner process used up to the report (user and system, every thread: the runtime, the simulator in process, the dashboard), in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Gets the managed heap's size after the last garbage collection, in bytes.</summary>
    public long GcHeapBytes { get; init; }

    /// <summary>Gets the bytes allocated on the managed heap over the process's life.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Gets the garbage collections the process made, by generation (0, 1, 2): a run's memory churn.</summary>
    public IReadOnlyList<int> GcCollections { get; init; } = [];

    /// <summary>Gets the rows the store wrote, by table.</summary>
    public IReadOnlyDictionary<string, long> StoreRows { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the problems the runtime reported (the last few).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Gets the run's id, on every session, request and credit movement it recorded.</summary>
    public Guid RunId { get; init; }

    /// <summary>Gets the capital spending: ships, mounts and modules bought, less ships scrapped (positive when spent).</summary>
    public long CapitalSpent { get; init; }

    /// <summary>Gets the net change of credits over the run (<see cref="CreditsEarned"/> minus <see cref="CapitalSpent"/>).</summary>
    public long CreditsNet { get; init; }

    /// <summary>Gets the hours of operating earnings at <see cref="Cph"/> that pay <see cref="CapitalSpent"/> back; null without capital spending or positive CPH.</summary>
    public double? PaybackHours { get; init; }

    /// <summary>Gets the most ships the agent had at once during the run.</summary>
    public int ShipsPeak { get; init; }

    /// <summary>Gets the share of the run the fleet was playing: ship-time inside behaviour sessions over ship-time owned (0 to 1).</summary>
    public double Uptime { get; init; }

    /// <summary>Gets the starting system's jump gate construction as the game gave it at the end, when it could be read.</summary>
    public GateProgress? Gate { get; init; }

    /// <summary>Gets one entry per simulated hour of the run (the last one may be shorter): a growth curve.</summary>
    public IReadOnlyList<HourFigures> Hourly { get; init; } = [];

    /// <summary>Gets the behaviour failures of the run: how many, and the last few with ship, behaviour and error code.</summary>
    public int BehaviourFailures { get; init; }

    /// <summary>Gets the last few behaviour failures, as the Problems panel shows them.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>
    /// Gets the server reset the figures above are of: the one the run ended in (<c>yyyy-MM-dd</c>, the agent token's
    /// reset date), or <see langword="null"/> when unknown. A run that played through resets reports the current one at the
    /// top (credits, requests, CPR, CPH, behaviours, hourly figures and uptime from the reset's start; <see cref="SimulatedSeconds"/>
    /// stays the whole run's) and every one in <see cref="Resets"/>.
    /// </summary>
    public string? Reset { get; init; }

    /// <summary>
    /// Gets one entry per server reset the run played, oldest first, each with its own credits, requests, CPR and CPH
    /// and figures per behaviour@version: the comparison of resets. No record of one reset is counted in another.
    /// </summary>
    public IReadOnlyList<ResetReport> Resets { get; init; } = [];

    /// <summary>
    /// Gets the run's requests over every reset it played (the sum of <see cref="Resets"/>' requests when no record is
    /// counted twice or left out), or <see langword="null"/> for a run of one reset.
    /// </summary>
    public long? RequestsAllResets { get; init; }

    /// <summary>Gets why the run stopped at a server reset (no account token to register the agent again), or <see langword="null"/>.</summary>
    public string? StoppedByReset { get; init; }

    /// <summary>Writes the report as indented JSON to <paramref name="path"/>, whose folder must exist, replacing any file there at once (never half written).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, this, RunReportJson.Default.RunReport, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
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

/// <summary>One server reset the run played: the agent from its (re-)registration or the run's start to the reset or the run's end.</summary>
internal sealed record ResetReport
{
    /// <summary>Gets the reset (<c>yyyy-MM-dd</c>), or <see langword="null"/> when unknown.</summary>
    public string? Reset { get; init; }

    /// <summary>Gets the agent played in it.</summary>
    public required string Agent { get; init; }

    /// <summary>Gets when the runtime started playing the reset, on the game clock.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the runtime stopped playing it (the server reset, or the run ended).</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Gets a value indicating whether the server's reset ended it (rather than the run's end).</summary>
    public bool EndedByReset { get; init; }

    /// <summary>Gets the simulated seconds played in it.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Gets the agent's credits when the reset's play started.</summary>
    public required long CreditsStart { get; init; }

    /// <summary>Gets the agent's credits as last seen in it.</summary>
    public required long CreditsEnd { get; init; }

    /// <summary>Gets the operating earnings recorded in it (capital apart).</summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets the capital spent in it (ships, mounts, modules), positive.</summary>
    public long CapitalSpent { get; init; }

    /// <summary>Gets the requests recorded in it.</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the 429s in it.</summary>
    public long RateLimited { get; init; }

    /// <summary>Gets credits earned per request in it.</summary>
    public required double Cpr { get; init; }

    /// <summary>Gets credits earned per hour in it.</summary>
    public required double Cph { get; init; }

    /// <summary>Gets the sessions run in it.</summary>
    public int Sessions { get; init; }

    /// <summary>Gets the ships the agent had when last seen in it.</summary>
    public int Ships { get; init; }

    /// <summary>Gets the figures per behaviour@version in it.</summary>
    public IReadOnlyList<BehaviourReport> Behaviours { get; init; } = [];
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

    /// <summary>Gets the operating earnings of its sessions (their credit movements less capital).</summary>
    public required long CreditsEarned { get; init; }

    /// <summary>Gets the credits per request.</summary>
    public required double Cpr { get; init; }

    /// <summary>Gets the credits per session-hour.</summary>
    public required double Cph { get; init; }

    /// <summary>Gets the capital its sessions spent (ships, mounts, modules; positive when spent).</summary>
    public long CapitalSpent { get; init; }
}

/// <summary>The starting system's jump gate as the game gave it at the end of the run.</summary>
internal sealed record GateProgress
{
    /// <summary>Gets the gate's waypoint.</summary>
    public required string Waypoint { get; init; }

    /// <summary>Gets a value indicating whether its construction is complete (a gate never under construction is complete).</summary>
    public required bool Complete { get; init; }

    /// <summary>Gets the units of materials delivered, all materials together.</summary>
    public required int Fulfilled { get; init; }

    /// <summary>Gets the units of materials required, all materials together (0 when the gate was never under construction).</summary>
    public required int Required { get; init; }

    /// <summary>Gets each material's units delivered and required.</summary>
    public IReadOnlyList<GateMaterial> Materials { get; init; } = [];
}

/// <summary>One construction material of the gate.</summary>
/// <param name="TradeSymbol">The good, for example <c>FAB_MATS</c>.</param>
/// <param name="Fulfilled">Units delivered.</param>
/// <param name="Required">Units required.</param>
internal sealed record GateMaterial(string TradeSymbol, int Fulfilled, int Required);

/// <summary>One simulated hour of a run: the point of a growth curve at its end, and the hour's requests.</summary>
internal sealed record HourFigures
{
    /// <summary>Gets the hour's number, from 1 (the first hour of the run).</summary>
    public required int Hour { get; init; }

    /// <summary>Gets the game seconds the hour covers: 3600, less for the run's last hour when it ended sooner.</summary>
    public required double Seconds { get; init; }

    /// <summary>Gets the agent's credits at the end of the hour.</summary>
    public required long Credits { get; init; }

    /// <summary>Gets the operating earnings made during the hour.</summary>
    public required long Earned { get; init; }

    /// <summary>Gets the agent's ships at the end of the hour.</summary>
    public required int Ships { get; init; }

    /// <summary>Gets the requests made during the hour (by the minute they started in).</summary>
    public required long Requests { get; init; }

    /// <summary>Gets the 429 answers received during the hour.</summary>
    public required long RateLimited { get; init; }

    /// <summary>Gets the requests of the hour that waited for the rate limiter longer than the delay threshold.</summary>
    public required long Delayed { get; init; }
}

/// <summary>The report's JSON shape: camelCase, indented, source-generated.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class RunReportJson : JsonSerializerContext;
