using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>The first stop signal stops the run gracefully; a repeat of it a moment later too; a later one ends the process.</summary>
[TestFixture]
public sealed class RunnerLifetimeTests
{
    [Test]
    public void The_same_stop_delivered_twice_stops_once_and_a_later_signal_ends_the_process()
    {
        var time = new FakeTimeProvider();
        var application = new CountingLifetime();
        using var lifetime = new RunnerLifetime(application, time);

        Assert.That(lifetime.OnSignal(), Is.True, "the first signal is handled: a graceful stop");
        Assert.That(application.Stops, Is.EqualTo(1));

        // timeout(1) signals the process, then its process group: the same stop, a moment later.
        time.Advance(RunnerLifetime.RepeatWindow - TimeSpan.FromMilliseconds(1));
        Assert.That(lifetime.OnSignal(), Is.True, "a repeat within the window is swallowed");
        Assert.That(application.Stops, Is.EqualTo(1), "and stops nothing twice");

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(lifetime.OnSignal(), Is.False, "a signal a second after the first ends the process at once");
        Assert.That(application.Stops, Is.EqualTo(1));
    }

    /// <summary>
    /// The runner as a process, stopped the way <c>timeout -s TERM</c> stops it: SIGTERM to the process, then again a few
    /// milliseconds later. It must stop gracefully and write its report (3 of 5 such runs died with exit 143 before).
    /// </summary>
    [Test]
    [CancelAfter(120_000)]
    public async Task A_runner_sent_sigterm_twice_in_a_row_still_stops_gracefully_and_writes_its_report(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("POSIX signals.");
        }

        var folder = Directory.CreateTempSubdirectory("runner-signals-").FullName;
        try
        {
            var report = Path.Combine(folder, "report.json");
            var start = RunnerProcess.StartInfo(folder, [
                "--time-scale", "20", "--plugins", RunnerRuns.FixturePlugins, "--conductor", "sample-fleet", "--plain", "--no-dashboard", "--report", report]);

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = new System.Text.StringBuilder();
            try
            {
                // The status lines start once the host runs (its signal handlers are in place by then).
                while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
                {
                    output.AppendLine(line);
                    if (line.StartsWith("Running", StringComparison.Ordinal))
                    {
                        break;
                    }
                }

                await SendTermAsync(process.Id, cancellationToken);
                await SendTermAsync(process.Id, cancellationToken);
                output.Append(await process.StandardOutput.ReadToEndAsync(cancellationToken));
                await process.WaitForExitAsync(cancellationToken);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var all = output + await error;
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(0), all);
                Assert.That(all, Does.Contain("Run cancelled").And.Contain("Report written"));
                Assert.That(File.Exists(report), Is.True, "the report is written");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SendTermAsync(int pid, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync(cancellationToken);
    }

    private sealed class CountingLifetime : IHostApplicationLifetime
    {
        public int Stops { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stops++;
    }
}
