using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.CommandLine;

/// <summary>What the command line asks for: the settings it gives, or nothing more to do (help, completions), or an error.</summary>
/// <param name="Settings">The settings given on the command line, as configuration keys and values (<c>Runner:Seed</c>).</param>
/// <param name="SettingsFile">The settings file given with <c>--settings</c>, if any.</param>
/// <param name="Action">What System.CommandLine does instead of a run (help, completions), if anything.</param>
/// <param name="ParseResult">The parse, to invoke <paramref name="Action"/> with.</param>
/// <param name="Error">Why the arguments are wrong, in one line. Never holds a token or a connection string.</param>
internal sealed record CommandLineResult(
    IReadOnlyDictionary<string, string?> Settings,
    string? SettingsFile,
    CommandLineAction? Action,
    ParseResult ParseResult,
    string? Error);

/// <summary>
/// The runner's command line, parsed by System.CommandLine: one option per <see cref="RunnerSettings"/> entry (plus
/// <c>--plain</c>, <c>--quiet</c> and <c>--settings</c>), help grouped as the settings are, <c>[suggest]</c> completions.
/// The values become configuration keys under <c>Runner</c>, the top layer over the environment and
/// <c>appsettings.json</c>; they are checked there, with the other layers.
/// </summary>
internal static class RunnerCommandLine
{
    /// <summary>The factions a new agent can start in, for completions.</summary>
    private static readonly string[] Factions = ["COSMIC", "VOID", "GALACTIC", "QUANTUM", "DOMINION", "ASTRO", "CORSAIRS", "OBSIDIAN", "AEGIS", "UNITED"];

    private static readonly string[] GroupTitles =
    [
        "Where to play (default: the built-in simulator; SPACETRADERS_TOKEN set: the live server)",
        "Built-in simulator",
        "Strategy",
        "Agent (when registering one)",
        "Records and figures",
        "Display",
        "Dashboard (a web view of the run: http://127.0.0.1:5080 unless told otherwise)",
    ];

    /// <summary>The text after the options in the help.</summary>
    private const string Epilog = """
        Settings
          Every option can also be set in the environment (SPACETRADERS_ and the option's name in capitals with
          underscores: SPACETRADERS_SEED, SPACETRADERS_TIME_SCALE, SPACETRADERS_POSTGRES, SPACETRADERS_DASHBOARD,
          SPACETRADERS_TOKEN, and SPACETRADERS_ACCOUNT_TOKEN for registering over HTTP) or in the "Runner" section of
          appsettings.json (in the current folder, or the file given with --settings: "Runner": { "Seed": 7,
          "Plugins": [ "dir" ], "Params": { "scouts": 3 }, "View": "plain" }). The command line wins over the
          environment, which wins over the file. Other sections of the file (Logging) and SPACETRADERS_Section__Key
          variables configure logging as in any .NET host.

        Dashboard
          The runner prints the dashboard's address at start ("Dashboard: http://127.0.0.1:5080"): open it in a
          browser for the overview, the ships, each ship's sessions, the behaviours, the markets and the system map,
          updated every second. Prometheus scrapes /metrics there; OTEL_EXPORTER_OTLP_ENDPOINT=http://host:4317
          also exports the metrics by OTLP (with --no-dashboard too). /healthz answers a supervisor: 200 when the
          fleet is healthy or degraded, 503 when not, with JSON saying why. An address in use stops the runner
          before the run with exit code 2: give another port, or port 0 for any free one.

        Durations read hh:mm:ss with any number of hours (24:00:00 is one day), d.hh:mm:ss, or a number with s, m,
        h or d. Every setting is checked before anything runs; exit codes: 0 after a run (to its duration or Ctrl+C),
        1 when the run could not start (database or server unreachable) or failed, 2 for a wrong setting (the
        dashboard's address in use included), 3 when the server reset (the weekly reset, or --reset-every) and no
        account token was set to register the agent again (SPACETRADERS_ACCOUNT_TOKEN; with it the runner registers
        the same agent and plays on).
        Ctrl+C or SIGTERM stops gracefully: behaviours are cancelled, sessions closed, records flushed, and the
        report written; a second Ctrl+C, a second or more later, ends at once.
        """;

