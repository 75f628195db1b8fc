using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The <see cref="IFactionsClient"/> over the Refit interface: call, unwrap <c>data</c>, return.</summary>
internal sealed class FactionsClient : IFactionsClient
{
    private readonly IFactionsApi _api;

    /// <summary>Initializes a new instance of the <see cref="FactionsClient"/> class.</summary>
    /// <param name="api">The HTTP surface of the area.</param>
    public FactionsClient(IFactionsApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <inheritdoc />
    public async Task<Page<Faction>> GetFactionsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetFactionsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        return response.ToPage();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Faction> EnumerateFactionsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetFactionsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<Faction> GetFactionAsync(
        FactionSymbol factionSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetFactionAsync(factionSymbol.Value, priority, cancellationToken).ConfigureAwait(false);
        return response.Data;
    }

    /// <inheritdoc />
    public async Task<Page<FactionReputation>> GetMyFactionsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default)
    {
        var response = await _api.GetMyFactionsAsync(page, limit, priority, cancellationToken).ConfigureAwait(false);
        return response.ToPage();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FactionReputation> EnumerateMyFactionsAsync(
        RequestPriority priority = RequestPriority.Background,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pages = Pagination.WalkAsync(page => GetMyFactionsAsync(page, Pagination.MaxLimit, priority, cancellationToken), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
