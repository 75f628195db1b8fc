using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Stores;

/// <summary>Something the runtime writes to its store through <see cref="IRecordSink.Append"/>.</summary>
/// <param name="At">When it happened, on the runtime's clock.</param>
/// <remarks>
/// <para>
/// The list of record types is open: a backend keeps one writer per record type it stores (the in-memory store a
/// method registered in its constructor, the PostgreSQL store a <c>PostgresRecordWriter</c> in its writer list), and
/// refuses a record whose type it has no writer for. A new record type is a record class here, plus one writer in each
/// backend (and a table for a database backend); no backend's append, outbox or batch code changes.
/// </para>
/// </remarks>
public abstract record StoreRecord(DateTimeOffset At)
{
    /// <summary>
    /// Gets a callback the store invokes once the record is durable (the runtime marks ship parts clean there); a
    /// callback that throws is logged and does not stop the writer. The default value is <see langword="null"/>.
    /// </summary>
    public Action? OnDurable { get; init; }
}

/// <summary>A behaviour session started on a ship.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="ShipType">The ship's shipyard type, when known.</param>
/// <param name="BehaviourId">The behaviour's id.</param>
/// <param name="BehaviourVersion">The plugin version that provides it.</param>
/// <param name="Conductor">The conductor that assigned it (<c>id@version</c>), when any.</param>
/// <param name="Node">The dispatcher (node) running it.</param>
/// <param name="At">When it started.</param>
public sealed record SessionStartedRecord(
    Guid SessionId,
    string AgentSymbol,
    string ShipSymbol,
    string? ShipType,
    string BehaviourId,
    string BehaviourVersion,
    string? Conductor,
    string Node,
    DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the run that recorded it (<see cref="FleetRuntime.RunId"/>), so that reports count one run's records even when
    /// a database holds several runs of the same agent; <see langword="null"/> for records written without a run.
    /// </summary>
    public Guid? RunId { get; init; }

    /// <summary>
    /// Gets the server reset the record belongs to (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}

/// <summary>A behaviour session ended.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Outcome">How it ended; stores keep it by name (<see cref="SessionOutcomes.ToName(SessionOutcome)"/>).</param>
/// <param name="Reason">Why, in a sentence (an exception's message, the behaviour's reason).</param>
/// <param name="At">When it ended.</param>
public sealed record SessionEndedRecord(Guid SessionId, SessionOutcome Outcome, string? Reason, DateTimeOffset At) : StoreRecord(At);

/// <summary>One API call, as the SDK reported it.</summary>
/// <param name="SessionId">The session that made it; <see langword="null"/> for the conductor or the runner.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Endpoint">The endpoint template.</param>
/// <param name="Status">The final HTTP status, or 0 when no response arrived.</param>
/// <param name="Priority">The priority it queued with.</param>
/// <param name="QueueWait">Time spent waiting for the rate limiter.</param>
/// <param name="Duration">Total time, queue and retries included.</param>
/// <param name="Attempts">How many times it was sent.</param>
/// <param name="RateLimited">How many 429 answers it received.</param>
/// <param name="Delayed">
/// Whether it waited for the rate limiter longer than the runtime's <see cref="RuntimeOptions.DelayedThreshold"/> (the
/// SDK's threshold once its <c>RequestRecord.Delayed</c> means the same).
/// </param>
/// <param name="At">When it started.</param>
/// <remarks>One record per logical call: retries of the call are its <paramref name="Attempts"/>, never records of their own.</remarks>
public sealed record RequestRecordedRecord(
    Guid? SessionId,
    string AgentSymbol,
    string Method,
    string Endpoint,
    int Status,
    string Priority,
    TimeSpan QueueWait,
    TimeSpan Duration,
    int Attempts,
    int RateLimited,
    bool Delayed,
    DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the run that recorded it (<see cref="FleetRuntime.RunId"/>), so that reports count one run's records even when
    /// a database holds several runs of the same agent; <see langword="null"/> for records written without a run.
    /// </summary>
    public Guid? RunId { get; init; }

    /// <summary>
    /// Gets the node (dispatcher) whose client made the call, so that each node's figures can be told from the agent's
    /// across nodes; <see langword="null"/> when it was not recorded by a runtime. The default value is <see langword="null"/>.
    /// </summary>
    public string? Node { get; init; }

    /// <summary>
    /// Gets the server reset the record belongs to (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}

/// <summary>
/// A change of the agent's credits, taken from the agent in an action's response (the balance after minus
/// the balance before), so that the movements of an agent always sum exactly to its change in credits.
/// </summary>
/// <param name="SessionId">The session whose action caused it; <see langword="null"/> for the conductor or the runner.</param>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="Kind">What moved the credits: <c>sell</c>, <c>purchase</c>, <c>refuel</c>, <c>repair</c>, <c>scrap</c>, <c>ship-purchase</c>, <c>mount</c>, <c>module</c>, <c>contract-accept</c>, <c>contract-fulfil</c>, <c>jump</c>, <c>chart</c>, <c>construction</c>, or <c>sync</c> for a change seen on a refresh.</param>
/// <param name="Amount">The signed change (income positive).</param>
/// <param name="BalanceAfter">The agent's credits after it.</param>
/// <param name="ShipSymbol">The ship involved, when any.</param>
/// <param name="TradeSymbol">The good involved, when any.</param>
/// <param name="Units">The units involved, when any.</param>
/// <param name="At">When it happened.</param>
public sealed record CreditMovementRecord(
    Guid? SessionId,
    string AgentSymbol,
    string Kind,
    long Amount,
    long BalanceAfter,
    string? ShipSymbol,
    string? TradeSymbol,
    int? Units,
    DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the run that recorded it (<see cref="FleetRuntime.RunId"/>), so that reports count one run's records even when
    /// a database holds several runs of the same agent; <see langword="null"/> for records written without a run.
    /// </summary>
    public Guid? RunId { get; init; }

    /// <summary>
    /// Gets the node (dispatcher) whose ledger saw the change. Several nodes on one agent each record the changes they
    /// see (another node's earnings reach a node as a <c>sync</c> movement), so sum one node's movements, never all
    /// nodes' together. <see langword="null"/> when it was not recorded by a runtime. The default value is <see langword="null"/>.
    /// </summary>
    public string? Node { get; init; }

    /// <summary>
    /// Gets the server reset the record belongs to (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}

/// <summary>The dirty parts of a tracked ship, to be written (only these parts: a refresh that changed nothing writes nothing).</summary>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="ShipSymbol">The ship.</param>
/// <param name="Parts">The parts and their new values.</param>
/// <param name="At">When the changes were taken.</param>
public sealed record ShipPartsRecord(string AgentSymbol, string ShipSymbol, IReadOnlyList<ShipPartValue> Parts, DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the server reset the ship belongs to (a ship of one reset is another ship than the same symbol in the next) (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}

/// <summary>One part of a ship (nav, fuel, cargo, cooldown, mounts, modules, frame, reactor, engine, crew, registration) as JSON.</summary>
/// <param name="Part">The part's name, lower case (for example <c>nav</c>).</param>
/// <param name="Version">The tracked version it was taken at.</param>
/// <param name="Json">The part's value in the SDK's JSON form.</param>
public sealed record ShipPartValue(string Part, long Version, string Json);

/// <summary>The agent's own record (credits, headquarters, ship count) as JSON, written when it changes.</summary>
/// <param name="AgentSymbol">The agent.</param>
/// <param name="Credits">Its credits.</param>
/// <param name="Json">The agent in the SDK's JSON form.</param>
/// <param name="At">When it was seen.</param>
public sealed record AgentSnapshotRecord(string AgentSymbol, long Credits, string Json, DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the server reset the agent belongs to (the same symbol registered again after a reset is another agent) (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}

/// <summary>One trade good of a market as observed with a ship present.</summary>
/// <param name="WaypointSymbol">The market's waypoint.</param>
/// <param name="TradeSymbol">The good.</param>
/// <param name="Type"><c>EXPORT</c>, <c>IMPORT</c> or <c>EXCHANGE</c>.</param>
/// <param name="PurchasePrice">What a ship pays per unit.</param>
/// <param name="SellPrice">What a ship gets per unit.</param>
/// <param name="TradeVolume">The most units per transaction.</param>
/// <param name="Supply">The supply level.</param>
/// <param name="Activity">The activity level, when given.</param>
/// <param name="At">When it was observed.</param>
public sealed record MarketObservationRecord(
    string WaypointSymbol,
    string TradeSymbol,
    string Type,
    int PurchasePrice,
    int SellPrice,
    int TradeVolume,
    string Supply,
    string? Activity,
    DateTimeOffset At) : StoreRecord(At)
{
    /// <summary>
    /// Gets the server reset the market belongs to (a reset generates the galaxy again) (the agent token's reset date, <c>yyyy-MM-dd</c>), so that the records
    /// of one weekly reset are never counted in another's; <see langword="null"/> when unknown. The default value is <see langword="null"/>.
    /// </summary>
    public string? Reset { get; init; }
}
