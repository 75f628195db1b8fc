using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SpaceTraders.Benchmarks.Cpr;
using SpaceTraders.Benchmarks.Dashboard;
using SpaceTraders.Benchmarks.Faults;
using SpaceTraders.Benchmarks.MarketScout;
using SpaceTraders.Benchmarks.Simulator;
using SpaceTraders.Benchmarks.Stores;
using SpaceTraders.Benchmarks.ThrottlingComparison;

namespace SpaceTraders.Benchmarks.CommandLine;

/// <summary>
/// The benchmark program's named commands (virtual-time workloads that report game figures, beside BenchmarkDotNet's
/// switcher), parsed by System.CommandLine: each a <see cref="BenchmarkCommand"/> with typed, checked options.
/// </summary>
internal static class BenchmarkCli
{
    /// <summary>How the results files and the commands' output show the command that produced them.</summary>
    public const string Prefix = "dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks --";

    /// <summary>The exit code of a command line the program refuses.</summary>
    public const int BadCommandLine = 2;

    /// <summary>Creates the root command with every benchmark command.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand Create()
    {
        var root = new RootCommand(
            $"""
            SpaceTraders benchmarks. Each command below runs a virtual-time workload and reports its figures:
              {Prefix} <command> [options]
            and '<command> --help' says what it measures and what each option means. Arguments that start with '-'
            go to BenchmarkDotNet's switcher instead: --filter '*Name*' runs the suites whose names match, --list flat
            lists them.
            """);
        BenchmarkCommand[] commands =
        [
            CprCommand.Create(), DashboardCostCommand.Create(), FaultsCommand.Create(), MarketScoutCommand.Create(),
            SimulatorDayCommand.Create(), SimulatorRequestRateCommand.Create(), StoreWritesCommand.Create(), ThrottlingCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        // --version would go to BenchmarkDotNet's switcher (it starts with '-'): the program's help does not offer it.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new DetailedHelpAction((HelpAction)help.Action!);
        return root;
    }

    /// <summary>Lists the command names, sorted.</summary>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Names() => [.. Create().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>Tells whether the program's arguments are for a named command (or the program's help), not for BenchmarkDotNet's switcher.</summary>
    /// <param name="args">The program's arguments.</param>
    /// <returns><see langword="true"/> when they start with a word (a command's name) or ask for help.</returns>
    public static bool Takes(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?");
    }

    /// <summary>Parses a command line (command names in any case) without running it.</summary>
    /// <param name="args">The program's arguments: a command's name, then its options.</param>
    /// <returns>The parse.</returns>
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Create();
        string[] normalized = [.. args];
        if (normalized.Length > 0 && root.Subcommands.FirstOrDefault(c => string.Equals(c.Name, normalized[0], StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            normalized[0] = named.Name;
        }

        // No response files (@file): the arguments are taken as given, as the results files show them.
        return root.Parse(normalized, new ParserConfiguration { ResponseFileTokenReplacer = null });
    }

    /// <summary>Checks a command line as the program does before running it.</summary>
    /// <param name="args">The program's arguments: a command's name, then its options.</param>
    /// <returns><see langword="null"/> when the program takes it; otherwise why not, in one line.</returns>
    public static string? Check(IReadOnlyList<string> args) => Refusal(Parse(args));

    /// <summary>Runs a command line: prints the help it asks for, refuses a wrong one (exit code 2, nothing run), or runs the command.</summary>
    /// <param name="args">The program's arguments: a command's name, then its options.</param>
    /// <param name="output">Where the help goes.</param>
    /// <param name="error">Where a refusal goes.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        var result = Parse(args);
        if (Refusal(result) is { } refusal)
        {
            await error.WriteLineAsync(refusal.AsMemory(), cancellationToken).ConfigureAwait(false);
            return BadCommandLine;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the command line a run shows in its output and results file: the program's, then the arguments as given.</summary>
    /// <param name="result">The command's parse.</param>
    /// <returns>The command line.</returns>
    public static string CommandLine(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var rest = result.Tokens.SkipWhile(t => t.Value != command.Name).Skip(1).Select(t => t.Value).ToList();
        return $"{Prefix} {command.Name}" + (rest.Count > 0 ? " " + string.Join(' ', rest) : string.Empty);
    }

    private static string? Refusal(ParseResult result)
    {
        if (result.Errors.Count == 0)
        {
            return null;
        }

        var root = (RootCommand)result.RootCommandResult.Command;
        if (result.CommandResult.Command == root && result.Tokens.FirstOrDefault() is { } first && !first.Value.StartsWith('-'))
        {
            return $"'{first.Value}' is not a command: one of {string.Join(", ", root.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal))}.";
        }

        var name = result.CommandResult.Command.Name;
        return string.Join(" ", result.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))
            + (result.CommandResult.Command == root ? " Run with --help for the commands." : $" Run '{name} --help' for its options.");
    }

    /// <summary>System.CommandLine's help, then a command's own account of what it measures (<see cref="BenchmarkCommand.Details"/>).</summary>
    private sealed class DetailedHelpAction(HelpAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exit = help.Invoke(parseResult);
            if (parseResult.CommandResult.Command is BenchmarkCommand { Details: { Length: > 0 } details })
            {
                parseResult.InvocationConfiguration.Output.WriteLine(details.TrimEnd());
                parseResult.InvocationConfiguration.Output.WriteLine();
            }

            return exit;
        }
    }
}

/// <summary>
/// One benchmark command: a one-line summary (the program's help lists it), what it measures in full (its own help),
/// its options and the run.
/// </summary>
internal sealed class BenchmarkCommand : Command
{
    /// <summary>Initializes a new instance of the <see cref="BenchmarkCommand"/> class.</summary>
    /// <param name="name">The command's name.</param>
    /// <param name="summary">What it measures, in one line.</param>
    /// <param name="details">What it measures and how, for its help (after the options).</param>
    public BenchmarkCommand(string name, string summary, string details)
        : base(name, summary)
    {
        Details = details;
    }

    /// <summary>Gets what it measures and how, for its help.</summary>
    public string Details { get; }

    /// <summary>The exit code of a run stopped by Ctrl+C (or SIGTERM): 128 + SIGINT, as a shell reports it.</summary>
    public const int Stopped = 130;

    /// <summary>
    /// Sets what the command runs. Ctrl+C (or SIGTERM) ends it at once with <see cref="Stopped"/> and a line on standard
    /// error, whether or not the run itself watches the token: the workloads run on a virtual clock that does not, and
    /// System.CommandLine would otherwise wait two seconds and end the process without a word. The results a run writes at
    /// its end are then not written (<c>cpr --resume</c> keeps the cases that had finished).
    /// </summary>
    /// <param name="run">The run: the command's parse and the token that Ctrl+C cancels; gives the exit code.</param>
    public void Runs(Func<ParseResult, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        SetAction(async (result, cancellationToken) =>
        {
            var stopped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = cancellationToken.Register(() => stopped.TrySetResult(Stopped)).ConfigureAwait(false);
            var running = run(result, cancellationToken);
            var first = await Task.WhenAny(running, stopped.Task).ConfigureAwait(false);
            if (first == running)
            {
                return await running.ConfigureAwait(false);
            }

            await result.InvocationConfiguration.Error.WriteLineAsync($"{Name}: stopped before it finished.").ConfigureAwait(false);
            return Stopped;
        });
    }

    /// <summary>Adds options to the command.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The command.</returns>
    public BenchmarkCommand With(params Option[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var option in options)
        {
            Options.Add(option);
        }

        return this;
    }
}
