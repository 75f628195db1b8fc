using System.Diagnostics;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>The HTTP host with the real game: in-process Kestrel, and the command-line program as a child process.</summary>
[TestFixture]
public sealed class HttpHostGameTests
{
    [Test]
    public async Task Kestrel_serves_the_status_and_a_registered_agent_over_loopback()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        await using var server = await simulation.StartHttpServerAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var status = await http.SendAsync(HttpMethod.Get, "");
        var token = await http.RegisterAsync("LOOPBACK");
        var agent = await http.SendAsync(HttpMethod.Get, "my/agent", token);

        Assert.That(status.Status, Is.EqualTo(200));
        Assert.That(status.Body!["resetDate"]!.GetValue<string>(), Is.EqualTo(simulation.ResetDate));
        Assert.That(agent.Status, Is.EqualTo(200));
        Assert.That(agent.Body!["data"]!["symbol"]!.GetValue<string>(), Is.EqualTo("LOOPBACK"));
        Assert.That(agent.Body["data"]!["credits"]!.GetValue<long>(), Is.EqualTo(175_000));
    }

    [Test]
    public async Task The_command_line_host_prints_its_base_url_and_serves_the_api()
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "SpaceTraders.Simulator.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { program, "--urls", "http://127.0.0.1:0", "--seed", "42", "--rate-limit", "off", "--faults", "none", "--reset-every", "7d", "--omit-field", "ShipMount.description" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(startup.Token);
            }
            while (line is not null && !line.StartsWith("Simulator listening on ", StringComparison.Ordinal));

            if (line is null)
            {
                Assert.Fail("The program ended before listening: " + await process.StandardError.ReadToEndAsync());
            }

            var baseAddress = new Uri(line!["Simulator listening on ".Length..].Split(' ')[0]);
            Assert.That(baseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(baseAddress.AbsolutePath, Is.EqualTo("/v2/"));
            Assert.That(line, Does.Contain("seed 42").And.Contain("rate limit off").And.Contain("resets every 7d").And.Contain("omitting ShipMount.description"));

            using var http = new HttpClient { BaseAddress = baseAddress };
            var status = await http.SendAsync(HttpMethod.Get, "");
            var token = await http.RegisterAsync("CLIAGENT");
            var agent = await http.SendAsync(HttpMethod.Get, "my/agent", token);
            var mounts = await http.SendAsync(HttpMethod.Get, "my/ships/CLIAGENT-1/mounts", token);

            Assert.That(status.Body!["status"]!.GetValue<string>(), Does.Contain("online"));
            Assert.That(status.Body!["serverResets"]!["frequency"]!.GetValue<string>(), Is.EqualTo("weekly"));
            Assert.That(agent.Body!["data"]!["symbol"]!.GetValue<string>(), Is.EqualTo("CLIAGENT"));
            Assert.That(mounts.Body!["data"]!.AsArray(), Has.All.Matches<JsonNode>(m => !m!.AsObject().ContainsKey("description")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [TestCase("--seed", "many")]
    [TestCase("--faults", "gremlins")]
    [TestCase("--rate-limit", "sometimes")]
    [TestCase("--colour", "blue")]
    [TestCase("--reset-every", "sometimes")]
    [TestCase("--omit-field", "Ship.colour")]
    public async Task The_command_line_host_rejects_bad_options_with_exit_code_2(string option, string value)
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "SpaceTraders.Simulator.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { program, "--urls", "http://127.0.0.1:0", option, value })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(2), error);
        Assert.That(error, Is.Not.Empty);
    }
}
