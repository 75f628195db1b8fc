using System.Globalization;
using System.Text;
using SpaceTraders.Runtime;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Testing;

/// <summary>What one run left: the runtime's snapshot and the store's reports.</summary>
internal sealed record WeeklyRun(
    StrategyRef Conductor,
    int Seed,
    TimeSpan Duration,
    RuntimeSnapshot Snapshot,
    AgentSnapshot Agent,
    IReadOnlyList<SessionReport> Sessions,
    IReadOnlyList<GroupReport> Behaviours,
    IReadOnlyList<CreditMovementRecord> Movements)
{
    public long CreditsEarned => Agent.Metrics.CreditsEarned;

    /// <summary>Gets the rows the runtime's store wrote, per table, and its batches (empty when not taken).</summary>
    public StoreStatistics Statistics { get; init; } = new(new Dictionary<string, long>(), 0, 0);

    /// <summary>Gets the runtime's timeline of the agent (requests, credits and ships per game minute).</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>Gets the requests completed from <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive), game time after the run's start, from the timeline.</summary>
    public long RequestsBetween(TimeSpan from, TimeSpan until) =>
        Timeline.Where(p => p.Start >= Snapshot.StartedAt + from && p.Start < Snapshot.StartedAt + until).Sum(p => (long)p.Requests);

    /// <summary>Gets the change of the agent's credits on the server from its registration to after the run, read outside the runtime.</summary>
    public long ServerChange { get; init; }

    /// <summary>Gets the sum of the credit movements the store holds (the runtime's ledger).</summary>
    public long LedgerSum => Movements.Sum(m => m.Amount);

    public long Requests => Agent.Totals.Requests;

    public int ShipsBought => Movements.Count(m => m.Kind == "ship-purchase");

    public long ShipSpending => -Movements.Where(m => m.Kind == "ship-purchase").Sum(m => m.Amount);

    public long Earned(string kind) => Movements.Where(m => m.Kind == kind).Sum(m => m.Amount);

    public override string ToString()
    {
        var text = new StringBuilder();
        var metrics = Agent.Metrics;
        text.Append(CultureInfo.InvariantCulture, $"{Conductor} seed {Seed}: earned {metrics.CreditsEarned:N0} in {Duration}, {Requests} requests, CPR {metrics.CreditsPerRequest:0.0}, CPH {metrics.CreditsPerHour:N0}, 429s {Agent.Totals.RateLimited}, delayed {Agent.Totals.Delayed}, ships bought {ShipsBought} ({ShipSpending:N0}), fleet {Agent.Ships.Count}");
        foreach (var kind in Movements.GroupBy(m => m.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {kind.Key}: {kind.Count()} movements, {kind.Sum(m => m.Amount):N0}");
        }

        foreach (var behaviour in Behaviours.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  {behaviour.Key}: {behaviour.Sessions} sessions, {behaviour.Requests} requests, {behaviour.CreditsEarned:N0} credits, CPR {behaviour.CreditsPerRequest:0.0}, {behaviour.Hours:0.0} ship-hours");
        }

        foreach (var ending in Sessions.Where(s => s.Outcome is not null and not SessionOutcome.Cancelled).GroupBy(s => $"{s.BehaviourId}@{s.BehaviourVersion} {s.Outcome}").Take(10))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  ended {ending.Count()} x {ending.Key}");
        }

        foreach (var problem in Snapshot.Problems.Take(15))
        {
            text.AppendLine().Append("  ! ").Append(problem.ShipSymbol).Append(' ').Append(problem.Message);
        }

        return text.ToString();
    }
}
