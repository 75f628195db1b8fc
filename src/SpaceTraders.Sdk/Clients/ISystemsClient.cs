using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The system endpoints: systems, waypoints, markets, shipyards, jump gates and construction sites.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface ISystemsClient
{
    /// <summary>Lists the systems, one page at a time (<c>GET /systems</c>).</summary>
    /// <remarks>Return a paginated list of all systems.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="StarSystem"/> items and where it sits in the whole list.</returns>
    Task<Page<StarSystem>> GetSystemsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every system, fetching page after page of 20 (<c>GET /systems</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<StarSystem> EnumerateSystemsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a system (<c>GET /systems/{systemSymbol}</c>).</summary>
    /// <remarks>Get the details of a system. Requires the system to have been visited or charted.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="StarSystem"/> the server returned.</returns>
    Task<StarSystem> GetSystemAsync(
        string systemSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists the waypoints of a system, optionally filtered by type and traits, one page at a time (<c>GET /systems/{systemSymbol}/waypoints</c>).</summary>
    /// <remarks>Return a paginated list of all of the waypoints for a given system. If a waypoint is uncharted, it will return the <c>Uncharted</c> trait instead of its actual traits.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="type">Only waypoints of this type, for example <see cref="WaypointType.AsteroidField"/>; all types when <see langword="null"/>.</param>
    /// <param name="traits">Only waypoints with these traits (one or more), for example <c>[WaypointTraitSymbol.Marketplace]</c>; no filter when <see langword="null"/> or empty.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="Waypoint"/> items and where it sits in the whole list.</returns>
    Task<Page<Waypoint>> GetSystemWaypointsAsync(
        string systemSymbol,
        int? page = null,
        int? limit = null,
        WaypointType? type = null,
        IReadOnlyCollection<WaypointTraitSymbol>? traits = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every waypoint of a system that matches the filters, fetching page after page of 20 (<c>GET /systems/{systemSymbol}/waypoints</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="type">Only waypoints of this type; all types when <see langword="null"/>.</param>
    /// <param name="traits">Only waypoints with these traits (one or more); no filter when <see langword="null"/> or empty.</param>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<Waypoint> EnumerateSystemWaypointsAsync(
        string systemSymbol,
        WaypointType? type = null,
        IReadOnlyCollection<WaypointTraitSymbol>? traits = null,
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a waypoint (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}</c>).</summary>
    /// <remarks>View the details of a waypoint. If the waypoint is uncharted, it will return the 'Uncharted' trait instead of its actual traits.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Waypoint"/> the server returned.</returns>
    Task<Waypoint> GetWaypointAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a waypoint, taking the system from the waypoint's symbol (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}</c>).</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Waypoint"/> the server returned.</returns>
    Task<Waypoint> GetWaypointAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the construction site at a waypoint under construction (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/construction</c>).</summary>
    /// <remarks>Get construction details for a waypoint. Requires a waypoint with a property of <c>isUnderConstruction</c> to be true.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Construction"/> the server returned.</returns>
    Task<Construction> GetConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the construction site at a waypoint under construction, taking the system from the waypoint's symbol (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/construction</c>).</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Construction"/> the server returned.</returns>
    Task<Construction> GetConstructionAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Supplies a construction site with a good from a ship's cargo (<c>POST /systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply</c>).</summary>
    /// <remarks>Supply a construction site with the specified good. Requires a waypoint with a property of <c>isUnderConstruction</c> to be true. The good must be in your ship's cargo. The good will be removed from your ship's cargo and added to the construction site's materials.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="SupplyConstructionResult"/> the server returned.</returns>
    Task<SupplyConstructionResult> SupplyConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        SupplyConstructionRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Supplies a construction site with a good from a ship's cargo (<c>POST /systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply</c>).</summary>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="shipSymbol">The ship carrying the good, at the construction site.</param>
    /// <param name="tradeSymbol">The good to supply.</param>
    /// <param name="units">The number of units to supply.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="SupplyConstructionResult"/> the server returned.</returns>
    Task<SupplyConstructionResult> SupplyConstructionAsync(
        string systemSymbol,
        string waypointSymbol,
        string shipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the market at a waypoint; prices and recent transactions are included while one of the agent's ships is there (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/market</c>).</summary>
    /// <remarks>Retrieve imports, exports and exchange data from a marketplace. Requires a waypoint that has the <c>Marketplace</c> trait to use. Send a ship to the waypoint to access trade good prices and recent transactions. Refer to the <see href="https://docs.spacetraders.io/game-concepts/markets">Market Overview page</see> to gain better a understanding of the market in the game.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Market"/> the server returned.</returns>
    Task<Market> GetMarketAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the market at a waypoint; prices and recent transactions are included while one of the agent's ships is there, taking the system from the waypoint's symbol (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/market</c>).</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Market"/> the server returned.</returns>
    Task<Market> GetMarketAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the jump gate at a waypoint and the gates it connects to (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/jump-gate</c>).</summary>
    /// <remarks>Get jump gate details for a waypoint. Requires a waypoint of type <c>JUMP_GATE</c> to use. Waypoints connected to this jump gate can be found by querying the waypoints in the system.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JumpGate"/> the server returned.</returns>
    Task<JumpGate> GetJumpGateAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the jump gate at a waypoint and the gates it connects to, taking the system from the waypoint's symbol (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/jump-gate</c>).</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JumpGate"/> the server returned.</returns>
    Task<JumpGate> GetJumpGateAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the shipyard at a waypoint; ships for sale and recent transactions are included while one of the agent's ships is there (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/shipyard</c>).</summary>
    /// <remarks>Get the shipyard for a waypoint. Requires a waypoint that has the <c>Shipyard</c> trait to use. Send a ship to the waypoint to access data on ships that are currently available for purchase and recent transactions.</remarks>
    /// <param name="systemSymbol">The system's symbol, for example <c>X1-DF55</c>.</param>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Shipyard"/> the server returned.</returns>
    Task<Shipyard> GetShipyardAsync(
        string systemSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the shipyard at a waypoint; ships for sale and recent transactions are included while one of the agent's ships is there, taking the system from the waypoint's symbol (<c>GET /systems/{systemSymbol}/waypoints/{waypointSymbol}/shipyard</c>).</summary>
    /// <param name="waypointSymbol">The waypoint's symbol, for example <c>X1-DF55-A1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Shipyard"/> the server returned.</returns>
    Task<Shipyard> GetShipyardAsync(
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
