using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Http;

/// <summary>
/// Every operation of the SpaceTraders v2 API the SDK calls (the live spec's 64 operations less the
/// Socket.IO endpoint): its method, path template, operation id, API area, default priority, and whether it is
/// idempotent (<see cref="Endpoint.IsIdempotent"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Default priorities: finish before you start.</b> When the rate limit is the bottleneck, a request that turns
/// value already in hand into credits goes before one that starts new work, and reads of the world go last:
/// </para>
/// <list type="bullet">
/// <item><description><see cref="RequestPriority.Critical"/>: <c>sell-cargo</c>, <c>deliver-contract</c>,
/// <c>fulfill-contract</c>, <c>supply-construction</c> and <c>refuel-ship</c>. Each completes a trip whose cost (the
/// cooldowns, the flight, the dock) is already paid, and a ship makes only a few per trip, so the class stays far under
/// the ceiling even when the fleet's demand is several times it, and its requests go at once.</description></item>
/// <item><description><see cref="RequestPriority.Normal"/>: everything that starts new work or moves a ship: extract,
/// siphon, survey, refine, the scans, navigate, warp, jump, dock, orbit, flight mode, purchases, jettison, transfers,
/// contract negotiation and acceptance, ship and module changes, and reads of the agent's own ships. Cooldowns pace
/// the cooldown-starting actions anyway (a ship asks again only when its cooldown ends), so under saturation they
/// share the remaining slots first come first served. Docking stays here with orbiting: a dock and the sales after it
/// arrive at the same instant, and a Critical class of three or four simultaneous requests per stop needs more burst
/// points a minute than the game gives (measured: Critical p99 4 s at 200 ships with dock Critical, 1 s
/// without).</description></item>
/// <item><description><see cref="RequestPriority.Background"/>: market reads and every read of the world (systems,
/// waypoints, shipyards, factions, other agents, status).</description></item>
/// </list>
/// <para>
/// Until issue 15 the cooldown-starting actions and flights were Critical and sales Normal: at 200 ships those
/// actions alone exceeded the 150 requests a minute the game allows, so Critical requests queued behind Critical
/// requests and a full hold waited minutes for its sale (<c>benchmarks/results/throttling.md</c>). A caller that
/// wants the old order passes the priority per call, or flies a <see cref="Piloting.ShipPilot"/> with
/// <see cref="Piloting.PilotPriorities.CooldownFirst"/>.
/// </para>
/// <para>
/// <b>Which actions are idempotent</b>, from the game's semantics: every GET; <c>orbit-ship</c> and <c>dock-ship</c>
/// (they set the ship's status; a ship already in orbit or docked stays so and the server answers with its nav);
/// <c>patch-ship-nav</c> (it sets the flight mode to a value; setting the same mode again changes nothing, and
/// the fuel a faster mode costs in transit is charged only on a change). These are retried like reads.
/// </para>
/// <para>
/// Every other action is <b>not</b> idempotent, because a second send either repeats the effect (a purchase, sale,
/// refuel, extraction, survey, scan, refinement, jettison, transfer, delivery, supply, ship purchase, mount or
/// module change, repair, scrap, negotiation, registration) or answers an error where the first send succeeded
/// (navigate, warp and jump: 4214/4204 once the ship is on its way; accept and fulfill: 4501/4504; chart: 4230).
/// Such an action whose outcome is unknown is reconciled by reading back what it would have changed, never resent
/// blindly: see <c>docs/architecture.md</c> (SDK retry rules) and the SDK README.
/// </para>
/// </remarks>
public static class EndpointCatalog
{
    private static readonly Endpoint[] Endpoints =
    [
        new("GET", "/my/account", "get-my-account", "Accounts", RequestPriority.Normal),
        new("POST", "/register", "register", "Accounts", RequestPriority.Normal),
        new("GET", "/agents", "get-agents", "Agents", RequestPriority.Background),
        new("GET", "/agents/{agentSymbol}", "get-agent", "Agents", RequestPriority.Background),
        new("GET", "/my/agent", "get-my-agent", "Agents", RequestPriority.Normal),
        new("GET", "/my/agent/events", "get-my-agent-events", "Agents", RequestPriority.Normal),
        new("GET", "/my/contracts", "get-contracts", "Contracts", RequestPriority.Normal),
        new("GET", "/my/contracts/{contractId}", "get-contract", "Contracts", RequestPriority.Normal),
        new("POST", "/my/contracts/{contractId}/accept", "accept-contract", "Contracts", RequestPriority.Normal),
        new("POST", "/my/contracts/{contractId}/deliver", "deliver-contract", "Contracts", RequestPriority.Critical),
        new("POST", "/my/contracts/{contractId}/fulfill", "fulfill-contract", "Contracts", RequestPriority.Critical),
        new("GET", "/market/supply-chain", "get-supply-chain", "Data", RequestPriority.Background),
        new("GET", "/factions", "get-factions", "Factions", RequestPriority.Background),
        new("GET", "/factions/{factionSymbol}", "get-faction", "Factions", RequestPriority.Background),
        new("GET", "/my/factions", "get-my-factions", "Factions", RequestPriority.Background),
        new("GET", "/my/ships", "get-my-ships", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships", "purchase-ship", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}", "get-my-ship", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/cargo", "get-my-ship-cargo", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/chart", "create-chart", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/cooldown", "get-ship-cooldown", "Fleet", RequestPriority.Normal),
        // Idempotent: docking a docked ship leaves it docked (the server answers with its nav).
        new("POST", "/my/ships/{shipSymbol}/dock", "dock-ship", "Fleet", RequestPriority.Normal, isIdempotent: true),
        new("POST", "/my/ships/{shipSymbol}/extract", "extract-resources", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/extract/survey", "extract-resources-with-survey", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/jettison", "jettison", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/jump", "jump-ship", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/modules", "get-ship-modules", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/modules/install", "install-ship-module", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/modules/remove", "remove-ship-module", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/mounts", "get-mounts", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/mounts/install", "install-mount", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/mounts/remove", "remove-mount", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/nav", "get-ship-nav", "Fleet", RequestPriority.Normal),
        // Idempotent: sets the flight mode to a value; the same mode again changes nothing and costs no fuel.
        new("PATCH", "/my/ships/{shipSymbol}/nav", "patch-ship-nav", "Fleet", RequestPriority.Normal, isIdempotent: true),
        // Not idempotent (nor warp or jump): the effect happens once, but a resend after success answers 4214/4204.
        new("POST", "/my/ships/{shipSymbol}/navigate", "navigate-ship", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/negotiate/contract", "negotiate-contract", "Fleet", RequestPriority.Normal),
        // Idempotent: orbiting a ship in orbit leaves it in orbit (the server answers with its nav).
        new("POST", "/my/ships/{shipSymbol}/orbit", "orbit-ship", "Fleet", RequestPriority.Normal, isIdempotent: true),
        // Not idempotent: a resend buys (or, below, sells) the units again and charges again.
        new("POST", "/my/ships/{shipSymbol}/purchase", "purchase-cargo", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/refine", "ship-refine", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/refuel", "refuel-ship", "Fleet", RequestPriority.Critical),
        new("GET", "/my/ships/{shipSymbol}/repair", "get-repair-ship", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/repair", "repair-ship", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/scan/ships", "create-ship-ship-scan", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/scan/systems", "create-ship-system-scan", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/scan/waypoints", "create-ship-waypoint-scan", "Fleet", RequestPriority.Normal),
        new("GET", "/my/ships/{shipSymbol}/scrap", "get-scrap-ship", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/scrap", "scrap-ship", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/sell", "sell-cargo", "Fleet", RequestPriority.Critical),
        new("POST", "/my/ships/{shipSymbol}/siphon", "siphon-resources", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/survey", "create-survey", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/transfer", "transfer-cargo", "Fleet", RequestPriority.Normal),
        new("POST", "/my/ships/{shipSymbol}/warp", "warp-ship", "Fleet", RequestPriority.Normal),
        new("GET", "/", "get-status", "Global", RequestPriority.Background),
        new("GET", "/error-codes", "get-error-codes", "Global", RequestPriority.Background),
        new("GET", "/systems", "get-systems", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}", "get-system", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}/waypoints", "get-system-waypoints", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}", "get-waypoint", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction", "get-construction", "Systems", RequestPriority.Background),
        new("POST", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/construction/supply", "supply-construction", "Systems", RequestPriority.Critical),
        new("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/jump-gate", "get-jump-gate", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/market", "get-market", "Systems", RequestPriority.Background),
        new("GET", "/systems/{systemSymbol}/waypoints/{waypointSymbol}/shipyard", "get-shipyard", "Systems", RequestPriority.Background),
    ];

    private static readonly Dictionary<(string Method, int Segments), Endpoint[]> ByShape = Endpoints
        .GroupBy(e => (e.Method, e.Segments.Length))
        .ToDictionary(g => g.Key, g => g.OrderBy(e => e.VariableSegments).ToArray());

    /// <summary>Gets every operation, grouped by area.</summary>
    public static IReadOnlyList<Endpoint> All => Endpoints;

    /// <summary>Finds the operation a request path belongs to.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path after the API base address, with or without a leading <c>/</c>; a query string is ignored.</param>
    /// <returns>The operation, or <see langword="null"/> if the path is not part of the API.</returns>
    public static Endpoint? Find(string method, ReadOnlySpan<char> path)
    {
        ArgumentNullException.ThrowIfNull(method);
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        path = path.Trim('/');
        Span<Range> ranges = stackalloc Range[8];
        var count = path.IsEmpty ? 0 : path.Split(ranges, '/');
        if (count > 7 || !ByShape.TryGetValue((method.ToUpperInvariant(), count), out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Matches(path, ranges[..count]))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Finds the operation with the given operation id, for example <c>navigate-ship</c>.</summary>
    /// <param name="operationId">The spec's operation id.</param>
    /// <returns>The operation, or <see langword="null"/>.</returns>
    public static Endpoint? FindByOperationId(string operationId)
        => Array.Find(Endpoints, e => string.Equals(e.OperationId, operationId, StringComparison.Ordinal));

    /// <summary>Gets the default priority of a request, from its operation, or <see cref="RequestPriority.Normal"/> for paths outside the API.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    /// <returns>The priority the request queues with unless overridden.</returns>
    public static RequestPriority DefaultPriority(string method, ReadOnlySpan<char> path)
        => Find(method, path)?.DefaultPriority ?? RequestPriority.Normal;
}
