using Refit;
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
/// <para>
/// The entries are generated from the vendored spec (<c>EndpointCatalog.g.cs</c>, by <c>eng/codegen/generate_clients.py</c>);
/// the priorities and idempotency above come from its hand-kept table, <c>eng/codegen/operations.py</c>. The SDK
/// identifies a request's operation by the Refit method that built it (<c>FindByRefitMethod</c>: Refit records the
/// interface and method name in the request's options); the
/// path is parsed only for a request built some other way (the public <see cref="SpaceTradersPipeline"/> under a
/// caller's own <see cref="HttpClient"/>).
/// </para>
/// </remarks>
public static partial class EndpointCatalog
{
    // Refit records, on every request it builds, the interface and the name of the method that built it.
    private static readonly HttpRequestOptionsKey<Type> RefitInterfaceKey = new(HttpRequestMessageOptions.InterfaceType);
    private static readonly HttpRequestOptionsKey<string> RefitMethodKey = new(HttpRequestMessageOptions.MethodName);

    /// <summary>Gets every operation, grouped by area.</summary>
    public static IReadOnlyList<Endpoint> All => Endpoints;

    /// <summary>
    /// Finds the operation a request sends: from the Refit method that built it, or, for a request built some other
    /// way (the public <see cref="SpaceTradersPipeline"/> under a caller's own <see cref="HttpClient"/>), from its
    /// method and path. The one place the SDK's handlers ask.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="basePath">The path of the API root (<c>/v2</c>), cut from the path for the fallback.</param>
    /// <returns>The operation, or <see langword="null"/> if the request is not part of the API.</returns>
    internal static Endpoint? Find(HttpRequestMessage request, string basePath)
        => FindByRefitMethod(request) ?? (request.RequestUri is { } uri ? Find(request.Method.Method, RelativePath(uri, basePath)) : null);

    /// <summary>Gets a request's path below the API root: for the fallback, and to name a request outside the API.</summary>
    /// <param name="uri">The request's URI.</param>
    /// <param name="basePath">The path of the API root (<c>/v2</c>), with or without a trailing <c>/</c>.</param>
    /// <returns>The path after the root, or the whole path when it is not under the root.</returns>
    internal static string RelativePath(Uri uri, string basePath)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var root = basePath.TrimEnd('/');
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;
        return root.Length > 0 && path.StartsWith(root, StringComparison.Ordinal) ? path[root.Length..] : path;
    }

    /// <summary>
    /// Finds the operation a Refit method of the SDK sends, from the method Refit recorded on the request (its
    /// <see cref="HttpRequestMessageOptions.InterfaceType"/> and <see cref="HttpRequestMessageOptions.MethodName"/> options).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The operation, or <see langword="null"/> when no Refit method of the SDK built the request.</returns>
    internal static Endpoint? FindByRefitMethod(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(RefitInterfaceKey, out var api) && api is not null
            && request.Options.TryGetValue(RefitMethodKey, out var method) && method is not null
            ? FindByRefitMethod(api, method)
            : null;
    }

    /// <summary>Finds the operation a Refit method of the SDK sends.</summary>
    /// <param name="api">The Refit interface that declares the method.</param>
    /// <param name="method">The method's name.</param>
    /// <returns>The operation, or <see langword="null"/> for a method that is not one of the SDK's.</returns>
    internal static Endpoint? FindByRefitMethod(Type api, string method)
        => ByRefitMethod.GetValueOrDefault((api, method));

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
        if (count > 7 || !Shapes.ByShape.TryGetValue((method.ToUpperInvariant(), count), out var candidates))
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

    /// <summary>The operations by method and path length, for <see cref="Find(string, ReadOnlySpan{char})"/>.</summary>
    /// <remarks>A nested class, so that it is built after <c>Endpoints</c> (in the generated half) whatever the order of the halves.</remarks>
    private static class Shapes
    {
        public static readonly Dictionary<(string Method, int Segments), Endpoint[]> ByShape = Endpoints
            .GroupBy(e => (e.Method, e.Segments.Length))
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.VariableSegments).ToArray());
    }
}
