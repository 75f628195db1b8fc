namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>
/// Receives a <see cref="RequestRecord"/> for every API call a client makes, on the caller's execution
/// context (so ambient values such as the current session flow to it). Implementations must be fast and
/// thread-safe, and must not throw.
/// </summary>
public interface IRequestObserver
{
    /// <summary>Called once when an API call ends, successfully or not.</summary>
    /// <param name="record">What happened.</param>
    void OnRequestCompleted(RequestRecord record);
}
