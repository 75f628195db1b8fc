namespace SpaceTraders.Simulator;

/// <summary>Live counters of what a <see cref="Simulation"/>'s server has done; thread-safe to read at any time.</summary>
public sealed class SimulationStats
{
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

    /// <inheritdoc />
    public override string ToString()
        => $"requests={Requests} ok={Succeeded} 429={RateLimited} faults={FaultsInjected} locked={ShipLockConflicts} 4xx={ClientErrors} 5xx={ServerErrors} resets={Resets}";

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountFault() => Interlocked.Increment(ref _faults);

    internal void CountReset() => Interlocked.Increment(ref _resets);

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
