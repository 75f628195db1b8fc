using System.Collections;
using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.Simulator;
using Spectre.Console;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>What the runner runs in: its arguments, environment, folders and console. Tests give their own.</summary>
/// <param name="Args">The command-line arguments.</param>
/// <param name="Variables">The environment variables.</param>
/// <param name="BaseDirectory">The runner's folder (its default <c>appsettings.json</c> and <c>plugins/</c>).</param>
/// <param name="CurrentDirectory">The current folder (the user's <c>appsettings.json</c>; relative paths).</param>
/// <param name="Out">Standard output: the start, the status lines and the summary.</param>
/// <param name="Error">Standard error: wrong settings, failures and logs.</param>
internal sealed record RunnerEnvironment(IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Variables, string BaseDirectory, string CurrentDirectory, TextWriter Out, TextWriter Error)
{
    /// <summary>Gets a value indicating whether Ctrl+C, SIGTERM and SIGQUIT stop the run (the process), or only the token does (embedded).</summary>
    public bool HandleSignals { get; init; }

    /// <summary>Gets the view to use instead of the one the settings ask for (tests).</summary>
    public Func<RunnerOptions, RunView>? ViewOverride { get; init; }

    /// <summary>
    /// Gets a change made to the built-in simulator's options before it starts (tests: a server that omits fields, say);
    /// nothing is changed when <see langword="null"/>. The default value is <see langword="null"/>.
    /// </summary>
    public Action<SimulationOptions>? ConfigureSimulation { get; init; }

    /// <summary>
    /// Gets the real clock that bounds the run's stop and the reads after it (tests give a fake one);
    /// <see cref="TimeProvider.System"/> when <see langword="null"/>. The default value is <see langword="null"/>.
    /// </summary>
    public TimeProvider? WallClock { get; init; }

    /// <summary>Gets the environment of this process.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The environment.</returns>
    public static RunnerEnvironment OfProcess(string[] args)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                variables[key] = value;
            }
        }

        return new RunnerEnvironment(args, variables, AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Console.Out, Console.Error) { HandleSignals = true };
    }
}

/// <summary>
/// The runner's entry point: parses the command line (System.CommandLine), layers the settings (file, environment,
/// command line), checks every input before anything runs, then runs the fleet as a hosted service of the .NET Generic
/// Host (logging providers, graceful stop on Ctrl+C and SIGTERM).
/// </summary>
internal static class RunnerProgram
{
    /// <summary>The exit code for a setting that is wrong.</summary>
    public const int BadArguments = BotRun.BadInput;

