using Refit;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Api;

/// <summary>The HTTP surface of the Systems area (the spec's <c>Systems</c> tag), unwrapped by <see cref="Clients.SystemsClient"/>.</summary>
internal interface ISystemsApi
{
    /// <summary>Lists the systems, one page at a time (<c>get-systems</c>).</summary>
    [Get("/systems")]
    Task<PagedEnvelope<StarSystem>> GetSystemsAsync(
        int? page,
        int? limit,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a system (<c>get-system</c>).</summary>
    [Get("/systems/{systemSymbol}")]
    Task<DataEnvelope<StarSystem>> GetSystemAsync(
        string systemSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Lists the waypoints of a system, optionally filtered by type and traits, one page at a time (<c>get-system-waypoints</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints")]
    Task<PagedEnvelope<Waypoint>> GetSystemWaypointsAsync(
        string systemSymbol,
        int? page,
        int? limit,
        string? type,
        [Query(CollectionFormat.Multi)] IEnumerable<string>? traits,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets a waypoint (<c>get-waypoint</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints/{waypointSymbol}")]
    Task<DataEnvelope<Waypoint>> GetWaypointAsync(
        string systemSymbol,
        string waypointSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the construction site at a waypoint under construction (<c>get-construction</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction")]
    Task<DataEnvelope<Construction>> GetConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Supplies a construction site with a good from a ship's cargo (<c>supply-construction</c>).</summary>
    [Post("/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply")]
    Task<DataEnvelope<SupplyConstructionResult>> SupplyConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        [Body] SupplyConstructionRequest request,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the market at a waypoint; prices and recent transactions are included while one of the agent's ships is there (<c>get-market</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints/{waypointSymbol}/market")]
    Task<DataEnvelope<Market>> GetMarketAsync(
        string systemSymbol,
        string waypointSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the jump gate at a waypoint and the gates it connects to (<c>get-jump-gate</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints/{waypointSymbol}/jump-gate")]
    Task<DataEnvelope<JumpGate>> GetJumpGateAsync(
        string systemSymbol,
        string waypointSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);

    /// <summary>Gets the shipyard at a waypoint; ships for sale and recent transactions are included while one of the agent's ships is there (<c>get-shipyard</c>).</summary>
    [Get("/systems/{systemSymbol}/waypoints/{waypointSymbol}/shipyard")]
    Task<DataEnvelope<Shipyard>> GetShipyardAsync(
        string systemSymbol,
        string waypointSymbol,
        [Property(SpaceTradersRequestOptions.PriorityKey)] RequestPriority? priority,
        CancellationToken cancellationToken);
}
