using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.RateLimiting;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator;

/// <summary>
/// An offline SpaceTraders v2 server as a library: a world built from a seed, the server's rules (tokens,
/// rate limits, ship locks, error envelopes), fault injection, and transports to reach it in-process or over
/// loopback HTTP.
/// </summary>
/// <example>
/// <code>
/// using var clock = new VirtualClock();
/// var simulation = new Simulation(new SimulationOptions { Seed = 7, Clock = clock });
/// using var http = simulation.CreateHttpClient();            // base address http://simulator.invalid/v2/
/// var status = await http.GetStringAsync("", cancellationToken); // GET /v2/
/// simulation.Faults.Inject(FaultKind.BadGateway, count: 2, method: "POST", path: "/my/ships/*/extract");
/// simulation.Reset();                                        // a new galaxy; old tokens get 401 with code 4113
/// Console.WriteLine(simulation.Stats);
/// </code>
/// </example>
public sealed class Simulation
{
    private readonly SimulatorServer _server;
    private GameState? _game;

    /// <summary>Initializes a new instance of the <see cref="Simulation"/> class.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    public Simulation(SimulationOptions? options = null)
        : this(options, mapRoutes: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="Simulation"/> class with routes of the caller's choosing instead of the game's (pipeline tests).</summary>
    /// <param name="options">The options.</param>
    /// <param name="mapRoutes">Maps the routes of a fresh world (called at start and on every reset), or <see langword="null"/> for the game.</param>
    /// <exception cref="ArgumentException">An option is out of range, or <see cref="SimulationOptions.OmitFields"/> names a field the simulator does not write.</exception>
    internal Simulation(SimulationOptions? options, Action<RouteTable>? mapRoutes)
    {
        Options = options ?? new SimulationOptions();
        Options.RateLimits.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.StartingCredits, nameof(options));
        foreach (var type in Options.ExtraStartingShipTypes)
        {
            if (!ShipCatalog.TryGetType(type, out _))
            {
                throw new ArgumentException($"ExtraStartingShipTypes lists {type}, which is not a ship type of the game.", nameof(options));
            }
        }

        if (Options.ResetEvery is { } every && every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), every, "SimulationOptions.ResetEvery must be positive.");
        }

        var omissions = FieldOmissions.Create(Options.OmitFields);
        Clock = Options.Clock ?? TimeProvider.System;
        Faults = new FaultInjector(Options.Seed);
        Faults.UseProfile(Options.FaultProfile);
        Stats = new SimulationStats();
        var start = Clock.GetUtcNow();
        var schedule = new ResetSchedule(Options.Seed, start, Options.ResetEvery);
        var tokens = new AgentTokens(AgentTokens.CreateKey(Options.TokenSigningKey), schedule.Current.Date);
        _server = new SimulatorServer(
            Options,
            Clock,
            tokens,
            Faults,
            Stats,
            schedule,
            reset =>
            {
                var routes = new RouteTable();
                if (mapRoutes is not null)
                {
                    mapRoutes(routes);
                }
                else
                {
                    Volatile.Write(ref _game, WorldRoutes.Map(routes, Options, Clock, reset));
                }

                return routes;
            },
            omissions);
    }

    /// <summary>Gets a base address the in-process transport serves: <c>http://simulator.invalid/v2/</c> (any address ending in <c>/v2/</c> works).</summary>
    public static Uri DefaultBaseAddress { get; } = new("http://simulator.invalid/v2/");

    /// <summary>Gets the options the simulation was built with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Gets the clock the server reads.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the fault script: add rules, inject the next N faults, apply profiles.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Gets the server's counters (requests, 429s, faults, ship-lock conflicts).</summary>
    public SimulationStats Stats { get; }

    /// <summary>Gets the rate limits; <see cref="RateLimitSettings.Enabled"/> may be switched at any time.</summary>
    public RateLimitSettings RateLimits => Options.RateLimits;

    /// <summary>Gets the current reset's date (<c>yyyy-MM-dd</c>), as <c>GET /</c> shows it, after any scheduled reset due on the clock.</summary>
    public string ResetDate => _server.CurrentReset.DateText;

    /// <summary>Gets the current reset's number: 0 for the first world, then one more for every reset (scheduled or not).</summary>
    public int ResetNumber => _server.CurrentReset.Number;

    /// <summary>Gets the seed of the current reset's galaxy: <see cref="SimulationOptions.Seed"/> at first, then <see cref="SeedOfReset"/>.</summary>
    public int WorldSeed => _server.CurrentReset.Seed;

    /// <summary>Gets when the next scheduled reset happens (<see cref="SimulationOptions.ResetEvery"/>), or <see langword="null"/> when none is scheduled.</summary>
    public DateTimeOffset? NextResetAt => Options.ResetEvery is null ? null : _server.CurrentReset.NextReset;

    /// <summary>Gets the current world (replaced on every reset); <see langword="null"/> when the simulation runs custom routes.</summary>
    internal GameState? Game => Volatile.Read(ref _game);

    /// <summary>Gets the pipeline (transports and tests).</summary>
    internal SimulatorServer Server => _server;

    /// <summary>Creates an in-process transport: no sockets, requests run in the caller's flow (and actor, under virtual time).</summary>
    /// <param name="clientIp">The IP address the requests come from, for the per-IP rate limit. The default value is <c>127.0.0.1</c>.</param>
    /// <returns>A handler for an <see cref="HttpClient"/>; any base address ending in <c>/v2/</c> works.</returns>
    public HttpMessageHandler CreateTransport(string clientIp = "127.0.0.1")
    {
        ArgumentException.ThrowIfNullOrEmpty(clientIp);
        return new SimulatorTransport(_server, clientIp);
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> over <see cref="CreateTransport"/> with <see cref="DefaultBaseAddress"/> and no
    /// timeout of its own (the simulation clock, not real time, governs waits).
    /// </summary>
    /// <param name="clientIp">The IP address the requests come from. The default value is <c>127.0.0.1</c>.</param>
    /// <returns>The client; dispose it when done.</returns>
    public HttpClient CreateHttpClient(string clientIp = "127.0.0.1")
        => new(CreateTransport(clientIp), disposeHandler: true) { BaseAddress = DefaultBaseAddress, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Starts serving the API over HTTP (ASP.NET Core Kestrel) under <c>/v2/</c>, sharing this simulation's world and rules.
    /// </summary>
    /// <param name="url">The URL to bind, for example <c>http://127.0.0.1:5800</c>; port 0 picks a free port. The default value is <c>http://127.0.0.1:0</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public Task<SimulatorHttpServer> StartHttpServerAsync(string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
        => SimulatorHttpServer.StartAsync(this, url, cancellationToken);

    /// <summary>Gets the seed the galaxy of reset <paramref name="resetNumber"/> is generated from: <paramref name="seed"/> for reset 0, then a stable mix of both (the same in every process).</summary>
    /// <param name="seed">The simulation's seed (<see cref="SimulationOptions.Seed"/>).</param>
    /// <param name="resetNumber">The reset's number (0 or more).</param>
    /// <returns>The seed; a simulation built with it generates that reset's galaxy.</returns>
    public static int SeedOfReset(int seed, int resetNumber) => ResetSchedule.SeedOf(seed, resetNumber);

    /// <summary>
    /// Resets the server now, as the live game does weekly: the galaxy is generated again from <see cref="SeedOfReset"/>
    /// (the seed and the next reset number), every agent and ship is wiped, the reset date moves on (to the clock's date,
    /// or the day after the previous reset's date when that is not later), and tokens issued before are rejected with
    /// 401 and code 4113. Registering again is how an agent comes back. Scheduled resets keep their instants.
    /// </summary>
    public void Reset() => _server.Reset();
}
