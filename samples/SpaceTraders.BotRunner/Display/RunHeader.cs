namespace SpaceTraders.BotRunner.Display;

/// <summary>What the view says about a run besides the runtime's snapshot. Holds no secret.</summary>
/// <param name="Game">The game played, for example <c>built-in simulator, seed 42, x20 real time</c>.</param>
/// <param name="Agent">The agent's symbol.</param>
/// <param name="Conductor">The conductor asked for (<c>id</c> or <c>id@version</c>), or <see langword="null"/>.</param>
/// <param name="ConductorReason">Why that conductor (given on the command line, or the default's reasoning).</param>
/// <param name="Store">The store: <c>in-memory</c>, or <c>postgres</c> with host, port, database and user.</param>
/// <param name="Duration">How long the run lasts on the game clock, or <see langword="null"/> until Ctrl+C.</param>
/// <param name="ReportPath">Where the report goes, if anywhere.</param>
/// <param name="WallStart">The run's start on <see cref="TimeProvider.System"/>'s timestamp.</param>
internal sealed record RunHeader(
    string Game,
    string Agent,
    string? Conductor,
    string ConductorReason,
    string Store,
    TimeSpan? Duration,
    string? ReportPath,
    long WallStart)
{
    /// <summary>Gets the behaviour failures collected during the run, for the Problems panel.</summary>
    public BehaviourFailures? Failures { get; init; }

    /// <summary>Gets the dashboard's address, when one is served.</summary>
    public Uri? Dashboard { get; init; }

    /// <summary>Gets the real time since the run started.</summary>
    public TimeSpan WallElapsed => TimeProvider.System.GetElapsedTime(WallStart);
}
