using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Piloting.V1;

/// <summary>
/// The default priority of every endpoint weeks 02-10 call, frozen as the SDK's <c>EndpointCatalog</c> had them when
/// the weeks were released (main 94bdb2f, after issue 15: finish before you start). Every request of this library, and
/// every direct client call of a frozen week, passes its priority from here (or from <see cref="PilotPriorities"/>), so
/// a later change of the SDK's defaults does not move a frozen week.
/// </summary>
/// <remarks>Never edit a value: a week that needs other priorities moves to a new version of this library.</remarks>
public static class EndpointPriorities
{
    /// <summary>Gets the priority of <c>get-my-agent</c>: Normal.</summary>
    public static RequestPriority GetMyAgent => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>get-contracts</c>: Normal.</summary>
    public static RequestPriority GetContracts => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>accept-contract</c>: Normal.</summary>
    public static RequestPriority AcceptContract => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>deliver-contract</c>: Critical.</summary>
    public static RequestPriority DeliverContract => RequestPriority.Critical;

    /// <summary>Gets the priority of <c>fulfill-contract</c>: Critical.</summary>
    public static RequestPriority FulfillContract => RequestPriority.Critical;

    /// <summary>Gets the priority of <c>purchase-ship</c>: Normal.</summary>
    public static RequestPriority PurchaseShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>get-my-ship</c>: Normal.</summary>
    public static RequestPriority GetMyShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>create-chart</c>: Normal.</summary>
    public static RequestPriority CreateChart => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>dock-ship</c>: Normal.</summary>
    public static RequestPriority DockShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>orbit-ship</c>: Normal.</summary>
    public static RequestPriority OrbitShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>patch-ship-nav</c> (flight mode): Normal.</summary>
    public static RequestPriority PatchShipNav => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>navigate-ship</c>: Normal.</summary>
    public static RequestPriority NavigateShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>jump-ship</c>: Normal.</summary>
    public static RequestPriority JumpShip => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>extract-resources</c> and <c>extract-resources-with-survey</c>: Normal.</summary>
    public static RequestPriority Extract => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>siphon-resources</c>: Normal.</summary>
    public static RequestPriority Siphon => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>create-survey</c>: Normal.</summary>
    public static RequestPriority CreateSurvey => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>negotiate-contract</c>: Normal.</summary>
    public static RequestPriority NegotiateContract => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>install-mount</c>: Normal.</summary>
    public static RequestPriority InstallMount => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>sell-cargo</c>: Critical.</summary>
    public static RequestPriority SellCargo => RequestPriority.Critical;

    /// <summary>Gets the priority of <c>purchase-cargo</c>: Normal.</summary>
    public static RequestPriority PurchaseCargo => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>refuel-ship</c>: Critical.</summary>
    public static RequestPriority RefuelShip => RequestPriority.Critical;

    /// <summary>Gets the priority of <c>jettison</c>: Normal.</summary>
    public static RequestPriority Jettison => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>transfer-cargo</c>: Normal.</summary>
    public static RequestPriority TransferCargo => RequestPriority.Normal;

    /// <summary>Gets the priority of <c>get-market</c>: Background.</summary>
    public static RequestPriority GetMarket => RequestPriority.Background;

    /// <summary>Gets the priority of <c>get-shipyard</c>: Background.</summary>
    public static RequestPriority GetShipyard => RequestPriority.Background;

    /// <summary>Gets the priority of <c>get-waypoint</c>: Background.</summary>
    public static RequestPriority GetWaypoint => RequestPriority.Background;
}
