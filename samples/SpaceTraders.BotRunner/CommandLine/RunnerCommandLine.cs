using System.Globalization;
using System.Text.RegularExpressions;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.CommandLine;

/// <summary>What the command line asks for: a run, the help text, or nothing because it is wrong.</summary>
/// <param name="Options">The run's settings, when the arguments are valid and no help was asked for.</param>
/// <param name="ShowHelp">Whether <c>--help</c> was given.</param>
/// <param name="Error">Why the arguments are wrong. Never holds a token or a connection string.</param>
internal sealed record CommandLineResult(RunnerOptions? Options, bool ShowHelp, string? Error);

/// <summary>
/// Reads the runner's arguments (<c>--name value</c> or <c>--name=value</c>) and the two environment variables
/// (<c>SPACETRADERS_TOKEN</c>, <c>SPACETRADERS_ACCOUNT_TOKEN</c>). Error messages name options, never their values,
/// so a token or a connection string typed in the wrong place is not echoed.
/// </summary>
internal static partial class RunnerCommandLine
{
    /// <summary>The environment variable holding an agent token: play the live server with it.</summary>
    public const string TokenVariable = "SPACETRADERS_TOKEN";

    /// <summary>The environment variable holding the account token used to register agents over HTTP.</summary>
    public const string AccountTokenVariable = "SPACETRADERS_ACCOUNT_TOKEN";

