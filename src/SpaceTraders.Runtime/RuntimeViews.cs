using SpaceTraders.Runtime.Stores;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime;

/// <summary>One bucket of an agent's timeline (<see cref="FleetRuntime.GetTimeline"/>): what happened in a span of game time.</summary>
/// <param name="Start">The bucket's start.</param>
/// <param name="Width">Its length (one minute at first; it doubles as a long run's timeline is coarsened).</param>
/// <param name="Requests">Requests that started in it.</param>
/// <param name="RateLimited">429 answers they received.</param>
/// <param name="Delayed">How many of them waited for the rate limiter longer than <see cref="RuntimeOptions.DelayedThreshold"/>.</param>
/// <param name="MeanQueueWait">Their mean rate-limiter wait.</param>
/// <param name="QueueWaitByPriority">Their waits per priority: count, median and 99th percentile.</param>
/// <param name="Credits">The agent's credits at the end of the bucket.</param>
/// <param name="CreditsEarned">
/// Credits gained from the runtime's start to the end of the bucket: the net change, capital spending included (see
/// <see cref="OperatingEarned"/> for the earnings without it).
/// </param>
/// <param name="TotalRequests">Requests from the runtime's start to the end of the bucket.</param>
/// <param name="Ships">The fleet's size during the bucket.</param>
public sealed record TimelinePoint(
    DateTimeOffset Start,
    TimeSpan Width,
    int Requests,
    int RateLimited,
    int Delayed,
    TimeSpan MeanQueueWait,
    IReadOnlyList<PriorityWait> QueueWaitByPriority,
    long Credits,
    long CreditsEarned,
    long TotalRequests,
    int Ships)
{
    /// <summary>
    /// Gets the capital spent from the runtime's start to the end of the bucket, as a positive number: ships, mounts and
    /// modules bought, less ships scrapped (<see cref="Analytics.CapitalSpending"/>). The default value is 0.
    /// </summary>
    public long CapitalSpent { get; init; }

    /// <summary>
    /// Gets the operating earnings from the runtime's start to the end of the bucket: <see cref="CreditsEarned"/> without
    /// the capital spending (what trading, mining and contracts earned), as <see cref="Analytics.EarningsFigures.Operating"/>
    /// counts them.
    /// </summary>
    public long OperatingEarned => CreditsEarned + CapitalSpent;

    /// <summary>Gets the bucket's end.</summary>
    public DateTimeOffset End => Start + Width;

    /// <summary>Gets the requests per minute over the bucket.</summary>
    public double RequestsPerMinute => Width <= TimeSpan.Zero ? 0 : Requests / Width.TotalMinutes;
}

/// <summary>One priority's rate-limiter waits over a span.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Requests">Requests of this priority.</param>
/// <param name="P50">Their median wait.</param>
/// <param name="P99">Their 99th-percentile wait.</param>
public sealed record PriorityWait(RequestPriority Priority, int Requests, TimeSpan P50, TimeSpan P99);

/// <summary>A ship's latest requests and credit movements, newest first (<see cref="FleetRuntime.GetShipActivity"/>).</summary>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="Requests">Its sessions' latest requests.</param>
/// <param name="CreditMovements">Its latest credit movements (its sessions' and those naming it).</param>
public sealed record ShipActivity(string ShipSymbol, IReadOnlyList<RequestRecordedRecord> Requests, IReadOnlyList<CreditMovementRecord> CreditMovements);

/// <summary>
/// A ship the conductor paused or resumed (saturation control does it through the conductor), with why and the fleet's
/// request figures at that moment.
/// </summary>
/// <param name="At">When, on the runtime's clock.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="Kind"><c>paused</c> or <c>resumed</c>.</param>
/// <param name="Reason">The conductor's reason for a pause; for a resume, what the figures were.</param>
/// <param name="RequestsPerMinute">Requests completed in the minute before.</param>
/// <param name="DelayedPerRequest">The share of them that waited for the rate limiter longer than <see cref="RuntimeOptions.DelayedThreshold"/>.</param>
/// <param name="MeanQueueWait">Their mean rate-limiter wait.</param>
public sealed record ShipControlEvent(
    DateTimeOffset At,
    string AgentSymbol,
    string ShipSymbol,
    string Kind,
    string Reason,
    double RequestsPerMinute,
    double DelayedPerRequest,
    TimeSpan MeanQueueWait);

/// <summary>A market as the agents last saw it (<see cref="FleetRuntime.GetMarkets"/>).</summary>
/// <param name="Market">The market; its trade goods (prices, supply, volume) only when a ship was there.</param>
/// <param name="ObservedAt">When it was last received, on the runtime's clock.</param>
public sealed record ObservedMarket(Market Market, DateTimeOffset? ObservedAt);
