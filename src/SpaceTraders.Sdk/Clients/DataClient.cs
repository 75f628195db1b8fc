using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IDataClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
internal sealed class DataClient : IDataClient
{
    private readonly IDataApi _api;

    /// <summary>Initializes a new instance of the <see cref="DataClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    public DataClient(IDataApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <inheritdoc />
    public async Task<GetSupplyChainResult> GetSupplyChainAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetSupplyChainAsync(priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }
}
