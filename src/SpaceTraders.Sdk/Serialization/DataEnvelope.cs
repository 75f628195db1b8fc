namespace SpaceTraders.Sdk.Serialization;

/// <summary>The <c>{"data": ...}</c> wrapper around every response except <c>GET /</c> and <c>GET /error-codes</c>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
internal sealed class DataEnvelope<T>
{
    /// <summary>Gets the payload.</summary>
    public required T Data { get; init; }
}