    /// <summary>Creates the root command with every option (no action: the host runs the fleet).</summary>
    /// <returns>The command.</returns>
    public static RootCommand CreateCommand()
    {
        var root = new RootCommand("SpaceTraders bot runner: runs a fleet from strategy plugins and shows what every ship does. Without arguments it starts the simulator in this process (20 game seconds per real second), registers an agent, loads the plugins next to the runner, runs the best week's conductor that loads, shows a live view, and serves a dashboard to watch it in a browser (http://127.0.0.1:5080).");
        foreach (var setting in RunnerSettings.All.Where(s => s.Option is not null))
        {
            root.Options.Add(CreateOption(setting));
        }

        root.Options.Add(new Option<bool>(PlainOption) { Description = "status lines every few seconds instead of the live view (Runner:View = plain)" });
        root.Options.Add(new Option<bool>(QuietOption) { Description = "only the start and the summary, for CI (Runner:View = quiet)" });
        root.Options.Add(new Option<string>(SettingsOption) { Description = "read settings from this JSON file instead of appsettings.json in the current folder", HelpName = "file.json" });

        root.Options.OfType<HelpOption>().Single().Action = new HelpTextAction();

        return root;
    }

    /// <summary>The option that asks for status lines.</summary>
    public const string PlainOption = "--plain";

    /// <summary>The option that asks for the start and the summary only.</summary>
    public const string QuietOption = "--quiet";

    /// <summary>The option that names the settings file.</summary>
    public const string SettingsOption = "--settings";

    /// <summary>Parses the arguments into configuration keys.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The settings, an action to run instead (help, completions), or an error.</returns>
    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateCommand();
        var result = root.Parse(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (result.Action is { } action and not ParseErrorAction)
        {
            return new CommandLineResult(settings, null, action, result, null);
        }

        if (result.Errors.Count > 0)
        {
            return Fail(result, args, FirstError(result, args));
        }

        var names = root.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var setting in RunnerSettings.All.Where(s => s.Option is not null))
        {
            var option = root.Options.Single(o => o.Name == setting.Option);
            if (result.GetResult(option) is not { Implicit: false } given)
            {
                continue;
            }

            if (setting.Shape != SettingShape.Flag && given.Tokens.Any(t => names.Contains(t.Value)))
            {
                return Fail(result, args, $"{setting.Option} needs a value. Run with --help for the options.");
            }

            switch (setting.Shape)
            {
                case SettingShape.Flag:
                    settings[setting.Path] = "true";
                    break;
                case SettingShape.List:
                    var values = result.GetValue((Option<string[]>)option) ?? [];
                    for (var i = 0; i < values.Length; i++)
                    {
                        settings[$"{setting.Path}:{i}"] = values[i];
                    }

                    break;
                case SettingShape.Map:
                    foreach (var text in result.GetValue((Option<string[]>)option) ?? [])
                    {
                        StrategyParameters parsed;
                        try
                        {
                            parsed = StrategyParameters.Parse(text);
                        }
                        catch (FormatException)
                        {
                            return Fail(result, args, $"{setting.Option} takes name=value (several as a=1;b=2), not '{text}'.");
                        }

                        foreach (var (name, value) in parsed)
                        {
                            settings[$"{setting.Path}:{name}"] = value;
                        }
                    }

                    break;
                default:
                    settings[setting.Path] = result.GetValue((Option<string>)option);
                    break;
            }
        }

        var plain = result.GetValue<bool>(PlainOption);
        var quiet = result.GetValue<bool>(QuietOption);
        if (plain && quiet)
        {
            return Fail(result, args, "Choose one of --plain and --quiet.");
        }

        if (plain || quiet)
        {
            settings[RunnerSettings.View.Path] = plain ? "plain" : "quiet";
        }

        var file = result.GetValue<string>(SettingsOption);
        if (file is { Length: 0 })
        {
            return Fail(result, args, "--settings needs a file.");
        }

