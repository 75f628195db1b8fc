using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>What the simulator's command line asks for: where to listen and the simulation to serve.</summary>
/// <param name="Url">The URL to bind.</param>
/// <param name="TimeScale">Game seconds per real second.</param>
/// <param name="Luck">The luck option as given (<c>shared</c> or <c>per-ship</c>).</param>
/// <param name="Options">The simulation's options.</param>
internal sealed record SimulatorStart(string Url, double TimeScale, string Luck, SimulationOptions Options)
{
    /// <summary>Gets the line the program prints once it listens (tests and scripts wait for its start, <c>Simulator listening on </c>).</summary>
    /// <param name="baseAddress">The API's base address.</param>
    /// <returns>The line; never the account token.</returns>
    public string ListeningLine(Uri baseAddress)
    {
        var line = $"Simulator listening on {baseAddress} (seed {Options.Seed}, time scale {TimeScale.ToString(CultureInfo.InvariantCulture)}, "
            + $"rate limit {(Options.RateLimits.Enabled ? "on" : "off")}, faults {Options.FaultProfile}, luck {Luck}";
        if (Options.ResetEvery is { } every)
        {
            line += ", resets every " + DurationText.Format(every);
        }

        if (Options.AccountToken is not null)
        {
            line += ", registration needs the account token";
        }

        if (Options.OmitFields.Count > 0)
        {
            line += ", omitting " + string.Join(", ", Options.OmitFields);
        }

        return line + ")";
    }
}

/// <summary>The simulator's command line (System.CommandLine): options, help, and clear errors with exit code 2.</summary>
internal static class SimulatorCommandLine
{
    /// <summary>The exit code of a command line that is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Reads the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where the help goes.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="start">What to serve, when the arguments are good and no help was asked for.</param>
    /// <returns><see langword="null"/> to go on with <paramref name="start"/>; otherwise the exit code (0 after the help, <see cref="UsageError"/> after errors).</returns>
    public static int? Parse(string[] args, TextWriter output, TextWriter error, out SimulatorStart? start)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        start = null;

        var urls = new Option<string>("--urls") { Description = "where to listen; port 0 picks a free port", HelpName = "url", DefaultValueFactory = _ => "http://127.0.0.1:5800" };
        var seed = new Option<int>("--seed") { Description = "world seed", HelpName = "int", DefaultValueFactory = _ => 42 };
        var timeScale = new Option<double>("--time-scale") { Description = "game seconds per real second", HelpName = "x", DefaultValueFactory = _ => 1 };
        timeScale.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                r.AddError("--time-scale must be a positive number.");
            }
        });
        var rateLimit = new Option<string>("--rate-limit") { Description = "the server's rate limits", HelpName = "on|off", DefaultValueFactory = _ => "on" };
        rateLimit.AcceptOnlyFromAmong("on", "off");
        var faults = new Option<string>("--faults")
        {
            Description = "fault profile: " + string.Join(", ", FaultProfiles.Names) + " (rules: src/SpaceTraders.Simulator/Hosting/README.md)",
            HelpName = "profile",
            DefaultValueFactory = _ => FaultProfiles.None,
            CustomParser = ParseFaultProfile,
        };
        var accountToken = new Option<string?>("--account-token") { Description = "the account token POST /register requires as its bearer (default: registration is open)", HelpName = "token" };
        var luck = new Option<string>("--luck") { Description = "one random stream for the game, or one per ship so runs compared on the same seed differ only by what the clients did", HelpName = "shared|per-ship", DefaultValueFactory = _ => "shared" };
        luck.AcceptOnlyFromAmong("shared", "per-ship");
        var resetEvery = new Option<TimeSpan?>("--reset-every")
        {
            Description = "reset the server this often on the game clock (new galaxy, agents wiped, old tokens get 401 code 4113): 12h, 7d, 36:00:00 (default: never)",
            HelpName = "time",
            CustomParser = ParseDuration,
        };
        var omitField = new Option<string[]>("--omit-field")
        {
            Description = "leave this field out of every response, as Schema.property of the live spec (repeatable), for example ShipMount.description",
            HelpName = "Schema.property",
            Arity = ArgumentArity.OneOrMore,
        };
        omitField.Validators.Add(r =>
        {
            try
            {
                _ = FieldOmissions.Create(r.GetValueOrDefault<string[]>() ?? []);
            }
            catch (ArgumentException ex)
            {
                r.AddError(ex.Message.Split(" (Parameter", 2)[0]);
            }
        });

        var root = new RootCommand("SpaceTraders simulator: an offline SpaceTraders v2 server on loopback.")
        {
            urls, seed, timeScale, rateLimit, faults, accountToken, luck, resetEvery, omitField,
        };

        // No @file expansion: a value starting with '@' is a value.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Action is HelpAction)
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine("Run with --help for the options.");
            return UsageError;
        }

        var scale = result.GetValue(timeScale);
        var options = new SimulationOptions
        {
            Seed = result.GetValue(seed),
            Clock = scale == 1 ? TimeProvider.System : new ScaledClock(scale),
            FaultProfile = result.GetValue(faults)!,
            AccountToken = result.GetValue(accountToken),
            RandomStreams = result.GetValue(luck) == "per-ship" ? RandomStreams.PerShip : RandomStreams.Shared,
            ResetEvery = result.GetValue(resetEvery),
        };
        options.RateLimits.Enabled = result.GetValue(rateLimit) == "on";
        foreach (var field in result.GetValue(omitField) ?? [])
        {
            options.OmitFields.Add(field);
        }

        start = new SimulatorStart(result.GetValue(urls)!.Split(';')[0], scale, result.GetValue(luck)!, options);
        return null;
    }

    /// <summary>Reads a fault profile's name ignoring case (<c>Reorder</c>, <c>DROP-AFTER</c>), as the runner's <c>--faults</c> does.</summary>
    private static string ParseFaultProfile(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var profile = FaultProfiles.Find(text);
        if (profile is null)
        {
            result.AddError($"--faults takes one of {string.Join(", ", FaultProfiles.Names)}, not '{text}'.");
            return FaultProfiles.None;
        }

        return profile;
    }

    private static TimeSpan? ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        try
        {
            var duration = DurationText.Parse(text);
            if (duration <= TimeSpan.Zero)
            {
                result.AddError("--reset-every must be longer than zero.");
                return null;
            }

            return duration;
        }
        catch (FormatException ex)
        {
            result.AddError("--reset-every: " + ex.Message);
            return null;
        }
        catch (OverflowException)
        {
            result.AddError($"--reset-every: '{text}' is too long.");
            return null;
        }
    }
}
