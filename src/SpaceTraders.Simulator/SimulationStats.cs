using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator;

/// <summary>Live counters of what a <see cref="Simulation"/>'s server has done; thread-safe to read at any time.</summary>
/// <remarks>
/// Executed actions are the state-changing requests (POST and PATCH) the game answered with 2xx, whatever happened to
/// the response afterwards (a fault may drop it). They are counted per ship and per client request id: the SDK sends
/// <c>X-Request-Id</c> on every request, the same on every retry of one logical call, so an id whose action executed
/// twice is an action a retry made happen twice. Requests without the header are counted, never as duplicates. The
/// counts survive server resets.
/// </remarks>
public sealed class SimulationStats
{
    private readonly ActionLedger _actions = new();
    private long _requests;
    private long _succeeded;
    private long _rateLimited;
    private long _faults;
    private long _shipLockConflicts;
    private long _clientErrors;
    private long _serverErrors;
    private long _resets;

    internal SimulationStats()
    {
    }

    /// <summary>Gets how many requests reached the server (every transport, every outcome).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Gets how many requests were answered with a 2xx status.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Gets how many requests the game's rate limiter rejected with 429 (injected HTML 429s are counted as faults, not here).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Gets how many faults were injected.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Gets how many requests were rejected with 409 by the ship lock.</summary>
    public long ShipLockConflicts => Interlocked.Read(ref _shipLockConflicts);

    /// <summary>Gets how many requests were answered with a 4xx status other than the rate limiter's 429s.</summary>
    public long ClientErrors => Interlocked.Read(ref _clientErrors);

    /// <summary>Gets how many requests were answered with a 5xx status (injected or not).</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Gets how many server resets happened.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Gets how many state-changing actions (POST or PATCH answered with 2xx) the game executed.</summary>
    public long ActionsExecuted => _actions.Executed;

    /// <summary>
    /// Gets how many actions were duplicated: client request ids (<c>X-Request-Id</c>) whose action executed more than once.
    /// Repeats of idempotent actions (orbit, dock, setting the flight mode) change nothing and are counted in
    /// <see cref="RepeatedIdempotentActions"/> instead. Only the last 100,000 request ids are remembered.
    /// </summary>
    public long DuplicatedActions => _actions.Duplicated;

    /// <summary>Gets how many client request ids had an idempotent action (orbit, dock, setting the flight mode) executed more than once.</summary>
    public long RepeatedIdempotentActions => _actions.RepeatedIdempotent;

    /// <summary>Gets the executed actions per ship (the route's ship, or the ship a contract delivery names).</summary>
    /// <returns>A snapshot: ship symbol to the number of its executed actions.</returns>
    public IReadOnlyDictionary<string, long> GetActionsByShip() => _actions.ByShip();

    /// <summary>Gets the first 1,000 duplicated actions in detail (request id, route, ship, executions), in the order they were found.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<DuplicatedAction> GetDuplicatedActions() => _actions.Duplicates();

    /// <inheritdoc />
    public override string ToString()
        => $"requests={Requests} ok={Succeeded} 429={RateLimited} faults={FaultsInjected} locked={ShipLockConflicts} 4xx={ClientErrors} 5xx={ServerErrors} resets={Resets} actions={ActionsExecuted} duplicated={DuplicatedActions}";

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountFault() => Interlocked.Increment(ref _faults);

    internal void CountResets(int count) => Interlocked.Add(ref _resets, count);

    internal void CountAction(string? requestId, string method, string route, string? ship, bool idempotent)
        => _actions.Record(requestId, method, route, ship, idempotent);

    internal void CountShipLockConflict() => Interlocked.Increment(ref _shipLockConflicts);

    internal void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void CountStatus(int status, bool rateLimited)
    {
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _succeeded);
        }
        else if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
        else if (status >= 400 && !rateLimited)
        {
            Interlocked.Increment(ref _clientErrors);
        }
    }
}
