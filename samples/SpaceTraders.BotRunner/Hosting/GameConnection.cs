using System.Globalization;
using System.Net;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Recording;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>The game could not be reached (network, timeout, server error): the run cannot start. The message never holds a token.</summary>
internal sealed class GameUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The game a run plays and the agent it plays there: the clock shared by the client and (in-process) the simulator,
/// and the client options the runtime plays the agent with. Holds the agent token in memory only.
/// </summary>
internal sealed class GameConnection : IAsyncDisposable
{
    private readonly HttpMessageHandler? _transport;
    private readonly IDisposable? _ownedClock;

    private GameConnection(TimeProvider clock, SpaceTradersClientOptions agent, Simulation? simulation, HttpMessageHandler? transport, IDisposable? ownedClock, string? registered)
    {
        Clock = clock;
        Agent = agent;
        Simulation = simulation;
        _transport = transport;
        _ownedClock = ownedClock;
        RegisteredAgent = registered;
    }

    /// <summary>Gets the clock of the game: virtual, scaled real time, or real time.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the client options the runtime plays the agent with (token, transport or address, clock, throttling).</summary>
    public SpaceTradersClientOptions Agent { get; }

    /// <summary>Gets the in-process simulation, when the run plays the built-in simulator.</summary>
    public Simulation? Simulation { get; }

    /// <summary>Gets the symbol of the agent registered for this run, or <see langword="null"/> when a token was given.</summary>
    public string? RegisteredAgent { get; }

    /// <summary>
    /// Gets the throttling for the game: the live limits. In process on the virtual clock (one clock, no network) without
    /// the latency margin; in process in scaled real time with the default margin of real time, scaled, but at most
    /// <see cref="MaxScaledMargin"/>: at x20 the threads' scheduling jitter of a few real milliseconds is a game tenth of a
    /// second, and the server's pools refill on the same scaled clock (with no margin, 24 of 16,725 requests met a 429 in
    /// a 14-minute run at x20). With the fixed 200 ms, 2 of about 21,600 requests still met a 429 in five main-job runs
    /// on a busy machine; the one whose time was logged came in the first game hour (unsaturated, 45 requests a minute),
    /// when every endpoint's code (client and server) is compiled on first use between the limiter and the server's
    /// count. So the margin starts at the default
    /// <see cref="ThrottlingOptions.MaxSafetyMargin"/> of game time (a second: 50 real ms at x20, while the young fleet
    /// is far from the budget anyway), widens back to it after a 429, and narrows halfway towards the scaled margin after
    /// every <see cref="RelaxAfterReal"/> of real time without one.
    /// </summary>
    /// <param name="options">The run's settings.</param>
    /// <returns>The throttling options.</returns>
    public static ThrottlingOptions ThrottlingFor(RunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Game != GameKind.BuiltInSimulator)
        {
            return new ThrottlingOptions();
        }

