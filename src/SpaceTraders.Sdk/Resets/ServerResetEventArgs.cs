namespace SpaceTraders.Sdk.Resets;

/// <summary>
/// What a client knows about a server reset it detected (<see cref="SpaceTradersClient.ServerReset"/>): the reset its
/// agent belonged to, the server's new one, and how it found out. After a reset the agent token is useless: register
/// the agent again with the account token (<see cref="SpaceTradersClient.RegisterAgentAsync"/>).
/// </summary>
public sealed class ServerResetEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="ServerResetEventArgs"/> class.</summary>
    /// <param name="previousResetDate">The reset the client's agent belonged to (<c>yyyy-MM-dd</c>), when known.</param>
    /// <param name="resetDate">The server's reset now (<c>yyyy-MM-dd</c>), when known.</param>
    /// <param name="signal">How the reset was detected.</param>
    /// <param name="detectedAt">When it was detected, on the client's clock.</param>
    public ServerResetEventArgs(string? previousResetDate, string? resetDate, ServerResetSignal signal, DateTimeOffset detectedAt)
    {
        PreviousResetDate = previousResetDate;
        ResetDate = resetDate;
        Signal = signal;
        DetectedAt = detectedAt;
    }

    /// <summary>Gets the reset the client's agent belonged to (the token's <c>reset_date</c>), or <see langword="null"/> when unknown.</summary>
    public string? PreviousResetDate { get; }

    /// <summary>Gets the server's reset date now, or <see langword="null"/> when the server did not say.</summary>
    public string? ResetDate { get; }

    /// <summary>Gets how the reset was detected.</summary>
    public ServerResetSignal Signal { get; }

    /// <summary>Gets when the reset was detected, on the client's clock.</summary>
    public DateTimeOffset DetectedAt { get; }
}
