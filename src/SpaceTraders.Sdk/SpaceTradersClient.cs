using Refit;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk;

/// <summary>
/// The SpaceTraders v2 API client for one agent. Its properties group the endpoints as the API does:
/// <c>client.Fleet.NavigateShipAsync(...)</c>, <c>client.Systems.GetMarketAsync(...)</c>, and so on.
/// </summary>
/// <remarks>
/// <para>
/// Every request goes through the SDK's pipeline: it waits its turn at the <see cref="PriorityRateLimiter"/>
/// (so the client never trips the server's limit), carries an <c>X-Request-Id</c>, is retried on transient failures
/// when it is idempotent, and is reported to <see cref="SpaceTradersClientOptions.Observers"/>. An action whose
/// outcome is unknown is never resent blindly: the client reads back what it would have changed and returns the
/// result rebuilt from it (see <see cref="Resilience.RetryOptions"/>). Errors from the API throw
/// <see cref="Errors.SpaceTradersApiException"/>.
/// </para>
/// <para>
/// The client is immutable and thread-safe: share one per agent. It reads its options once, when it is
/// built. Agents that run from the same IP address should share one limiter through
/// <see cref="SpaceTradersClientOptions.RateLimiter"/> (the DI registration does this for you). Dispose the
/// client to release its connections; a <see cref="SpaceTradersClientOptions.Transport"/> or
/// <see cref="SpaceTradersClientOptions.RateLimiter"/> given in the options is left to its owner.
/// </para>
/// <para>
/// <b>Server resets.</b> The game resets every week or two: a new galaxy, every agent gone, old tokens rejected. The
/// client notices from either signal (a call answered 401 with error 4113, or with error 4109 on any call but
/// <c>POST /register</c>; or a status read whose <c>resetDate</c> is
/// later than <see cref="ResetDate"/>), drops what it cached of the old world (<see cref="World"/>, <see cref="Markets"/>,
/// <see cref="Surveys"/>), raises <see cref="ServerReset"/> once, and from then on throws
/// <see cref="Errors.ServerResetException"/> instead of sending the dead token. Register the agent again
/// (<see cref="RegisterAgentAsync"/>) and play the new client.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = token });
/// var ship = await client.Fleet.GetMyShipAsync("BADGER-1");
/// await client.Fleet.NavigateShipAsync(ship.Symbol, "X1-DF55-A1");
/// </code>
/// </example>
public sealed class SpaceTradersClient : IDisposable
{
    private readonly HttpClient? _httpClient;
    private readonly SpaceTradersTelemetry? _ownedTelemetry;
    private readonly ServerResetWatch _resets;
    private PriorityRateLimiter? _ownedLimiter;
    private int _disposed;

    /// <summary>Initializes a new instance of the <see cref="SpaceTradersClient"/> class for an agent token, with default options.</summary>
    /// <param name="token">The agent token (a JWT).</param>
    public SpaceTradersClient(string token)
        : this(new SpaceTradersClientOptions { Token = token ?? throw new ArgumentNullException(nameof(token)) })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpaceTradersClient"/> class.</summary>
    /// <param name="options">The client's settings: at least the agent <see cref="SpaceTradersClientOptions.Token"/>, unless only public endpoints are called.</param>
    public SpaceTradersClient(SpaceTradersClientOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        var limiter = options.RateLimiter ?? (_ownedLimiter = new PriorityRateLimiter(options.Throttling, options.TimeProvider));
        var telemetry = _ownedTelemetry = new SpaceTradersTelemetry(limiter);
        var resets = _resets = new ServerResetWatch(options);
        HttpMessageHandler transport = options.Transport is { } shared ? new SharedTransport(shared) : HttpDefaults.CreateTransport();
        _httpClient = new HttpClient(SpaceTradersPipeline.Create(options, limiter, transport, telemetry, resets), disposeHandler: true);
        HttpDefaults.Configure(_httpClient, options);

        var settings = ApiSettings.Create(options, telemetry, resets);
        var httpClient = _httpClient;
        (Global, Accounts, Agents, Factions, Systems, Contracts, Fleet, Data, State, Markets, Surveys, World) =
            Compose(options, type => RestService.For(type, httpClient, settings), telemetry, resets);
        resets.OnReset(OnServerReset);
    }

