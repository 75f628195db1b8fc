using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Factions area (the spec's <c>Factions</c> tag), unwrapped by <see cref="Clients.FactionsClient"/>.</summary>
internal interface IFactionsApi
{
    /// <summary>Lists the factions, one page at a time (<c>get-factions</c>).</summary>
    [Get("/factions")]
    Task<PagedEnvelope<Faction>> GetFactionsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a faction (<c>get-faction</c>).</summary>
    [Get("/factions/{factionSymbol}")]
    Task<DataEnvelope<Faction>> GetFactionAsync(
        string factionSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Lists the factions the agent has a reputation with, one page at a time (<c>get-my-factions</c>).</summary>
    [Get("/my/factions")]
    Task<PagedEnvelope<FactionReputation>> GetMyFactionsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
