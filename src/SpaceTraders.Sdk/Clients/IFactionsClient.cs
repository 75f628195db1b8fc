using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The faction endpoints: the factions and your reputation with them.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IFactionsClient
{
    /// <summary>Lists the factions, one page at a time (<c>GET /factions</c>).</summary>
    /// <remarks>Return a paginated list of all the factions in the game.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="Faction"/> items and where it sits in the whole list.</returns>
    Task<Page<Faction>> GetFactionsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every faction, fetching page after page of 20 (<c>GET /factions</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<Faction> EnumerateFactionsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a faction (<c>GET /factions/{factionSymbol}</c>).</summary>
    /// <remarks>View the details of a faction.</remarks>
    /// <param name="factionSymbol">The faction's symbol, for example <see cref="FactionSymbol.Cosmic"/>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Faction"/> the server returned.</returns>
    Task<Faction> GetFactionAsync(
        FactionSymbol factionSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists the factions the agent has a reputation with, one page at a time (<c>GET /my/factions</c>).</summary>
    /// <remarks>Retrieve factions with which the agent has reputation.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="FactionReputation"/> items and where it sits in the whole list.</returns>
    Task<Page<FactionReputation>> GetMyFactionsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every faction the agent has a reputation with, fetching page after page of 20 (<c>GET /my/factions</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<FactionReputation> EnumerateMyFactionsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);
}
