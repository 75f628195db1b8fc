using System.Text;
using System.Text.Json;

namespace SpaceTraders.Simulator.Tests.Game;

/// <summary><see cref="SimulationOptions.StartingCredits"/>: what <c>POST /register</c> gives a new agent, through the in-process transport.</summary>
public sealed class StartingCreditsTests
{
    [Test]
    public async Task A_new_agent_gets_the_live_games_175000_credits_by_default()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 3 });

        Assert.That(simulation.Options.StartingCredits, Is.EqualTo(175_000));
        Assert.That(await RegisterAsync(simulation, "DEFAULT"), Is.EqualTo(175_000));
    }

    [Test]
    public async Task A_new_agent_gets_the_starting_credits_of_the_options_and_keeps_them_across_resets()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 3, StartingCredits = 25_000_000 });

        Assert.That(await RegisterAsync(simulation, "RICH-1"), Is.EqualTo(25_000_000));
        Assert.That(await RegisterAsync(simulation, "RICH-2"), Is.EqualTo(25_000_000), "every agent, not only the first");

        simulation.Reset();

        Assert.That(await RegisterAsync(simulation, "RICH-3"), Is.EqualTo(25_000_000), "a reset builds the new world with the same option");
    }

    [Test]
    public void Negative_starting_credits_are_rejected()
        => Assert.That(() => new Simulation(new SimulationOptions { StartingCredits = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static async Task<long> RegisterAsync(Simulation simulation, string symbol)
    {
        using var http = simulation.CreateHttpClient();
        using var body = new StringContent($$"""{"symbol":"{{symbol}}","faction":"COSMIC"}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("register", UriKind.Relative), body);
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetProperty("agent").GetProperty("credits").GetInt64();
    }
}