        var defaults = new ThrottlingOptions();
        return options.VirtualTime
            ? new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }
            : new ThrottlingOptions
            {
                SafetyMargin = Min(defaults.SafetyMargin * options.TimeScale, MaxScaledMargin),
                InitialSafetyMargin = defaults.MaxSafetyMargin,
                SafetyMarginRelaxAfter = RelaxAfterReal * options.TimeScale,
            };
    }

    /// <summary>
    /// The largest latency margin scaled real time gets, in game time: 200 ms. The limiter adds its margin to every
    /// window it opens, so when the fleet's demand fills the budget each one-second window of the two-a-second pool
    /// lasts one second plus the margin: the default 50 ms scaled by 20 (a game second) halved that pool, and a
    /// saturated 100-ship fleet at x20 got 89 requests a game minute instead of about 140. Measured on that fleet, 4 real
    /// minutes at x20 on a busy 2-core machine: 200 ms gave 128 a minute and 0 429s in 10,194 requests; 100 ms gave 136
    /// a minute, with 0 429s in 10,844 requests beside a test run but 3 in 10,863 beside another runner.
    /// </summary>
    internal static readonly TimeSpan MaxScaledMargin = TimeSpan.FromMilliseconds(200);

    /// <summary>How long, in real time, a widened margin lasts in scaled real time without a 429 before it narrows halfway back: a minute.</summary>
    internal static readonly TimeSpan RelaxAfterReal = TimeSpan.FromMinutes(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Gets the recorder of every request and response (<c>--record</c>), if the run records.</summary>
    public TrafficRecorder? Recorder { get; private init; }

    /// <summary>Starts the built-in simulator if needed and registers an agent unless a token was given.</summary>
    /// <param name="options">The run's settings.</param>
    /// <param name="configureSimulation">A change made to the built-in simulator's options before it starts (tests), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The connection; dispose it after the runtime.</returns>
    public static async Task<GameConnection> OpenAsync(RunnerOptions options, Action<SimulationOptions>? configureSimulation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var throttling = ThrottlingFor(options);
        switch (options.Game)
        {
            case GameKind.BuiltInSimulator:
            {
                TimeProvider clock = options.VirtualTime ? new VirtualClock() : new ScaledClock(options.TimeScale);
                var simulationOptions = new SimulationOptions { Seed = options.Seed, Clock = clock, FaultProfile = options.Faults };
                if (options.StartingCredits is { } credits)
                {
                    simulationOptions.StartingCredits = credits;
                }

                // With an account token the simulator asks for it on registration, as the live server does.
                simulationOptions.ResetEvery = options.ResetEvery;
                simulationOptions.AccountToken = options.AccountToken;
                configureSimulation?.Invoke(simulationOptions);

                var simulation = new Simulation(simulationOptions);

                // The recording begins with the registration; it replaces an earlier one only once the registration went
                // through (a start that fails leaves that one alone).
                HttpMessageHandler transport = simulation.CreateTransport();
                var recorder = CreateRecorder(options, clock, transport);
                transport = recorder ?? transport;
                // The retries' jitter is seeded too: a virtual-time run is a function of its seed and options, also with --faults.
                var template = new SpaceTradersClientOptions
                {
                    TimeProvider = clock,
                    Transport = transport,
                    Throttling = throttling,
                    AccountToken = options.AccountToken,
                    Retry = new RetryOptions { JitterSeed = options.Seed },
                };
                try
                {
                    var symbol = options.AgentSymbol ?? "RUNNER";
                    var token = await RegisterAsync(template, symbol, options.Faction, cancellationToken).ConfigureAwait(false);
                    recorder?.Commit();
                    return new GameConnection(clock, WithToken(template, token), simulation, transport, clock as IDisposable, symbol) { Recorder = recorder };
                }
                catch
                {
                    transport.Dispose();
                    (clock as IDisposable)?.Dispose();
                    throw;
                }
            }

            case GameKind.SimulatorOverHttp:
            {
                // The start-up checks (the token's agent, or the server's status) go through a transport of their own,
                // before the recorder starts; the recorder replaces an earlier recording at its path only once the start
                // went through: a start that fails (a refused token or registration, a server that is not there) leaves it alone.
                var server = $"the simulator at {options.SimulatorUrl}";
                var unrecorded = new SpaceTradersClientOptions
                {
                    BaseAddress = options.SimulatorUrl!,
                    TimeProvider = TimeProvider.System,
                    Throttling = throttling,
                    AccountToken = options.AccountToken,
                };
                if (options.Token is { } token)
                {
                    await CheckTokenAsync(WithToken(unrecorded, token), server, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await CheckReachableAsync(unrecorded, server, cancellationToken).ConfigureAwait(false);
                }

                var recorder = CreateRecorder(options, TimeProvider.System, null);
                var template = WithTransport(unrecorded, recorder);
                try
                {
                    if (options.Token is { } checkedToken)
                    {
                        recorder?.Commit();
                        return new GameConnection(TimeProvider.System, WithToken(template, checkedToken), null, recorder, null, null) { Recorder = recorder };
                    }

                    var symbol = options.AgentSymbol ?? string.Create(CultureInfo.InvariantCulture, $"RUNNER-{Random.Shared.Next(0, 0xFFFFF):X5}");
                    string registered;
                    using (var timeout = Timeout(cancellationToken))
                    {
                        try
                        {
                            registered = await RegisterAsync(FailFast(template), symbol, options.Faction, timeout.Token).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (Unreachable(ex, timeout, cancellationToken))
                        {
                            throw new GameUnavailableException($"Could not reach {server}: {Reason(ex)}", ex);
                        }
                    }

                    recorder?.Commit();
                    return new GameConnection(TimeProvider.System, WithToken(template, registered), null, recorder, null, symbol) { Recorder = recorder };
                }
                catch
                {
                    recorder?.Dispose(); // deletes what it wrote aside
                    throw;
                }
            }

            default:
            {
                // The token is checked before the recorder starts (it replaces an earlier recording): see above.
                var unrecorded = new SpaceTradersClientOptions { TimeProvider = TimeProvider.System, Throttling = throttling, AccountToken = options.AccountToken };
                await CheckTokenAsync(WithToken(unrecorded, options.Token!), $"the live server at {unrecorded.BaseAddress}", cancellationToken).ConfigureAwait(false);
                var recorder = CreateRecorder(options, TimeProvider.System, null);
                recorder?.Commit(); // nothing left that could fail the start
                var template = WithTransport(unrecorded, recorder);
                return new GameConnection(TimeProvider.System, WithToken(template, options.Token!), null, recorder, null, null) { Recorder = recorder };
            }
        }
    }

    /// <summary>How long the start-up checks wait for a server before giving up.</summary>
    public static TimeSpan CheckTimeout { get; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Reads the token's agent once, without retries and within <see cref="CheckTimeout"/>, so that an unreachable server
    /// or a refused token stops the start at once with what went wrong (instead of the retry loop's backoff).
    /// </summary>
    private static async Task CheckTokenAsync(SpaceTradersClientOptions agent, string server, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var client = new SpaceTradersClient(FailFast(agent));
        try
        {
            await client.Agents.GetMyAgentAsync(RequestPriority.Critical, timeout.Token).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SettingException($"The token was refused by {server} ({(int)ex.StatusCode}{(ex.ErrorCode is { } code ? ", error " + code.ToString(CultureInfo.InvariantCulture) : string.Empty)}): use an agent token from the SpaceTraders dashboard (not the account token).");
        }
        catch (Exception ex) when (Unreachable(ex, timeout, cancellationToken))
        {
            throw new GameUnavailableException($"Could not reach {server}: {Reason(ex)}", ex);
        }
    }

    /// <summary>
    /// Reads the server's status once, without retries and within <see cref="CheckTimeout"/>, so that a server that is
    /// not there stops the start with what went wrong before anything is recorded.
    /// </summary>
    private static async Task CheckReachableAsync(SpaceTradersClientOptions server, string description, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var client = new SpaceTradersClient(FailFast(server));
        try
        {
            await client.Global.GetStatusAsync(RequestPriority.Critical, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Unreachable(ex, timeout, cancellationToken))
        {
            throw new GameUnavailableException($"Could not reach {description}: {Reason(ex)}", ex);
        }
    }

    private static SpaceTradersClientOptions FailFast(SpaceTradersClientOptions options) => new()
    {
        Token = options.Token,
        AccountToken = options.AccountToken,
        BaseAddress = options.BaseAddress,
        TimeProvider = options.TimeProvider,
        Transport = options.Transport,
        Throttling = options.Throttling,
        Retry = new RetryOptions { MaxAttempts = 1, AttemptTimeout = CheckTimeout },
    };

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        return timeout;
    }

    /// <summary>Network failures, timeouts and server errors; not the caller's own cancellation.</summary>
    private static bool Unreachable(Exception ex, CancellationTokenSource timeout, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (ex is HttpRequestException or RequestOutcomeUnknownException or TimeoutException or SpaceTradersApiException
            || (ex is OperationCanceledException && timeout.IsCancellationRequested));

    private static string Reason(Exception ex)
    {
        if (ex is OperationCanceledException or TimeoutException)
        {
            return $"no answer within {CheckTimeout.TotalSeconds:0} s.";
        }

        var root = ex;
        while (root.InnerException is { } inner && root is not SpaceTradersApiException)
        {
            root = inner;
        }

        return root.Message.ReplaceLineEndings(" ").TrimEnd('.') + ".";
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _transport?.Dispose();
        _ownedClock?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Registers an agent (as an actor of the clock, so that it works in virtual time) and returns its token. A refusal
    /// of what was asked (the symbol taken, a faction the server does not know, the account token refused) is a wrong
    /// setting, said as such: the server was reached.
    /// </summary>
    private static async Task<string> RegisterAsync(SpaceTradersClientOptions template, string symbol, string faction, CancellationToken cancellationToken)
    {
        string? token = null;
        try
        {
            await template.TimeProvider.RunActorAsync("register " + symbol, async ct =>
            {
                var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(template, symbol, new FactionSymbol(faction), ct).ConfigureAwait(false);
                client.Dispose();
                token = registration.Token;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException ex) when ((int)ex.StatusCode is >= 400 and < 500 && ex.StatusCode != HttpStatusCode.TooManyRequests)
        {
            var code = ex.ErrorCode is { } c ? ", error " + c.ToString(CultureInfo.InvariantCulture) : string.Empty;
            var why = (ex.ErrorMessage ?? ex.StatusCode.ToString()).TrimEnd('.');
            throw new SettingException(ex switch
            {
                { ErrorCode: ErrorCodes.RegisterAgentConflictSymbol } => $"The server already has an agent {symbol} ({(int)ex.StatusCode}{code}): give another symbol with --agent.",
                { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => $"The server refused to register {symbol} ({(int)ex.StatusCode}{code}: {why}): registering needs the account token from the SpaceTraders dashboard in SPACETRADERS_ACCOUNT_TOKEN.",
                _ => $"The server refused to register {symbol} in {faction} ({(int)ex.StatusCode}{code}): {why}. Check --agent and --faction.",
            });
        }

        return token!;
    }

    /// <summary>
    /// The recorder of <c>--record</c> around the transport (the simulator's, or the pooled sockets one for HTTP), with the
    /// agent and account tokens as secrets to blank out (registrations' new tokens are blanked out by the recorder itself).
    /// It writes aside until committed once the start went through (<see cref="TrafficRecorderOptions.ReplaceOnCommit"/>).
    /// </summary>
    private static TrafficRecorder? CreateRecorder(RunnerOptions options, TimeProvider clock, HttpMessageHandler? inner)
    {
        if (options.RecordPath is not { } path)
        {
            return null;
        }

        var recording = new TrafficRecorderOptions { Path = path, TimeProvider = clock, ReplaceOnCommit = true };
        foreach (var secret in new[] { options.Token, options.AccountToken })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                recording.Secrets.Add(secret);
            }
        }

        return new TrafficRecorder(recording, inner);
    }

    private static SpaceTradersClientOptions WithToken(SpaceTradersClientOptions template, string token) => Copy(template, token, template.Transport);

    private static SpaceTradersClientOptions WithTransport(SpaceTradersClientOptions template, HttpMessageHandler? transport) => Copy(template, template.Token, transport);

    private static SpaceTradersClientOptions Copy(SpaceTradersClientOptions template, string? token, HttpMessageHandler? transport) => new()
    {
        Token = token,
        AccountToken = template.AccountToken,
        BaseAddress = template.BaseAddress,
        TimeProvider = template.TimeProvider,
        Transport = transport,
        Throttling = template.Throttling,
        Retry = template.Retry.Clone(),
    };
}
