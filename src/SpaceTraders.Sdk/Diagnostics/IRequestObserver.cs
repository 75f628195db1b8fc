namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>
/// Receives a <see cref="RequestRecord"/> for every API call a client makes, on the caller's execution
/// context (so ambient values such as the current session flow to it), and a <see cref="MissingFieldRecord"/>
/// for every required field a response lacked. Implementations must be fast and thread-safe, and must not throw.
/// </summary>
public interface IRequestObserver
{
    /// <summary>Called once when an API call ends, successfully or not.</summary>
    /// <param name="record">What happened.</param>
    void OnRequestCompleted(RequestRecord record);

    /// <summary>
    /// Called when a response lacked a required field (or sent it as null) and the SDK read it as its default
    /// instead of failing the call. Called while the answer is read, before <see cref="OnRequestCompleted"/> of the
    /// same call. Does nothing unless implemented.
    /// </summary>
    /// <param name="record">The field and the call.</param>
    void OnFieldMissing(MissingFieldRecord record)
    {
    }
}
