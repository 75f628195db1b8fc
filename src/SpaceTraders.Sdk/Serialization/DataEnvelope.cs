namespace SpaceTraders.Sdk.Serialization;

/// <summary>The <c>{"data": ...}</c> wrapper around every response except <c>GET /</c> and <c>GET /error-codes</c>.</summary>
/// <typeparam name="T">The payload type.</typeparam>
internal sealed class DataEnvelope<T> : IEnvelope
{
    /// <summary>Gets the payload.</summary>
    public required T Data { get; init; }

    /// <inheritdoc />
    object? IEnvelope.Payload => Data;
}

/// <summary>An envelope whose payload the reader checks for <c>null</c> (<c>{"data": null}</c>).</summary>
internal interface IEnvelope
{
    /// <summary>Gets the payload.</summary>
    object? Payload { get; }
}
