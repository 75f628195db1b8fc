namespace SpaceTraders.Sdk.Api;

/// <summary>
/// Sends through a handler the client does not own (<see cref="SpaceTradersClientOptions.Transport"/>), so
/// that disposing the client's handler chain leaves it usable by its owner.
/// </summary>
internal sealed class SharedTransport : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker;

    /// <summary>Initializes a new instance of the <see cref="SharedTransport"/> class.</summary>
    /// <param name="transport">The handler to send through; it is never disposed here.</param>
    public SharedTransport(HttpMessageHandler transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _invoker = new HttpMessageInvoker(transport, disposeHandler: false);
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => _invoker.SendAsync(request, cancellationToken);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
