using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IGlobalClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
internal sealed class GlobalClient : IGlobalClient
{
    private readonly IGlobalApi _api;

    /// <summary>Initializes a new instance of the <see cref="GlobalClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    public GlobalClient(IGlobalApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <inheritdoc />
    public async Task<GetStatusResult> GetStatusAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        return await _api.GetStatusAsync(priority, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GetErrorCodesResult> GetErrorCodesAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        return await _api.GetErrorCodesAsync(priority, cancellationToken).ConfigureAwait(false);
    }
}
