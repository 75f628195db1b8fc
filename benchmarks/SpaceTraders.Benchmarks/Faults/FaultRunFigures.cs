using System.Text.Json.Serialization;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Simulator;
using SpaceTraders.Testing;

namespace SpaceTraders.Benchmarks.Faults;

/// <summary>What one run under a fault profile produced: one conductor, one seed, one profile.</summary>
/// <param name="Conductor">The conductor's id.</param>
/// <param name="Seed">The world seed (and the retries' jitter seed).</param>
/// <param name="Profile">The simulator's fault profile while the runtime played.</param>
/// <param name="Hours">Simulated hours.</param>
/// <param name="Earnings">Operating earnings: the net change of credits plus capital spent (ships, mounts, modules).</param>
/// <param name="LedgerSum">The sum of the credit movements the runtime's store holds.</param>
/// <param name="ServerChange">The change of the agent's credits on the server, read outside the runtime after the run.</param>
/// <param name="DuplicatedActions">Actions the simulator executed more than once for one client request id.</param>
/// <param name="RepeatedIdempotentActions">Idempotent actions (orbit, dock, flight mode) executed more than once for one request id.</param>
/// <param name="ActionsExecuted">State-changing actions the simulator executed.</param>
/// <param name="FaultsInjected">Faults the simulator injected.</param>
/// <param name="Requests">Requests the runtime recorded (one per logical call).</param>
/// <param name="Sessions">Behaviour sessions.</param>
/// <param name="FailedSessions">Sessions that ended <c>failed</c>.</param>
/// <param name="FailureReasons">The most frequent reasons of the failed sessions, with their counts.</param>
/// <param name="DuplicatedRoutes">The routes of the duplicated actions, with their counts.</param>
/// <param name="WallSeconds">Wall-clock seconds the run took (the only machine-dependent figure).</param>
internal sealed record FaultRunFigures(
    string Conductor,
    int Seed,
    string Profile,
    double Hours,
    long Earnings,
    long LedgerSum,
    long ServerChange,
    long DuplicatedActions,
    long RepeatedIdempotentActions,
    long ActionsExecuted,
    long FaultsInjected,
    long Requests,
    int Sessions,
    int FailedSessions,
    IReadOnlyList<string> FailureReasons,
    IReadOnlyList<string> DuplicatedRoutes,
    double WallSeconds)
{
    /// <summary>Gets a value indicating whether the runtime's ledger equals the server's change of credits, to the credit.</summary>
    public bool LedgerMatchesServer => LedgerSum == ServerChange;

    /// <summary>Gets the share of the sessions that failed (0 without sessions).</summary>
    public double FailedSessionShare => Sessions == 0 ? 0 : (double)FailedSessions / Sessions;

    /// <summary>Takes the figures of a finished run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="profile">Its fault profile.</param>
    /// <param name="stats">The simulator's counters after the run.</param>
    /// <param name="faultsInjected">The faults injected.</param>
    /// <param name="wall">The wall-clock time it took.</param>
    /// <returns>The figures.</returns>
    public static FaultRunFigures From(WeeklyRun run, string profile, SimulationStats stats, long faultsInjected, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(stats);
        var failed = run.Sessions.Where(s => s.Outcome == SessionOutcome.Failed).ToList();
        return new FaultRunFigures(
            run.Conductor.Id,
            run.Seed,
            profile,
            run.Duration.TotalHours,
            run.Agent.Earnings.Operating,
            run.LedgerSum,
            run.ServerChange,
            stats.DuplicatedActions,
            stats.RepeatedIdempotentActions,
            stats.ActionsExecuted,
            faultsInjected,
            run.Requests,
            run.Sessions.Count,
            failed.Count,
            [.. failed.GroupBy(s => $"{s.BehaviourId}@{s.BehaviourVersion}: {Shorten(s.Reason)}")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(5)
                .Select(g => $"{g.Count()} x {g.Key}")],
            [.. stats.GetDuplicatedActions().GroupBy(d => $"{d.Method} {d.Route}")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} x {g.Key}")],
            wall.TotalSeconds);
    }

    private static string Shorten(string? reason)
    {
        var text = (reason ?? "(no reason)").ReplaceLineEndings(" ");
        return text.Length <= 240 ? text : text[..240] + "...";
    }
}

/// <summary>One run as <c>faults --json</c> writes it.</summary>
/// <param name="Profile">The fault profile.</param>
/// <param name="Conductor">The conductor.</param>
/// <param name="Seed">The world seed.</param>
/// <param name="Hours">Simulated hours.</param>
/// <param name="LedgerMatchesServer">Whether the ledger equals the server's change of credits exactly.</param>
/// <param name="DuplicateActions">Actions the simulator executed twice for one request id.</param>
/// <param name="EarningsShare">Operating earnings as a share of the fault-free run's (same conductor, same seed).</param>
/// <param name="FailedSessionShare">The share of sessions that failed.</param>
internal sealed record FaultJsonRow(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("conductor")] string Conductor,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("hours")] double Hours,
    [property: JsonPropertyName("ledgerMatchesServer")] bool LedgerMatchesServer,
    [property: JsonPropertyName("duplicateActions")] long DuplicateActions,
    [property: JsonPropertyName("earningsShare")] double EarningsShare,
    [property: JsonPropertyName("failedSessionShare")] double FailedSessionShare);