    internal SpaceTradersClient(SpaceTradersClientOptions options, Func<Type, object> apis, SpaceTradersTelemetry? telemetry = null, ServerResetWatch? resets = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(apis);
        _resets = resets ?? new ServerResetWatch(options);
        (Global, Accounts, Agents, Factions, Systems, Contracts, Fleet, Data, State, Markets, Surveys, World) = Compose(options, apis, telemetry, _resets);
        _resets.OnReset(OnServerReset);
    }

    /// <summary>
    /// Occurs once, when the client learns that the server has reset since its agent was registered: a call was answered
    /// 401 with error 4113 (or with error 4109, on any call but <c>POST /register</c>), or a status read showed a later
    /// <c>resetDate</c>. By then the caches of the old world are
    /// dropped. It is raised on the thread of the call that found out, before that call throws
    /// <see cref="Errors.ServerResetException"/> (or returns the status): keep the handler short, and do not call the
    /// client from it.
    /// </summary>
    public event EventHandler<ServerResetEventArgs>? ServerReset;

    /// <summary>
    /// Gets the server reset this client's agent belongs to (<c>yyyy-MM-dd</c>): its token's <c>reset_date</c>, or the
    /// <c>resetDate</c> of the first status read when the token does not say; <see langword="null"/> while unknown.
    /// </summary>
    public string? ResetDate => _resets.PlayedReset;

    /// <summary>Gets the server reset the client detected, or <see langword="null"/> while none was (see <see cref="ServerReset"/>).</summary>
    public ServerResetEventArgs? DetectedReset => _resets.Detected;

    /// <summary>Gets the client's settings. Changing them after the client is built has no effect on it.</summary>
    public SpaceTradersClientOptions Options { get; }

    /// <summary>Gets the global endpoints: the server's status and error codes.</summary>
    public IGlobalClient Global { get; }

    /// <summary>Gets the account endpoints: the account and registering agents.</summary>
    public IAccountsClient Accounts { get; }

    /// <summary>Gets the agent endpoints: the agent, its events, and other agents.</summary>
    public IAgentsClient Agents { get; }

    /// <summary>Gets the faction endpoints.</summary>
    public IFactionsClient Factions { get; }

    /// <summary>Gets the system endpoints: systems, waypoints, markets, shipyards, jump gates and construction sites.</summary>
    public ISystemsClient Systems { get; }

    /// <summary>Gets the contract endpoints.</summary>
    public IContractsClient Contracts { get; }

    /// <summary>Gets the fleet endpoints: the agent's ships and everything they do.</summary>
    public IFleetClient Fleet { get; }

    /// <summary>Gets the game data endpoints: the market supply chain.</summary>
    public IDataClient Data { get; }

    /// <summary>
    /// Gets everything this agent knows, kept current from every response the client receives: the agent,
    /// its ships (one <see cref="TrackedShip"/> per symbol, with dirty parts), contracts, and the markets and
    /// waypoints seen. Read it instead of asking the server again.
    /// </summary>
    public AgentState State { get; }

    /// <summary>Gets the market cache every market response is recorded into (prices, freshness, best buy and sell).</summary>
    public MarketCache Markets { get; }

    /// <summary>
    /// Gets the survey cache every new survey is added to (expiry, exhaustion, ranking). A survey the server calls
    /// exhausted, expired or invalid on <c>ExtractResourcesWithSurveyAsync</c> is retired from it before the error is thrown.
    /// </summary>
    public SurveyCache Surveys { get; }

    /// <summary>Gets the static world (systems, waypoints, jump gates, shipyards), fetched once on demand at Background priority.</summary>
    public StaticWorldCache World { get; }

    /// <summary>Gets the route planners the client's pilots share, one per system.</summary>
    internal RoutePlannerCache RoutePlanners { get; } = new();

