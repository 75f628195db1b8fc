using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Dashboard;

/// <summary>
/// <c>dashboard-cost</c>: what serving the dashboard costs the runner. The bot runner's executable (Release, as built
/// beside this program) plays the same 100-ship fleet in scaled real time, in turn without the dashboard
/// (<c>--no-dashboard</c>) and with it while a page watches it, and the table compares the runner process's CPU time
/// (user and system, every thread: the runtime, the simulator in process, the dashboard) from its <c>--report</c>.
/// </summary>
/// <remarks>
/// <para>
/// The fleet: the <c>market-scout</c> conductor with 20,000,000 starting credits buys probes until 99 scout (plus the
/// command ship: 100 ships, all bought within the first game half hour), and they re-read their markets back to back
/// (<c>minimumRevisit=0</c>), so the rate limit is saturated for the whole run: the busiest the runner gets, and the
/// fastest-changing figures for the dashboard to push. The same fleet as <c>runner-memory.sh</c>.
/// </para>
/// <para>
/// The page: headless Chromium (Debian's, driven by Playwright, as the browser tests do) on the overview page, open from
/// the moment the runner prints its address to the end of the run; or, with <c>--client sse</c>, a plain HTTP client that
/// keeps the overview's event stream (<c>/api/stream?path=overview</c>) open and reads every update. Runs alternate
/// A-B, B-A, ... so that a drift of the machine's load falls on both sides.
/// </para>
/// <para>Options: see <see cref="Create"/> (<c>dashboard-cost --help</c>).</para>
/// </remarks>
internal static class DashboardCostCommand
{
    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static BenchmarkCommand Create()
    {
        var rounds = BenchmarkOptions.Whole("--rounds", "pairs of runs, one without the dashboard and one with it", 3, minimum: 1);
        var minutes = BenchmarkOptions.Number("--minutes", "wall-clock minutes per run", 10, NumberRange.Positive);
        var timeScale = BenchmarkOptions.Number("--time-scale", "game seconds per real second", 20, NumberRange.Positive);
        var ships = BenchmarkOptions.Whole("--ships", "the fleet: the command ship and ships - 1 probes", 100, minimum: 1);
        var seed = BenchmarkOptions.Whole("--seed", "the world's seed", 42);
        var client = BenchmarkOptions.Choice("--client", "what watches the dashboard: headless Chromium on the overview, a plain client of its event stream, or nothing (the dashboard served, no page open)", ["chromium", "sse", "none"], "chromium");
        var runner = BenchmarkOptions.InputFile("--runner", "the bot runner's dll (default: the Release build beside this program)", BotRunnerBuild.Path);
        var chromium = BenchmarkOptions.InputFile("--chromium", "the Chromium executable", "/usr/bin/chromium");
        var command = new BenchmarkCommand(
            "dashboard-cost",
            "the runner's CPU time with the dashboard served and a page open, against without it",
            """
            The bot runner's executable (Release) plays the same fleet in scaled real time, in turn without the dashboard
            (--no-dashboard) and with it while a page watches it, and the table compares the runner process's CPU time
            (user and system, every thread) from its --report. The fleet: the market-scout conductor with 20,000,000
            starting credits buys probes (all within the first game half hour) that re-read their markets back to back,
            so the rate limit is saturated for the whole run. Runs alternate A-B, B-A, ... so that a drift of the
            machine's load falls on both sides. Build the runner first: dotnet build Sdk.sln -c Release.
            """).With(rounds, minutes, timeScale, ships, seed, client, runner, chromium);
        command.Runs((result, cancellationToken) => RunAsync(
            new CostSettings(result.GetValue(rounds), result.GetValue(minutes), result.GetValue(timeScale), result.GetValue(ships), result.GetValue(seed), result.GetValue(client)!, result.GetValue(runner)!, result.GetValue(chromium)!),
            BenchmarkCli.CommandLine(result),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CostSettings settings, string commandLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(settings.Runner))
        {
            await Console.Error.WriteLineAsync($"No runner at {settings.Runner}: build it first (dotnet build samples/SpaceTraders.BotRunner -c Release) or give --runner.");
            return 2;
        }

        Console.WriteLine(commandLine);
        Console.WriteLine();
        // Two commands, not one with "a | b": a reader copies a command line, and a shell reads "|" as a pipe.
        Console.WriteLine("each run without the dashboard: dotnet SpaceTraders.BotRunner.dll " + string.Join(' ', RunnerArguments(settings, "<report.json>", dashboard: false)));
        Console.WriteLine("and with it: dotnet SpaceTraders.BotRunner.dll " + string.Join(' ', RunnerArguments(settings, "<report.json>", dashboard: true)));
        Console.WriteLine();
        Console.WriteLine("| Round | Dashboard | Runner CPU (s) | Wall (s) | Game hours | Ships (peak) | Requests | Page updates |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        var results = new List<CostRun>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var dashboard in round % 2 == 1 ? [false, true] : new[] { true, false })
            {
                var run = await RunOnceAsync(settings, dashboard);
                results.Add(run);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {(!dashboard ? "without" : settings.Client == "none" ? "with, no page open" : "with, " + settings.Client + " on the overview")} | {run.CpuSeconds:0.00} | {run.WallSeconds:0.0} | {run.GameHours:0.00} | {run.Ships} ({run.ShipsPeak}) | {run.Requests:N0} | {(dashboard ? run.PageUpdates.ToString(CultureInfo.InvariantCulture) : "-")} |"));
            }
        }

        var without = results.Where(r => !r.Dashboard).Select(r => r.CpuSeconds).Order().ToList();
        var with = results.Where(r => r.Dashboard).Select(r => r.CpuSeconds).Order().ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Runner CPU seconds, median of {settings.Rounds}: without {Median(without):0.00}, with {Median(with):0.00}: ratio {Median(with) / Median(without):0.000}. Mean: without {without.Average():0.00}, with {with.Average():0.00}: ratio {with.Average() / without.Average():0.000}. Ranges: without {without[0]:0.00} to {without[^1]:0.00}, with {with[0]:0.00} to {with[^1]:0.00}."));
        return 0;
    }

    private static async Task<CostRun> RunOnceAsync(CostSettings settings, bool dashboard)
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-cost-").FullName;
        var report = Path.Combine(folder, "report.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(settings.Runner);
        foreach (var arg in RunnerArguments(settings, report, dashboard))
        {
            start.ArgumentList.Add(arg);
        }

        // The runner's settings come from the command line only (no SPACETRADERS_* of this shell, no OTLP export).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SPACETRADERS_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }

            lock (log)
            {
                log.Add(text);
            }

            if (text.StartsWith("Dashboard: ", StringComparison.Ordinal))
            {
                address.TrySetResult(new Uri(text["Dashboard: ".Length..]));
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (log)
                {
                    log.Add(text);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var updates = 0;
            if (dashboard)
            {
                var exited = process.WaitForExitAsync();
                if (await Task.WhenAny(address.Task, exited) == exited)
                {
                    throw new InvalidOperationException("The runner ended without serving the dashboard:\n" + string.Join('\n', log));
                }

                updates = settings.Client switch
                {
                    "chromium" => await WatchWithChromiumAsync(settings.Chromium, await address.Task, exited),
                    "sse" => await WatchWithEventStreamAsync(await address.Task, exited),
                    _ => 0,
                };
            }

            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !File.Exists(report))
            {
                throw new InvalidOperationException($"The runner ended with exit code {process.ExitCode}:\n" + string.Join('\n', log));
            }

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var root = json.RootElement;
            return new CostRun(
                dashboard,
                root.GetProperty("cpuSeconds").GetDouble(),
                root.GetProperty("wallSeconds").GetDouble(),
                root.GetProperty("simulatedSeconds").GetDouble() / 3600,
                root.GetProperty("ships").GetInt32(),
                root.GetProperty("shipsPeak").GetInt32(),
                root.GetProperty("requests").GetInt64(),
                updates);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The overview page in headless Chromium, open until the runner ends; returns how many updates it rendered.</summary>
    private static async Task<int> WatchWithChromiumAsync(string chromium, Uri address, Task exited)
    {
        var profile = Directory.CreateTempSubdirectory("dashboard-cost-chromium-").FullName;
        using var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumFlags,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(address.ToString());
            await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 60_000 });
            await exited;

            // The runner has ended: the page keeps what it rendered.
            return await page.EvaluateAsync<int>("() => window.dashboard.updates");
        }
        finally
        {
            await context.CloseAsync();
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be writing its profile on the way out.
            }
        }
    }

    /// <summary>The overview's event stream, read until the runner ends; returns how many updates came.</summary>
    private static async Task<int> WatchWithEventStreamAsync(Uri address, Task exited)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var updates = 0;
        try
        {
            using var response = await http.GetAsync(new Uri(address, "/api/stream?path=overview"), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == "event: update")
                {
                    updates++;
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The runner stopping cuts the stream (its server is stopped before the process ends).
        }

        await exited;
        return updates;
    }

    private static string[] RunnerArguments(CostSettings settings, string report, bool dashboard) =>
    [
        "--time-scale", settings.TimeScale.ToString(CultureInfo.InvariantCulture),
        "--duration", settings.Minutes.ToString(CultureInfo.InvariantCulture) + "m",
        "--seed", settings.Seed.ToString(CultureInfo.InvariantCulture),
        "--starting-credits", "20000000",
        "--conductor", "market-scout",
        "--param", string.Create(CultureInfo.InvariantCulture, $"scouts={settings.Ships - 1};strategy=greedy;minimumRevisit=0"),
        "--quiet",
        "--report", report,
        .. dashboard ? new[] { "--dashboard", "http://127.0.0.1:0" } : ["--no-dashboard"],
    ];

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private sealed record CostSettings(int Rounds, double Minutes, double TimeScale, int Ships, int Seed, string Client, string Runner, string Chromium);

    private sealed record CostRun(bool Dashboard, double CpuSeconds, double WallSeconds, double GameHours, int Ships, int ShipsPeak, long Requests, int PageUpdates);
}
