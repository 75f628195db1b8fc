using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Display;
using Spectre.Console;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>The runner's entry point: reads the command line, wires Ctrl+C and SIGTERM to a graceful stop, picks the view, runs.</summary>
internal static class RunnerProgram
{
    /// <summary>The exit code for arguments that are wrong.</summary>
    public const int BadArguments = 2;

    private static readonly TimeSpan StatusLineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs the bot runner.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">Reads environment variables.</param>
    /// <param name="cancellationToken">Stops the run as Ctrl+C would.</param>
    /// <returns>0 after a run, 1 when it could not start or failed, 2 for wrong arguments.</returns>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var parsed = RunnerCommandLine.Parse(args, environment);
        if (parsed.ShowHelp)
        {
            await Console.Out.WriteLineAsync(RunnerCommandLine.Help.AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (parsed.Options is not { } options)
        {
            await Console.Error.WriteLineAsync(parsed.Error.AsMemory(), cancellationToken).ConfigureAwait(false);
            return BadArguments;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));

        var live = options.View == ViewKind.Auto && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        RunView view = options.View switch
        {
            ViewKind.Quiet => new QuietView(),
            _ when live => new LiveView(AnsiConsole.Console),
            _ => new StatusLinesView(Console.Out, StatusLineInterval),
        };

        // Logs would tear the live view; the other views send them to standard error.
        var level = options.Verbose ? LogLevel.Information : LogLevel.Warning;
        using var loggers = live ? null : LoggerFactory.Create(builder => builder
            .AddProvider(new LineLoggerProvider(Console.Error, level, stackTraces: options.Verbose))
            .SetMinimumLevel(level));
        var outcome = await new BotRun(options, Console.Out, view, loggers).RunAsync(stop.Token).ConfigureAwait(false);
        return outcome.ExitCode;
    }

    /// <summary>The first signal stops the run gracefully; a second one ends the process at once.</summary>
    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
