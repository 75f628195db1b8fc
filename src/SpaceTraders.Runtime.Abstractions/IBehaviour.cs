namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// A per-ship strategy: it drives one ship until it reaches its goal, has nothing left to do, or is cancelled.
/// The runtime runs each behaviour session as its own actor, so waits must go through
/// <see cref="SpaceTraders.Sdk.Timing.ClockWaits"/> on <see cref="IStrategyContext.Clock"/> (never a bare
/// <c>Task.Delay</c>) and one behaviour must not wait on two things at once.
/// </summary>
public interface IBehaviour
{
    /// <summary>Drives the ship. Throwing ends the session as failed; the runtime restarts it with backoff.</summary>
    /// <param name="context">The ship, the client, the caches and the session.</param>
    /// <param name="cancellationToken">Cancelled when the ship is paused, reassigned or the runtime stops; honour it promptly.</param>
    /// <returns>How the session ended.</returns>
    Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken);
}

/// <summary>How a behaviour session ended without an exception.</summary>
/// <param name="Outcome">The kind of ending.</param>
/// <param name="Reason">Why, in a sentence, for the log and the session record.</param>
public sealed record BehaviourResult(BehaviourOutcome Outcome, string? Reason = null)
{
    /// <summary>Gets a result saying the behaviour reached its goal.</summary>
    public static BehaviourResult Completed { get; } = new(BehaviourOutcome.Completed);

    /// <summary>Creates a result saying the behaviour has nothing more to do for now.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static BehaviourResult Idle(string reason) => new(BehaviourOutcome.Idle, reason);
}

/// <summary>The ways a behaviour session can end without an exception.</summary>
public enum BehaviourOutcome
{
    /// <summary>The behaviour reached its goal (a contract fulfilled, a tour done). The conductor decides what next.</summary>
    Completed,

    /// <summary>The behaviour cannot do anything useful now (no market, no money). The conductor decides what next.</summary>
    Idle,
}
