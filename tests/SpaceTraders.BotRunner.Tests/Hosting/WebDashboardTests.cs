using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The runner serves the web dashboard beside its fleet (on a free port here: <c>--dashboard http://127.0.0.1:0</c>),
/// prints where, and serves nothing with <c>--no-dashboard</c>. The runs are in virtual time with the fixture plugins.
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class WebDashboardTests
{
    [Test]
    public async Task The_runner_serves_the_dashboard_of_its_fleet_and_prints_the_address(CancellationToken cancellationToken)
    {
        var view = new PageReadingView(["/api/overview", "/api/ships", "/metrics", "/", "/ships/NOBODY-1"]);

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "01:00:00", "--conductor", "sample-fleet", "--dashboard", "http://127.0.0.1:0"], cancellationToken, view);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        var address = view.Address!;
        var overview = JsonDocument.Parse(view.Bodies["/api/overview"]).RootElement;
        var agent = overview.GetProperty("agents")[0];
        var ships = JsonDocument.Parse(view.Bodies["/api/ships"]).RootElement.GetProperty("ships");
        var report = run.Report!;
        Assert.Multiple(() =>
        {
            Assert.That(address.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(address.Port, Is.Not.Zero, "the free port it got, not 0");
            Assert.That(run.Output, Does.Contain($"Dashboard: http://127.0.0.1:{address.Port}" + Environment.NewLine), "the address, printed at start");
            Assert.That(run.Output.IndexOf("Dashboard: ", StringComparison.Ordinal), Is.LessThan(run.Output.IndexOf("Run duration", StringComparison.Ordinal)), "before the run's summary");
            Assert.That(view.Statuses["/api/overview"], Is.EqualTo(HttpStatusCode.OK));
            Assert.That(overview.GetProperty("header").GetProperty("mode").GetString(), Is.EqualTo("live"));
            Assert.That(agent.GetProperty("symbol").GetString(), Is.EqualTo("RUNNER"));
            Assert.That(agent.GetProperty("credits").GetInt64(), Is.EqualTo(report.CreditsEnd), "the run's figures");
            Assert.That(ships.GetArrayLength(), Is.EqualTo(report.Ships), "every ship");
            Assert.That(view.Statuses["/"], Is.EqualTo(HttpStatusCode.OK), "the overview page");
            Assert.That(view.Statuses["/ships/NOBODY-1"], Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(view.Bodies["/metrics"], Does.Contain("spacetraders_runtime_credits{").And.Contain("agent=\"RUNNER\"").And.Contain("spacetraders_requests_total{"), "the runtime's and the SDK's instruments");
            Assert.That(run.Error, Does.Not.Contain("Warning"), "loopback: no warning");
        });
    }

    // The overview used to show the net change of credits as "Earned", with CPH and CPR on it: a ship bought lowered them,
    // so the browser and the terminal disagreed (CPR 221 against 1,755 in a runner at x20, 25 game minutes in).
    [Test]
    public async Task The_overview_shows_the_reports_operating_earnings_and_capital_spent(CancellationToken cancellationToken)
    {
        var view = new PageReadingView(["/api/overview"]);

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "42", "--duration", "03:00:00", "--plugins", RunnerRuns.FixturePlugins, "--conductor", "sample-refit@week10", "--dashboard", "http://127.0.0.1:0"], cancellationToken, view);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        var agent = JsonDocument.Parse(view.Bodies["/api/overview"]).RootElement.GetProperty("agents")[0];
        var report = run.Report!;
        Assert.That(report.CapitalSpent, Is.GreaterThan(0), "a ship bought: operating earnings and the net change differ");
        Assert.Multiple(() =>
        {
            Assert.That(agent.GetProperty("creditsEarned").GetInt64(), Is.EqualTo(report.CreditsEarned), "operating earnings, as the report");
            Assert.That(agent.GetProperty("capitalSpent").GetInt64(), Is.EqualTo(report.CapitalSpent));
            Assert.That(agent.GetProperty("cpr").GetDouble(), Is.EqualTo(report.Cpr).Within(0.01));
            Assert.That(agent.GetProperty("cph").GetDouble(), Is.EqualTo(report.Cph).Within(report.Cph * 0.001));
            Assert.That(agent.GetProperty("paybackHours").GetDouble(), Is.EqualTo(report.PaybackHours!.Value).Within(0.01));
            var timeline = agent.GetProperty("timeline");
            Assert.That(Last(timeline, "capitalSpent"), Is.EqualTo(report.CapitalSpent), "the chart's capital series ends at the report's capital");
            Assert.That(Last(timeline, "operatingEarned"), Is.EqualTo(report.CreditsEarned), "the chart's CPH/CPR run on the report's operating earnings");
        });
    }

    private static long Last(JsonElement timeline, string series)
    {
        var values = timeline.GetProperty(series);
        return values[values.GetArrayLength() - 1].GetInt64();
    }

    [Test]
    public async Task No_dashboard_serves_nothing_even_where_the_environment_asks_for_one(CancellationToken cancellationToken)
    {
        var port = RunnerRuns.FreePort();
        var view = new PortProbingView(port);

        var run = await RunnerRuns.RunAsync(
            ["--virtual-time", "--seed", "7", "--duration", "00:20:00", "--conductor", "sample-fleet", "--no-dashboard"],
            cancellationToken,
            view,
            new Dictionary<string, string> { ["SPACETRADERS_DASHBOARD"] = $"http://127.0.0.1:{port}" });

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.Multiple(() =>
        {
            Assert.That(view.Header!.Dashboard, Is.Null);
            Assert.That(view.Refused, Is.True, $"nothing listens on {port} while the run runs");
            Assert.That(run.Output, Does.Not.Contain("Dashboard"));
        });
    }

    [Test]
    public async Task A_dashboard_on_every_interface_is_served_with_a_warning(CancellationToken cancellationToken)
    {
        var view = new PageReadingView(["/api/overview"]);

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "00:10:00", "--conductor", "sample-fleet", "--dashboard", "http://0.0.0.0:0"], cancellationToken, view);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.Multiple(() =>
        {
            Assert.That(view.Statuses["/api/overview"], Is.EqualTo(HttpStatusCode.OK));
            Assert.That(run.Output, Does.Contain($"Dashboard: http://0.0.0.0:{view.Address!.Port}"));
            Assert.That(run.Error.Trim(), Does.StartWith("Warning: the dashboard listens on 0.0.0.0, not on loopback").And.Not.Contain("\n"), "one warning line");
        });
    }

    /// <summary>Reads the dashboard's pages once the run has run its course (the figures are then final), before the runner reports and stops serving.</summary>
    private sealed class PageReadingView(string[] paths) : RunView
    {
        public Uri? Address { get; private set; }

        public Dictionary<string, string> Bodies { get; } = [];

        public Dictionary<string, HttpStatusCode> Statuses { get; } = [];

        public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
        {
            Address = header.Dashboard;
            await Task.WhenAny(run);
            if (Address is null)
            {
                return;
            }

            // 0.0.0.0 is reached on loopback.
            using var http = new HttpClient { BaseAddress = new UriBuilder(Address) { Host = "127.0.0.1" }.Uri };
            foreach (var path in paths)
            {
                using var response = await http.GetAsync(path, cancellationToken);
                Statuses[path] = response.StatusCode;
                Bodies[path] = await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }
    }

    /// <summary>Tries the port while the run runs.</summary>
    private sealed class PortProbingView(int port) : RunView
    {
        public RunHeader? Header { get; private set; }

        public bool Refused { get; private set; }

        public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
        {
            Header = header;
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                Refused = true;
            }

            await Task.WhenAny(run);
        }
    }
}