        return new CommandLineResult(settings, file, null, result, null);
    }

    /// <summary>Gets the option of a setting as the user writes it, for messages.</summary>
    /// <param name="setting">The setting.</param>
    /// <returns>The option, for example <c>--seed</c>.</returns>
    public static string OptionOf(RunnerSetting setting) =>
        setting == RunnerSettings.View ? "--plain/--quiet" : setting.Option ?? setting.EnvironmentVariable;

    private static Option CreateOption(RunnerSetting setting)
    {
        Option option = setting.Shape switch
        {
            SettingShape.Flag => new Option<bool>(setting.Option!),
            SettingShape.List or SettingShape.Map => new Option<string[]>(setting.Option!) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false },
            _ => new Option<string>(setting.Option!) { Arity = ArgumentArity.ExactlyOne },
        };
        option.Description = setting.Description;
        if (setting.HelpName.Length > 0)
        {
            option.HelpName = setting.HelpName;
        }

        if (setting == RunnerSettings.Faction)
        {
            option.CompletionSources.Add(Factions);
        }

        return option;
    }

    /// <summary>The help: the description, the options in their groups (from <see cref="RunnerSettings"/>), then how settings, durations and exit codes work.</summary>
    /// <param name="root">The command.</param>
    /// <returns>The text.</returns>
    public static string HelpText(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        const int Indent = 2;
        const int NameWidth = 29;
        const int Width = 118;
        var text = new System.Text.StringBuilder();
        foreach (var line in Wrap(root.Description ?? string.Empty, Width))
        {
            text.AppendLine(line);
        }

        text.AppendLine();
        text.AppendLine("Usage: dotnet run --project samples/SpaceTraders.BotRunner -- [options]");
        var rows = new List<(string? Group, string Name, string Description)>();
        for (var group = 0; group < GroupTitles.Length; group++)
        {
            rows.Add((GroupTitles[group], string.Empty, string.Empty));
            if ((SettingGroup)group == SettingGroup.Display)
            {
                rows.Add((null, PlainOption, root.Options.Single(o => o.Name == PlainOption).Description!));
                rows.Add((null, QuietOption, root.Options.Single(o => o.Name == QuietOption).Description!));
            }

            foreach (var setting in RunnerSettings.All.Where(s => (int)s.Group == group && s.Option is not null))
            {
                rows.Add((null, setting.Option + (setting.HelpName.Length > 0 && setting.Shape != SettingShape.Flag ? $" <{setting.HelpName}>" : string.Empty), setting.Description));
            }
        }

        rows.Add(("Other", string.Empty, string.Empty));
        rows.Add((null, SettingsOption + " <file.json>", root.Options.Single(o => o.Name == SettingsOption).Description!));
        rows.Add((null, "-h, --help", "this text"));
        rows.Add((null, "--version", "the runner's version"));
        rows.Add((null, "[suggest:<n>] <words>", "completions for a shell (System.CommandLine's dotnet-suggest)"));

        foreach (var (group, name, description) in rows)
        {
            if (group is not null)
            {
                text.AppendLine().AppendLine(group);
                continue;
            }

            var lines = Wrap(description, Width - Indent - NameWidth);
            text.Append(' ', Indent).Append(name.PadRight(NameWidth - 1)).Append(' ').AppendLine(lines[0]);
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', Indent + NameWidth).AppendLine(line);
            }
        }

        text.AppendLine().Append(Epilog);
        return text.ToString();
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>Writes <see cref="HelpText"/> to the invocation's output.</summary>
    private sealed class HelpTextAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(HelpText((RootCommand)parseResult.RootCommandResult.Command));
            return 0;
        }
    }

    /// <summary>
    /// The first error, in one line. Unmatched words are named by position, not echoed (a token typed without
    /// <c>--token</c> must not be printed); unknown options are named without their value.
    /// </summary>
    private static string FirstError(ParseResult result, IReadOnlyList<string> args)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            var word = result.UnmatchedTokens[0];
            var position = args.ToList().IndexOf(word) + 1;
            if (position == 0 && args.FirstOrDefault(a => a.EndsWith("=" + word, StringComparison.Ordinal)) is { } joined)
            {
                // --flag=value: System.CommandLine splits it, and a switch takes no value.
                return $"{joined[..joined.IndexOf('=', StringComparison.Ordinal)]} takes no value. Run with --help for the options.";
            }

            if (word.StartsWith('-'))
            {
                var name = word.Split('=', 2)[0];
                return $"Unknown option '{name}'. Run with --help for the options.";
            }

            return $"Unexpected argument at position {position}: options start with '--'. Run with --help for the options.";
        }

        return result.Errors[0].Message.ReplaceLineEndings(" ") + " Run with --help for the options.";
    }

    private static CommandLineResult Fail(ParseResult result, IReadOnlyList<string> args, string message) =>
        new(new Dictionary<string, string?>(), null, null, result, Redact(message, args));

    /// <summary>Blanks out the values of secret options, in case a message quotes one.</summary>
    private static string Redact(string message, IReadOnlyList<string> args)
    {
        var secrets = RunnerSettings.All.Where(s => s.Secret && s.Option is not null).Select(s => s.Option!).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], i + 1 < args.Count ? args[i + 1] : null);
            if (secrets.Contains(name) && value is { Length: > 0 })
            {
                message = message.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