    /// <summary>The help text.</summary>
    public const string Help = """
        SpaceTraders bot runner: runs a fleet from strategy plugins and shows what every ship does.

        Without arguments it starts the simulator in this process (20 game seconds per real second), registers an
        agent, loads the plugins next to the runner, runs the best week's conductor that loads, and shows a live view.

        Where to play (default: the built-in simulator; SPACETRADERS_TOKEN set: the live server)
          --token <token>            play the live server as the agent this token belongs to (or set SPACETRADERS_TOKEN);
                                     the conductor continues from the agent's current state. Never printed.
          --simulator-url <url>      play a simulator over HTTP (for example http://127.0.0.1:5800, run at time scale 1);
                                     registers a new agent unless --token is given
          --simulator                play the built-in simulator even when SPACETRADERS_TOKEN is set

        Built-in simulator
          --seed <int>               world seed (default 42)
          --virtual-time             run in virtual time: as fast as possible, deterministic for a seed
          --time-scale <x>           in real time: game seconds per real second (default 20)
          --starting-credits <n>     credits a new agent starts with (default 175000, the live game's figure)

        Strategy
          --plugins <dir>            load plugins from this folder only (repeatable); default: plugins/ next to the runner
          --conductor <id>[@ver]     the conductor to run (default: week10, week07, week04, week02, market-scout:
                                     the first that loads, newest version)
          --param <name=value>       a conductor parameter (repeatable; several as a=1;b=2)

        Agent (when registering one)
          --agent <symbol>           agent symbol (default RUNNER in the built-in simulator, a random one over HTTP)
          --faction <symbol>         starting faction (default COSMIC)

        Records and figures
          --postgres <conn string>   keep everything in PostgreSQL (default: in memory). The password is never printed.
          --duration <time>          stop after this long: simulated time with --virtual-time (default 12:00:00),
                                     wall time otherwise (default: until Ctrl+C). 12:00:00, 1.00:00:00, 90m, 6h
          --report <file.json>       write a JSON summary at the end (also after Ctrl+C)
          --memory-limit <MB>        working set at which optional work (history roll-ups) is skipped (default: GC's)

        Display
          --plain                    status lines every few seconds instead of the live view
          --quiet                    only the start and the summary (for CI)
          --verbose                  with --plain or --quiet: also informational logs
          -h, --help                 this text

        Ctrl+C stops gracefully: behaviours are cancelled, sessions closed, records flushed, and the report written.
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "simulator", "virtual-time", "plain", "quiet", "verbose", "help",
    };

    private static readonly HashSet<string> Valued = new(StringComparer.Ordinal)
    {
        "token", "simulator-url", "postgres", "plugins", "conductor", "param", "seed", "time-scale", "duration", "report",
        "agent", "faction", "starting-credits", "memory-limit",
    };

    /// <summary>Options that only make sense for the built-in simulator; any of them picks it over SPACETRADERS_TOKEN.</summary>
    private static readonly string[] BuiltInOnly = ["simulator", "virtual-time", "seed", "time-scale", "starting-credits"];

    /// <summary>Reads the arguments.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    /// <returns>The options, a request for help, or an error.</returns>
    public static CommandLineResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?" or "/?")
            {
                arg = "--help";
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                return Fail($"Unexpected argument at position {i + 1}: options start with '--'. Run with --help for the options.");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (Flags.Contains(name))
            {
                if (value is not null)
                {
                    return Fail($"--{name} takes no value.");
                }

                value = string.Empty;
            }
            else if (Valued.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        return Fail($"--{name} needs a value.");
                    }

                    value = args[++i];
                }
            }
            else
            {
                return Fail($"Unknown option '--{name}'. Run with --help for the options.");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        if (values.ContainsKey("help"))
        {
            return new CommandLineResult(null, true, null);
        }

        try
        {
            return new CommandLineResult(Build(values, environment), false, null);
        }
        catch (FormatException ex)
        {
            return Fail(ex.Message);
        }
    }

    /// <summary>
    /// Reads a duration: <c>hh:mm:ss</c> (hours may exceed 23: <c>24:00:00</c> is a day, not what
    /// <see cref="TimeSpan.Parse(string)"/> makes of it, 24 days), <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>,
    /// <c>h</c> or <c>d</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is neither form.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = UnitDuration().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        var clock = HoursMinutesSeconds().Match(text.Trim());
        if (clock.Success)
        {
            return TimeSpan.FromHours(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture))
                + TimeSpan.FromMinutes(int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture))
                + TimeSpan.FromSeconds(double.Parse(clock.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        throw new FormatException($"'{text}' is not a duration: use hh:mm:ss, d.hh:mm:ss, or a number with s, m, h or d (90m, 12h).");
    }

    /// <summary>Normalises a simulator URL to its API base address, ending in <c>/v2/</c>.</summary>
    /// <param name="text">For example <c>http://127.0.0.1:5800</c> or <c>http://127.0.0.1:5800/v2</c>.</param>
    /// <returns>The base address.</returns>
    /// <exception cref="FormatException">The text is not an absolute http(s) URL.</exception>
    public static Uri ParseSimulatorUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("--simulator-url needs an absolute http:// or https:// URL, for example http://127.0.0.1:5800.");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (!path.EndsWith("/v2", StringComparison.Ordinal))
        {
            path += "/v2";
        }

        return new UriBuilder(uri) { Path = path + "/", Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    private static RunnerOptions Build(Dictionary<string, List<string>> values, Func<string, string?> environment)
    {
        string? Single(string name)
        {
            if (!values.TryGetValue(name, out var list))
            {
                return null;
            }

            if (list.Count > 1)
            {
                throw new FormatException($"--{name} is given more than once.");
            }

            return list[0];
        }

        string? NonEmpty(string name)
        {
            var value = Single(name);
            return value is null ? null : value.Trim().Length > 0 ? value.Trim() : throw new FormatException($"--{name} needs a value.");
        }

        bool Has(string name) => values.ContainsKey(name);

        var token = NonEmpty("token");
        var simulatorUrl = NonEmpty("simulator-url") is { } url ? ParseSimulatorUrl(url) : null;
        var builtInOption = BuiltInOnly.FirstOrDefault(Has);
        if (builtInOption is not null && (token is not null || simulatorUrl is not null))
        {
            throw new FormatException($"--{builtInOption} applies to the built-in simulator; it cannot be combined with {(simulatorUrl is not null ? "--simulator-url" : "--token")}.");
        }

        GameKind game;
        if (simulatorUrl is not null)
        {
            game = GameKind.SimulatorOverHttp;
        }
        else if (token is not null)
        {
            game = GameKind.LiveServer;
        }
        else if (builtInOption is null && environment(TokenVariable) is { Length: > 0 } fromEnvironment)
        {
            game = GameKind.LiveServer;
            token = fromEnvironment.Trim();
        }
        else
        {
            game = GameKind.BuiltInSimulator;
        }

        if (token is not null && (Has("agent") || Has("faction")))
        {
            throw new FormatException("--agent and --faction register a new agent; with a token the runner plays the token's own agent.");
        }

        var virtualTime = Has("virtual-time");
        if (virtualTime && Has("time-scale"))
        {
            throw new FormatException("--time-scale applies to real time; with --virtual-time the simulator runs as fast as it can.");
        }

        var timeScale = NonEmpty("time-scale") is { } scaleText ? ParsePositiveDouble("time-scale", scaleText) : RunnerOptions.DefaultTimeScale;
        var duration = NonEmpty("duration") is { } durationText ? ParseDuration(durationText) : (TimeSpan?)null;
        if (duration is { } d && d <= TimeSpan.Zero)
        {
            throw new FormatException("--duration must be longer than zero.");
        }

        var conductor = (StrategyRef?)null;
        if (NonEmpty("conductor") is { } conductorText)
        {
            conductor = StrategyRef.TryParse(conductorText, out var reference)
                ? reference
                : throw new FormatException($"--conductor takes id or id@version, not '{conductorText}'.");
        }

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var text in values.GetValueOrDefault("param") ?? [])
        {
            parameters.AddRange(StrategyParameters.Parse(text));
        }

        var postgres = values.ContainsKey("postgres") ? NonEmpty("postgres") : null;
        var agent = NonEmpty("agent");
        if (agent is not null && !AgentSymbol().IsMatch(agent))
        {
            throw new FormatException("--agent takes 3 to 14 letters, digits, '-' or '_'.");
        }

        var faction = NonEmpty("faction")?.ToUpperInvariant() ?? "COSMIC";
        if (!FactionText().IsMatch(faction))
        {
            throw new FormatException("--faction takes a faction symbol such as COSMIC.");
        }

        var views = (Has("plain") ? 1 : 0) + (Has("quiet") ? 1 : 0);
        if (views > 1)
        {
            throw new FormatException("Choose one of --plain and --quiet.");
        }

        return new RunnerOptions
        {
            Game = game,
            Token = token,
            AccountToken = environment(AccountTokenVariable) is { Length: > 0 } account ? account.Trim() : null,
            SimulatorUrl = simulatorUrl,
            PostgresConnectionString = postgres,
            PluginDirectories = [.. (values.GetValueOrDefault("plugins") ?? []).Select(p => p.Trim().Length > 0 ? p.Trim() : throw new FormatException("--plugins needs a folder."))],
            Conductor = conductor,
            ConductorParameters = parameters.Count == 0 ? StrategyParameters.Empty : new StrategyParameters(parameters),
            Seed = NonEmpty("seed") is { } seed ? ParseInt("seed", seed) : 42,
            VirtualTime = virtualTime,
            TimeScale = timeScale,
            Duration = duration,
            ReportPath = NonEmpty("report"),
            AgentSymbol = agent?.ToUpperInvariant(),
            Faction = faction,
            StartingCredits = NonEmpty("starting-credits") is { } credits ? ParseNonNegativeLong("starting-credits", credits) : null,
            MemoryLimitBytes = NonEmpty("memory-limit") is { } limit ? ParseNonNegativeLong("memory-limit", limit) * 1024 * 1024 : null,
            View = Has("quiet") ? ViewKind.Quiet : Has("plain") ? ViewKind.Lines : ViewKind.Auto,
            Verbose = Has("verbose"),
        };
    }

    private static int ParseInt(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--{name} takes a whole number, not '{text}'.");

    private static long ParseNonNegativeLong(string name, string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new FormatException($"--{name} takes a whole number of at least 0, not '{text}'.");

    private static double ParsePositiveDouble(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"--{name} takes a positive number, not '{text}'.");

    private static CommandLineResult Fail(string message) => new(null, false, message);

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)(?<unit>[smhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitDuration();

    [GeneratedRegex(@"^(?<h>\d{1,5}):(?<m>[0-5]?\d):(?<s>[0-5]?\d(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursMinutesSeconds();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{3,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgentSymbol();

    [GeneratedRegex(@"^[A-Z_]{2,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex FactionText();
}
