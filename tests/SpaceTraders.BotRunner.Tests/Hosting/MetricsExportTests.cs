using System.Diagnostics;
using System.Text;
using SpaceTraders.BotRunner.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The runner's executable, as a process of its own (OpenTelemetry reads the process's environment), exports the SDK's
/// and the runtime's metrics by OTLP to the collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names: with the dashboard (which
/// also serves <c>/metrics</c>) and without it.
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class MetricsExportTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task The_runner_exports_its_metrics_by_OTLP(bool dashboard, CancellationToken cancellationToken)
    {
        using var collector = WireMockServer.Start();
        collector.Given(Request.Create().WithPath("/v1/metrics").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var folder = Directory.CreateTempSubdirectory("runner-otlp-").FullName;
        try
        {
            var start = RunnerProcess.StartInfo(folder, [
                "--virtual-time", "--seed", "7", "--duration", "01:00:00", "--plugins", RunnerRuns.FixturePlugins, "--conductor", "sample-fleet", "--quiet",
                .. dashboard ? ["--dashboard", "http://127.0.0.1:0"] : (string[])["--no-dashboard"]]);

            start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url!;
            start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            var all = await output + await error;
            var exported = collector.LogEntries
                .Where(e => e.RequestMessage!.Path == "/v1/metrics")
                .Select(e => Encoding.UTF8.GetString(e.RequestMessage!.BodyAsBytes ?? []))
                .ToList();
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(0), all);
                Assert.That(exported, Is.Not.Empty, "the collector got metrics");
                Assert.That(string.Concat(exported), Does.Contain("spacetraders.runtime.credits").And.Contain("spacetraders.runtime.sessions").And.Contain("spacetraders.requests").And.Contain("RUNNER"), "the runtime's instruments (tagged with the agent) and the SDK's");
                Assert.That(all, dashboard ? Does.Match(@"Dashboard: http://127\.0\.0\.1:[1-9][0-9]*\n") : Does.Not.Contain("Dashboard"));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