    private static readonly TimeSpan StatusLineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs the bot runner.</summary>
    /// <param name="environment">Arguments, environment variables, folders and console.</param>
    /// <param name="cancellationToken">Stops the run as Ctrl+C would.</param>
    /// <returns>0 after a run (or help), 1 when it could not start or failed, 2 for a wrong setting.</returns>
    public static async Task<int> RunAsync(RunnerEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var commandLine = RunnerCommandLine.Parse(environment.Args);
        if (commandLine.Action is not null)
        {
            return await commandLine.ParseResult.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error }, cancellationToken).ConfigureAwait(false);
        }

        if (commandLine.Error is { } error)
        {
            await environment.Error.WriteLineAsync(error.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            return BadArguments;
        }

        RunnerConfiguration configuration;
        RunnerOptions options;
        RunPlan? plan = null;
        try
        {
            configuration = RunnerConfiguration.Build(commandLine, environment.Variables, environment.BaseDirectory, environment.CurrentDirectory);
            options = configuration.Bind();
            if (options.DashboardOnly)
            {
                Preflight.CheckDashboard(options);
            }
            else
            {
                plan = await Preflight.CheckAsync(options, configuration.Name, cancellationToken).ConfigureAwait(false) with { ConfigureSimulation = environment.ConfigureSimulation, WallClock = environment.WallClock };
            }
        }
        catch (SettingException ex)
        {
            await environment.Error.WriteLineAsync(ex.Message.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            return BadArguments;
        }

        var host = BuildHost(options, plan, configuration, environment);
        var exit = host.Services.GetRequiredService<RunnerExit>();
        await host.RunAsync(cancellationToken).ConfigureAwait(false); // disposes the host
        return exit.Code;
    }

    /// <summary>
    /// Builds the Generic Host: the layered configuration, logging (the runner's one-line console format on standard
    /// error unless the live view owns the console; behaviour failures always collected for the Problems panel), the
    /// lifetime, and the run as a <see cref="RunnerService"/> (which serves the dashboard beside the fleet), or with
    /// <c>--dashboard-only</c> the dashboard over the database's history as a <see cref="HistoryService"/>.
    /// </summary>
    private static IHost BuildHost(RunnerOptions options, RunPlan? plan, RunnerConfiguration configuration, RunnerEnvironment environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "SpaceTraders.BotRunner",
            ContentRootPath = environment.CurrentDirectory,
            EnvironmentName = environment.Variables.GetValueOrDefault("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        builder.Configuration.AddConfiguration(configuration.Root);
        builder.Services.Configure<HostOptions>(host =>
        {
            // Shutdown cancels behaviours, closes sessions, flushes the store (up to 30 s) and writes the report.
            host.ShutdownTimeout = TimeSpan.FromMinutes(2);
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        if (environment.HandleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime>(services => new RunnerLifetime(services.GetRequiredService<IHostApplicationLifetime>(), TimeProvider.System));
        }
        else
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }

        var view = options.DashboardOnly ? new QuietView() : environment.ViewOverride?.Invoke(options) ?? CreateView(options, environment.Out);
        var feed = new RunFeed();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(feed.Failures);
        if (view is not LiveView)
        {
            // Logs would tear the live view; the other views send them to standard error, one line each.
            builder.Logging.AddConsole(console =>
            {
                console.FormatterName = RunnerLogFormatter.FormatterName;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            });
            builder.Logging.AddConsoleFormatter<RunnerLogFormatter, RunnerLogFormatterOptions>(format => format.IncludeExceptions = options.Verbose);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(feed);
        builder.Services.AddSingleton(view);
        builder.Services.AddSingleton(new RunnerConsole(environment.Out, environment.Error));
        builder.Services.AddSingleton<RunnerExit>();
        if (plan is null)
        {
            builder.Services.AddHostedService<HistoryService>();
        }
        else
        {
            builder.Services.AddSingleton(plan);
            builder.Services.AddHostedService<RunnerService>();
        }

        return builder.Build();
    }

    private static RunView CreateView(RunnerOptions options, TextWriter output)
    {
        var live = options.View == ViewKind.Auto && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return options.View switch
        {
            ViewKind.Quiet => new QuietView(),
            _ when live => new LiveView(AnsiConsole.Console),
            _ => new StatusLinesView(output, StatusLineInterval),
        };
    }
}

/// <summary>The runner's standard output and error.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record RunnerConsole(TextWriter Out, TextWriter Error);

/// <summary>The exit code the run ended with, read after the host stops.</summary>
internal sealed class RunnerExit
{
    private int _code = BotRun.Failed;

    /// <summary>Gets or sets the exit code. The default value is 1 (the run never ended by itself).</summary>
    public int Code
    {
        get => Volatile.Read(ref _code);
        set => Volatile.Write(ref _code, value);
    }
}

/// <summary>The run as a hosted service: plays until its duration passes or the host stops (Ctrl+C), reports, then stops the host.</summary>
/// <param name="plan">The checked settings.</param>
/// <param name="feed">Where the run is published.</param>
/// <param name="view">What shows the run.</param>
/// <param name="console">Where the runner writes.</param>
/// <param name="exit">Where the exit code goes.</param>
/// <param name="loggers">The host's logging.</param>
/// <param name="application">Stopped when the run ends.</param>
internal sealed class RunnerService(RunPlan plan, RunFeed feed, RunView view, RunnerConsole console, RunnerExit exit, ILoggerFactory loggers, IHostApplicationLifetime application) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await new BotRun(plan, console.Out, view, loggers, feed, console.Error).RunAsync(stoppingToken).ConfigureAwait(false);
            exit.Code = outcome.ExitCode;
        }
#pragma warning disable CA1031 // Whatever escapes the run is reported in one line and ends the process with 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await console.Error.WriteLineAsync($"The runner failed: {ex.Message}".AsMemory(), CancellationToken.None).ConfigureAwait(false);
            exit.Code = BotRun.Failed;
        }
        finally
        {
            application.StopApplication();
        }
    }
}
