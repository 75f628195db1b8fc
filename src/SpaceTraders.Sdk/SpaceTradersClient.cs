namespace SpaceTraders.Sdk;

/// <summary>The SpaceTraders v2 API client for one agent. (Placeholder: the client surface replaces it.)</summary>
public sealed class SpaceTradersClient
{
    /// <summary>Initializes a new instance of the <see cref="SpaceTradersClient"/> class.</summary>
    /// <param name="options">The client's settings.</param>
    public SpaceTradersClient(SpaceTradersClientOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Gets the client's settings.</summary>
    public SpaceTradersClientOptions Options { get; }
}
