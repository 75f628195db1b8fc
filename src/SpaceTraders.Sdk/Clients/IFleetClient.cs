using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The fleet endpoints: your ships and everything they do (navigate, extract, trade, refuel, scan, ...).</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IFleetClient
{
    /// <summary>Lists the agent's ships, one page at a time (<c>GET /my/ships</c>).</summary>
    /// <remarks>Return a paginated list of all of ships under your agent's ownership.</remarks>
    /// <param name="page">The page to get, from 1. The default is the server's, 1.</param>
    /// <param name="limit">The items per page, from 1 to 20. The default is the server's, 10.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The page of <see cref="Ship"/> items and where it sits in the whole list.</returns>
    Task<Page<Ship>> GetMyShipsAsync(
        int? page = null,
        int? limit = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Walks every ship of the agent, fetching page after page of 20 (<c>GET /my/ships</c>).</summary>
    /// <remarks>Pages are fetched as the sequence is consumed, at <see cref="RequestPriority.Background"/> by default so that they never delay a ship's actions.</remarks>
    /// <param name="priority">The priority every page queues with. The default value is <see cref="RequestPriority.Background"/>.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>The items, in the server's order.</returns>
    IAsyncEnumerable<Ship> EnumerateMyShipsAsync(
        RequestPriority priority = RequestPriority.Background,
        CancellationToken cancellationToken = default);

    /// <summary>Buys a ship at a shipyard where one of the agent's ships is (<c>POST /my/ships</c>).</summary>
    /// <remarks>Purchase a ship from a Shipyard. In order to use this function, a ship under your agent's ownership must be in a waypoint that has the <c>Shipyard</c> trait, and the Shipyard must sell the type of the desired ship. Shipyards typically offer ship types, which are predefined templates of ships that have dedicated roles. A template comes with a preset of an engine, a reactor, and a frame. It may also include a few modules and mounts.</remarks>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PurchaseShipResult"/> the server returned.</returns>
    Task<PurchaseShipResult> PurchaseShipAsync(
        PurchaseShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Buys a ship at a shipyard where one of the agent's ships is (<c>POST /my/ships</c>).</summary>
    /// <param name="shipType">The type of ship to buy, for example <see cref="ShipType.ShipMiningDrone"/>.</param>
    /// <param name="waypointSymbol">The shipyard's waypoint, where one of the agent's ships must be.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PurchaseShipResult"/> the server returned.</returns>
    Task<PurchaseShipResult> PurchaseShipAsync(
        ShipType shipType,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets one of the agent's ships (<c>GET /my/ships/{shipSymbol}</c>).</summary>
    /// <remarks>Retrieve the details of a ship under your agent's ownership.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="Ship"/> the server returned.</returns>
    Task<Ship> GetMyShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a ship's cargo (<c>GET /my/ships/{shipSymbol}/cargo</c>).</summary>
    /// <remarks>Retrieve the cargo of a ship under your agent's ownership.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ShipCargo"/> the server returned.</returns>
    Task<ShipCargo> GetMyShipCargoAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Charts the uncharted waypoint where the ship is (<c>POST /my/ships/{shipSymbol}/chart</c>).</summary>
    /// <remarks>Command a ship to chart the waypoint at its current location. Most waypoints in the universe are uncharted by default. These waypoints have their traits hidden until they have been charted by a ship. Charting a waypoint will record your agent as the one who created the chart, and all other agents would also be able to see the waypoint's traits. Charting a waypoint gives you a one time reward of credits based on the rarity of the waypoint's traits.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="CreateChartResult"/> the server returned.</returns>
    Task<CreateChartResult> CreateChartAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a ship's reactor cooldown, or <see langword="null"/> when it has none (<c>GET /my/ships/{shipSymbol}/cooldown</c>).</summary>
    /// <remarks>Retrieve the details of your ship's reactor cooldown. Some actions such as activating your jump drive, scanning, or extracting resources taxes your reactor and results in a cooldown. Your ship cannot perform additional actions until your cooldown has expired. The duration of your cooldown is relative to the power consumption of the related modules or mounts for the action taken. Response returns a 204 status code (no-content) when the ship has no cooldown.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The cooldown, or <see langword="null"/> when the ship has none (HTTP 204).</returns>
    Task<Cooldown?> GetShipCooldownAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Docks a ship at its current waypoint (<c>POST /my/ships/{shipSymbol}/dock</c>).</summary>
    /// <remarks>Attempt to dock your ship at its current location. Docking will only succeed if your ship is capable of docking at the time of the request. Docked ships can access elements in their current location, such as the market or a shipyard, but cannot do actions that require the ship to be above surface such as navigating or extracting. The endpoint is idempotent - successive calls will succeed even if the ship is already docked.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="DockShipResult"/> the server returned.</returns>
    Task<DockShipResult> DockShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Extracts resources at the ship's waypoint; starts a cooldown (<c>POST /my/ships/{shipSymbol}/extract</c>).</summary>
    /// <remarks>Extract resources from a waypoint that can be extracted, such as asteroid fields, into your ship. Send an optional survey as the payload to target specific yields. The ship must be in orbit to be able to extract and must have mining equipments installed that can extract goods, such as the <c>Gas Siphon</c> mount for gas-based goods or <c>Mining Laser</c> mount for ore-based goods. The survey property is now deprecated. See the <c>extract/survey</c> endpoint for more details.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ExtractResourcesResult"/> the server returned.</returns>
    Task<ExtractResourcesResult> ExtractResourcesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Extracts resources using a survey to target its deposits; starts a cooldown (<c>POST /my/ships/{shipSymbol}/extract/survey</c>).</summary>
    /// <remarks>Use a survey when extracting resources from a waypoint. This endpoint requires a survey as the payload, which allows your ship to extract specific yields. Send the full survey object as the payload which will be validated according to the signature. If the signature is invalid, or any properties of the survey are changed, the request will fail.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="survey">The survey, whole and unmodified, as <see cref="IFleetClient.CreateSurveyAsync"/> returned it.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ExtractResourcesWithSurveyResult"/> the server returned.</returns>
    Task<ExtractResourcesWithSurveyResult> ExtractResourcesWithSurveyAsync(
        string shipSymbol,
        Survey survey,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Jettisons cargo from a ship's hold (<c>POST /my/ships/{shipSymbol}/jettison</c>).</summary>
    /// <remarks>Jettison cargo from your ship's cargo hold.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JettisonCargoResult"/> the server returned.</returns>
    Task<JettisonCargoResult> JettisonCargoAsync(
        string shipSymbol,
        JettisonCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Jettisons cargo from a ship's hold (<c>POST /my/ships/{shipSymbol}/jettison</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The good to jettison.</param>
    /// <param name="units">The number of units to jettison.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JettisonCargoResult"/> the server returned.</returns>
    Task<JettisonCargoResult> JettisonCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Jumps a ship through its jump gate to a connected gate, buying one antimatter; starts a cooldown (<c>POST /my/ships/{shipSymbol}/jump</c>).</summary>
    /// <remarks>Jump your ship instantly to a target connected waypoint. The ship must be in orbit to execute a jump. A unit of antimatter is purchased and consumed from the market when jumping. The price of antimatter is determined by the market and is subject to change. A ship can only jump to connected waypoints.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JumpShipResult"/> the server returned.</returns>
    Task<JumpShipResult> JumpShipAsync(
        string shipSymbol,
        JumpShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Jumps a ship through its jump gate to a connected gate, buying one antimatter; starts a cooldown (<c>POST /my/ships/{shipSymbol}/jump</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="waypointSymbol">The jump gate to jump to; it must be connected to the ship's gate.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="JumpShipResult"/> the server returned.</returns>
    Task<JumpShipResult> JumpShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the modules installed on a ship (<c>GET /my/ships/{shipSymbol}/modules</c>).</summary>
    /// <remarks>Get the modules installed on a ship.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ShipModule"/> items the server returned.</returns>
    Task<IReadOnlyList<ShipModule>> GetShipModulesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Installs a module from the ship's cargo (<c>POST /my/ships/{shipSymbol}/modules/install</c>).</summary>
    /// <remarks>Install a module on a ship. The module must be in your cargo.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="InstallShipModuleResult"/> the server returned.</returns>
    Task<InstallShipModuleResult> InstallShipModuleAsync(
        string shipSymbol,
        InstallShipModuleRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Installs a module from the ship's cargo (<c>POST /my/ships/{shipSymbol}/modules/install</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The module to install, which must be in the ship's cargo.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="InstallShipModuleResult"/> the server returned.</returns>
    Task<InstallShipModuleResult> InstallShipModuleAsync(
        string shipSymbol,
        ShipModuleSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a module from a ship into its cargo (<c>POST /my/ships/{shipSymbol}/modules/remove</c>).</summary>
    /// <remarks>Remove a module from a ship. The module will be placed in cargo.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RemoveShipModuleResult"/> the server returned.</returns>
    Task<RemoveShipModuleResult> RemoveShipModuleAsync(
        string shipSymbol,
        RemoveShipModuleRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a module from a ship into its cargo (<c>POST /my/ships/{shipSymbol}/modules/remove</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The module to remove.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RemoveShipModuleResult"/> the server returned.</returns>
    Task<RemoveShipModuleResult> RemoveShipModuleAsync(
        string shipSymbol,
        ShipModuleSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets the mounts installed on a ship (<c>GET /my/ships/{shipSymbol}/mounts</c>).</summary>
    /// <remarks>Get the mounts installed on a ship.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ShipMount"/> items the server returned.</returns>
    Task<IReadOnlyList<ShipMount>> GetMountsAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Installs a mount from the ship's cargo at a shipyard (<c>POST /my/ships/{shipSymbol}/mounts/install</c>).</summary>
    /// <remarks>Install a mount on a ship. In order to install a mount, the ship must be docked and located in a waypoint that has a <c>Shipyard</c> trait. The ship also must have the mount to install in its cargo hold. An installation fee will be deduced by the Shipyard for installing the mount on the ship.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="InstallMountResult"/> the server returned.</returns>
    Task<InstallMountResult> InstallMountAsync(
        string shipSymbol,
        InstallMountRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Installs a mount from the ship's cargo at a shipyard (<c>POST /my/ships/{shipSymbol}/mounts/install</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The mount to install, which must be in the ship's cargo.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="InstallMountResult"/> the server returned.</returns>
    Task<InstallMountResult> InstallMountAsync(
        string shipSymbol,
        ShipMountSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a mount from a ship into its cargo at a shipyard (<c>POST /my/ships/{shipSymbol}/mounts/remove</c>).</summary>
    /// <remarks>Remove a mount from a ship. The ship must be docked in a waypoint that has the <c>Shipyard</c> trait, and must have the desired mount that it wish to remove installed. A removal fee will be deduced from the agent by the Shipyard.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RemoveMountResult"/> the server returned.</returns>
    Task<RemoveMountResult> RemoveMountAsync(
        string shipSymbol,
        RemoveMountRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a mount from a ship into its cargo at a shipyard (<c>POST /my/ships/{shipSymbol}/mounts/remove</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The mount to remove.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RemoveMountResult"/> the server returned.</returns>
    Task<RemoveMountResult> RemoveMountAsync(
        string shipSymbol,
        ShipMountSymbol symbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a ship's navigation state (<c>GET /my/ships/{shipSymbol}/nav</c>).</summary>
    /// <remarks>Get the current nav status of a ship.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ShipNav"/> the server returned.</returns>
    Task<ShipNav> GetShipNavAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Changes a ship's flight mode, also while it is in transit (<c>PATCH /my/ships/{shipSymbol}/nav</c>).</summary>
    /// <remarks>Update the nav configuration of a ship. Currently only supports configuring the Flight Mode of the ship, which affects its speed and fuel consumption.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PatchShipNavResult"/> the server returned.</returns>
    Task<PatchShipNavResult> PatchShipNavAsync(
        string shipSymbol,
        PatchShipNavRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Changes a ship's flight mode, also while it is in transit (<c>PATCH /my/ships/{shipSymbol}/nav</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="flightMode">The new flight mode, for example <see cref="ShipNavFlightMode.Burn"/>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PatchShipNavResult"/> the server returned.</returns>
    Task<PatchShipNavResult> PatchShipNavAsync(
        string shipSymbol,
        ShipNavFlightMode flightMode,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Navigates a ship in orbit to a waypoint in the same system (<c>POST /my/ships/{shipSymbol}/navigate</c>).</summary>
    /// <remarks>Navigate to a target destination. The ship must be in orbit to use this function. The destination waypoint must be within the same system as the ship's current location. Navigating will consume the necessary fuel from the ship's manifest based on the distance to the target waypoint. The returned response will detail the route information including the expected time of arrival. Most ship actions are unavailable until the ship has arrived at it's destination. To travel between systems, see the ship's Warp or Jump actions.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="NavigateShipResult"/> the server returned.</returns>
    Task<NavigateShipResult> NavigateShipAsync(
        string shipSymbol,
        NavigateShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Navigates a ship in orbit to a waypoint in the same system (<c>POST /my/ships/{shipSymbol}/navigate</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="waypointSymbol">The destination waypoint, in the ship's system.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="NavigateShipResult"/> the server returned.</returns>
    Task<NavigateShipResult> NavigateShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Negotiates a new contract with the faction at the ship's waypoint (<c>POST /my/ships/{shipSymbol}/negotiate/contract</c>).</summary>
    /// <remarks>Negotiate a new contract with the HQ. In order to negotiate a new contract, an agent must not have ongoing or offered contracts over the allowed maximum amount. Currently the maximum contracts an agent can have at a time is 1. Once a contract is negotiated, it is added to the list of contracts offered to the agent, which the agent can then accept. The ship must be present at any waypoint with a faction present to negotiate a contract with that faction.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="NegotiateContractResult"/> the server returned.</returns>
    Task<NegotiateContractResult> NegotiateContractAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Moves a docked ship into orbit (<c>POST /my/ships/{shipSymbol}/orbit</c>).</summary>
    /// <remarks>Attempt to move your ship into orbit at its current location. The request will only succeed if your ship is capable of moving into orbit at the time of the request. Orbiting ships are able to do actions that require the ship to be above surface such as navigating or extracting, but cannot access elements in their current waypoint, such as the market or a shipyard. The endpoint is idempotent - successive calls will succeed even if the ship is already in orbit.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="OrbitShipResult"/> the server returned.</returns>
    Task<OrbitShipResult> OrbitShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Buys a good from the market where the ship is docked (<c>POST /my/ships/{shipSymbol}/purchase</c>).</summary>
    /// <remarks>Purchase cargo from a market. The ship must be docked in a waypoint that has <c>Marketplace</c> trait, and the market must be selling a good to be able to purchase it. The maximum amount of units of a good that can be purchased in each transaction are denoted by the <c>tradeVolume</c> value of the good, which can be viewed by using the Get Market action. Purchased goods are added to the ship's cargo hold.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PurchaseCargoResult"/> the server returned.</returns>
    Task<PurchaseCargoResult> PurchaseCargoAsync(
        string shipSymbol,
        PurchaseCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Buys a good from the market where the ship is docked (<c>POST /my/ships/{shipSymbol}/purchase</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The good to buy.</param>
    /// <param name="units">The number of units to buy, at most the good's trade volume.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="PurchaseCargoResult"/> the server returned.</returns>
    Task<PurchaseCargoResult> PurchaseCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Refines raw goods in a ship's cargo into a product; starts a cooldown (<c>POST /my/ships/{shipSymbol}/refine</c>).</summary>
    /// <remarks>Attempt to refine the raw materials on your ship. The request will only succeed if your ship is capable of refining at the time of the request. In order to be able to refine, a ship must have goods that can be refined and have installed a <c>Refinery</c> module that can refine it. When refining, 100 basic goods will be converted into 10 processed goods.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RefineShipResult"/> the server returned.</returns>
    Task<RefineShipResult> RefineShipAsync(
        string shipSymbol,
        RefineShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Refines raw goods in a ship's cargo into a product; starts a cooldown (<c>POST /my/ships/{shipSymbol}/refine</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="produce">The good to produce: <see cref="TradeSymbol.Iron"/>, <see cref="TradeSymbol.Copper"/>, <see cref="TradeSymbol.Fuel"/>, ...</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RefineShipResult"/> the server returned.</returns>
    Task<RefineShipResult> RefineShipAsync(
        string shipSymbol,
        TradeSymbol produce,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Refuels a docked ship from the market, or from FUEL in its cargo (<c>POST /my/ships/{shipSymbol}/refuel</c>).</summary>
    /// <remarks>Refuel your ship by buying fuel from the local market. Requires the ship to be docked in a waypoint that has the <c>Marketplace</c> trait, and the market must be selling fuel in order to refuel. Each fuel bought from the market replenishes 100 units in your ship's fuel. Ships will always be refuel to their frame's maximum fuel capacity when using this action.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RefuelShipResult"/> the server returned.</returns>
    Task<RefuelShipResult> RefuelShipAsync(
        string shipSymbol,
        RefuelShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Refuels a docked ship from the market, or from FUEL in its cargo (<c>POST /my/ships/{shipSymbol}/refuel</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="units">The fuel to add, in ship fuel units (100 per market unit); <see langword="null"/> fills the tank.</param>
    /// <param name="fromCargo">Whether to take FUEL from the ship's cargo instead of buying it; <see langword="null"/> means no.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RefuelShipResult"/> the server returned.</returns>
    Task<RefuelShipResult> RefuelShipAsync(
        string shipSymbol,
        int? units = null,
        bool? fromCargo = null,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets what repairing a ship would cost (<c>GET /my/ships/{shipSymbol}/repair</c>).</summary>
    /// <remarks>Get the cost of repairing a ship. Requires the ship to be docked at a waypoint that has the <c>Shipyard</c> trait.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetRepairShipResult"/> the server returned.</returns>
    Task<GetRepairShipResult> GetRepairShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Repairs a ship docked at a shipyard (<c>POST /my/ships/{shipSymbol}/repair</c>).</summary>
    /// <remarks>Repair a ship, restoring the ship to maximum condition. The ship must be docked at a waypoint that has the <c>Shipyard</c> trait in order to use this function. To preview the cost of repairing the ship, use the Get action.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RepairShipResult"/> the server returned.</returns>
    Task<RepairShipResult> RepairShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Scans for ships in range; starts a cooldown (<c>POST /my/ships/{shipSymbol}/scan/ships</c>).</summary>
    /// <remarks>Scan for nearby ships, retrieving information for all ships in range. Requires a ship to have the <c>Sensor Array</c> mount installed to use. The ship will enter a cooldown after using this function, during which it cannot execute certain actions.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="CreateShipShipScanResult"/> the server returned.</returns>
    Task<CreateShipShipScanResult> CreateShipShipScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Scans for systems in range; starts a cooldown (<c>POST /my/ships/{shipSymbol}/scan/systems</c>).</summary>
    /// <remarks>Scan for nearby systems, retrieving information on the systems' distance from the ship and their waypoints. Requires a ship to have the <c>Sensor Array</c> mount installed to use. The ship will enter a cooldown after using this function, during which it cannot execute certain actions.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="CreateShipSystemScanResult"/> the server returned.</returns>
    Task<CreateShipSystemScanResult> CreateShipSystemScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Scans for waypoints in range, with their traits; starts a cooldown (<c>POST /my/ships/{shipSymbol}/scan/waypoints</c>).</summary>
    /// <remarks>Scan for nearby waypoints, retrieving detailed information on each waypoint in range. Scanning uncharted waypoints will allow you to ignore their uncharted state and will list the waypoints' traits. Requires a ship to have the <c>Sensor Array</c> mount installed to use. The ship will enter a cooldown after using this function, during which it cannot execute certain actions.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="CreateShipWaypointScanResult"/> the server returned.</returns>
    Task<CreateShipWaypointScanResult> CreateShipWaypointScanAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets what scrapping a ship would pay (<c>GET /my/ships/{shipSymbol}/scrap</c>).</summary>
    /// <remarks>Get the value of scrapping a ship. Requires the ship to be docked at a waypoint that has the <c>Shipyard</c> trait.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetScrapShipResult"/> the server returned.</returns>
    Task<GetScrapShipResult> GetScrapShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Scraps a ship docked at a shipyard for part of its value (<c>POST /my/ships/{shipSymbol}/scrap</c>).</summary>
    /// <remarks>Scrap a ship, removing it from the game and receiving a portion of the ship's value back in credits. The ship must be docked in a waypoint that has the <c>Shipyard</c> trait to be scrapped.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="ScrapShipResult"/> the server returned.</returns>
    Task<ScrapShipResult> ScrapShipAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Sells a good from a ship's cargo to the market where it is docked (<c>POST /my/ships/{shipSymbol}/sell</c>).</summary>
    /// <remarks>Sell cargo in your ship to a market that trades this cargo. The ship must be docked in a waypoint that has the <c>Marketplace</c> trait in order to use this function.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="SellCargoResult"/> the server returned.</returns>
    Task<SellCargoResult> SellCargoAsync(
        string shipSymbol,
        SellCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Sells a good from a ship's cargo to the market where it is docked (<c>POST /my/ships/{shipSymbol}/sell</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="symbol">The good to sell.</param>
    /// <param name="units">The number of units to sell, at most the good's trade volume.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="SellCargoResult"/> the server returned.</returns>
    Task<SellCargoResult> SellCargoAsync(
        string shipSymbol,
        TradeSymbol symbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Siphons gas at the ship's waypoint; starts a cooldown (<c>POST /my/ships/{shipSymbol}/siphon</c>).</summary>
    /// <remarks>Siphon gases or other resources from gas giants. The ship must be in orbit to be able to siphon and must have siphon mounts and a gas processor installed.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="SiphonResourcesResult"/> the server returned.</returns>
    Task<SiphonResourcesResult> SiphonResourcesAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Surveys the ship's waypoint for deposits; starts a cooldown (<c>POST /my/ships/{shipSymbol}/survey</c>).</summary>
    /// <remarks>Create surveys on a waypoint that can be extracted such as asteroid fields. A survey focuses on specific types of deposits from the extracted location. When ships extract using this survey, they are guaranteed to procure a high amount of one of the goods in the survey. In order to use a survey, send the entire survey details in the body of the extract request. Each survey may have multiple deposits, and if a symbol shows up more than once, that indicates a higher chance of extracting that resource. Your ship will enter a cooldown after surveying in which it is unable to perform certain actions. Surveys will eventually expire after a period of time or will be exhausted after being extracted several times based on the survey's size. Multiple ships can use the same survey for extraction. A ship must have the <c>Surveyor</c> mount installed in order to use this function.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="CreateSurveyResult"/> the server returned.</returns>
    Task<CreateSurveyResult> CreateSurveyAsync(
        string shipSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Transfers cargo to another ship at the same waypoint (<c>POST /my/ships/{shipSymbol}/transfer</c>).</summary>
    /// <remarks>Transfer cargo between ships. The receiving ship must be in the same waypoint as the transferring ship, and it must able to hold the additional cargo after the transfer is complete. Both ships also must be in the same state, either both are docked or both are orbiting. The response body's cargo shows the cargo of the transferring ship after the transfer is complete.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="TransferCargoResult"/> the server returned.</returns>
    Task<TransferCargoResult> TransferCargoAsync(
        string shipSymbol,
        TransferCargoRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Transfers cargo to another ship at the same waypoint (<c>POST /my/ships/{shipSymbol}/transfer</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="targetShipSymbol">The receiving ship, at the same waypoint and in the same docked or orbiting state.</param>
    /// <param name="tradeSymbol">The good to transfer.</param>
    /// <param name="units">The number of units to transfer.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="TransferCargoResult"/> the server returned.</returns>
    Task<TransferCargoResult> TransferCargoAsync(
        string shipSymbol,
        string targetShipSymbol,
        TradeSymbol tradeSymbol,
        int units,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Warps a ship in orbit to a waypoint in another system (<c>POST /my/ships/{shipSymbol}/warp</c>).</summary>
    /// <remarks>Warp your ship to a target destination in another system. The ship must be in orbit to use this function and must have the <c>Warp Drive</c> module installed. Warping will consume the necessary fuel from the ship's manifest. The returned response will detail the route information including the expected time of arrival. Most ship actions are unavailable until the ship has arrived at its destination.</remarks>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="WarpShipResult"/> the server returned.</returns>
    Task<WarpShipResult> WarpShipAsync(
        string shipSymbol,
        WarpShipRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Warps a ship in orbit to a waypoint in another system (<c>POST /my/ships/{shipSymbol}/warp</c>).</summary>
    /// <param name="shipSymbol">The ship's symbol, for example <c>BADGER-1</c>.</param>
    /// <param name="waypointSymbol">The destination waypoint, in another system.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="WarpShipResult"/> the server returned.</returns>
    Task<WarpShipResult> WarpShipAsync(
        string shipSymbol,
        string waypointSymbol,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