    /// <summary>
    /// Registers a new agent (<c>POST /register</c>, sent with <see cref="SpaceTradersClientOptions.AccountToken"/>)
    /// and returns a client that plays it, together with everything the registration returned.
    /// </summary>
    /// <param name="options">
    /// The settings: <see cref="SpaceTradersClientOptions.AccountToken"/> from the SpaceTraders dashboard, plus
    /// anything else the new client should use. They are copied; the copy gets the new agent's token.
    /// </param>
    /// <param name="symbol">The agent symbol: 3 to 14 letters, digits, <c>-</c> or <c>_</c>; the server upper-cases it.</param>
    /// <param name="faction">The starting faction, for example <see cref="FactionSymbol.Cosmic"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>
    /// The new agent's client, and the registration: its token (store it: the server does not show it again),
    /// agent, faction, starting contract and ships.
    /// </returns>
    /// <example>
    /// <code>
    /// var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(
    ///     new SpaceTradersClientOptions { AccountToken = accountToken }, "BADGER", FactionSymbol.Cosmic);
    /// File.WriteAllText("agent-token.txt", registration.Token);
    /// </code>
    /// </example>
    public static async Task<(SpaceTradersClient Client, RegisterResult Registration)> RegisterAgentAsync(
        SpaceTradersClientOptions options,
        string symbol,
        FactionSymbol faction,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        // Registrar and agent share one limiter, so the register call counts against the same IP pools.
        var ownedLimiter = options.RateLimiter is null ? new PriorityRateLimiter(options.Throttling, options.TimeProvider) : null;
        var shared = options.WithRateLimiter(options.RateLimiter ?? ownedLimiter!);
        try
        {
            RegisterResult registration;
            using (var registrar = new SpaceTradersClient(shared))
            {
                registration = await registrar.Accounts.RegisterAsync(symbol, faction, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var client = new SpaceTradersClient(shared.WithToken(registration.Token)) { _ownedLimiter = ownedLimiter };
            client.State.Apply(registration);
            return (client, registration);
        }
        catch
        {
            ownedLimiter?.Dispose();
            throw;
        }
    }

    private static (IGlobalClient, IAccountsClient, IAgentsClient, IFactionsClient, ISystemsClient, IContractsClient, IFleetClient, IDataClient, AgentState, MarketCache, SurveyCache, StaticWorldCache)
        Compose(SpaceTradersClientOptions options, Func<Type, object> apis, SpaceTradersTelemetry? telemetry, ServerResetWatch resets)
    {
        var time = options.TimeProvider;
        var systemsApi = (ISystemsApi)apis(typeof(ISystemsApi));

        // The world cache fetches through an untracked systems client: what it fetches is static and kept by the cache itself.
        var world = new StaticWorldCache(new SystemsClient(systemsApi), time);
        var markets = new MarketCache(time, world);
        var surveys = new SurveyCache(time, markets);
        var state = new AgentState(time, markets, surveys);
        var fleetApi = (IFleetApi)apis(typeof(IFleetApi));
        var agentsApi = (IAgentsApi)apis(typeof(IAgentsApi));
        var contractsApi = (IContractsApi)apis(typeof(IContractsApi));

        // Actions go through one runner: an unknown outcome is reconciled by reading back (into this state), never resent blindly.
        var actions = new ActionRunner(options, new ActionReadBacks(fleetApi, agentsApi, contractsApi, systemsApi, state, time), telemetry);
        return (
            new GlobalClient((IGlobalApi)apis(typeof(IGlobalApi)), resets),
            new AccountsClient((IAccountsApi)apis(typeof(IAccountsApi)), state, actions),
            new AgentsClient(agentsApi, state),
            new FactionsClient((IFactionsApi)apis(typeof(IFactionsApi))),
            new SystemsClient(systemsApi, state, world, actions),
            new ContractsClient(contractsApi, state, actions),
            new FleetClient(fleetApi, state, actions),
            new DataClient((IDataApi)apis(typeof(IDataApi))),
            state,
            markets,
            surveys,
            world);
    }

    /// <summary>The server reset: what was cached of the old world is wrong now (the galaxy is generated again).</summary>
    private void OnServerReset(ServerResetEventArgs reset)
    {
        World.Clear();
        Markets.Clear();
        Surveys.Clear();
        ServerReset?.Invoke(this, reset);
    }

    /// <summary>Releases the client's connections and, if it created it, its rate limiter.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _httpClient?.Dispose();
        _ownedTelemetry?.Dispose();
        _ownedLimiter?.Dispose();
    }
}
