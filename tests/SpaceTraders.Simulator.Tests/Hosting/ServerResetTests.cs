using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>Server resets with the real game: a fresh world, a new reset date, old tokens rejected.</summary>
[TestFixture]
public sealed class ServerResetTests
{
    [Test]
    public async Task A_reset_wipes_the_world_moves_the_reset_date_and_rejects_old_tokens_with_4113()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var http = simulation.CreateHttpClient();
        var oldToken = await http.RegisterAsync("BEFORE");
        var oldWorld = simulation.Game;
        clock.Advance(TimeSpan.FromDays(3));

        simulation.Reset();

        var status = await http.SendAsync(HttpMethod.Get, "");
        var rejected = await http.SendAsync(HttpMethod.Get, "my/ships", oldToken);
        var publicAgents = await http.SendAsync(HttpMethod.Get, "agents");
        var newToken = await http.RegisterAsync("BEFORE");
        var agent = await http.SendAsync(HttpMethod.Get, "my/agent", newToken);

        Assert.That(simulation.Game, Is.Not.SameAs(oldWorld));
        Assert.That(status.Body!["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-04"));
        Assert.That(simulation.ResetDate, Is.EqualTo("2026-01-04"));
        Assert.That(rejected.Status, Is.EqualTo(401));
        Assert.That(rejected.Body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4113));
        Assert.That(publicAgents.Body!["meta"]!["total"]!.GetValue<int>(), Is.Zero, "the new world has no agents");
        Assert.That(agent.Status, Is.EqualTo(200), "the symbol is free again after the reset");
        Assert.That(newToken, Is.Not.EqualTo(oldToken));
    }

    [Test]
    public async Task A_reset_injected_as_a_fault_hits_the_request_it_is_scripted_for()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("VICTIM");
        simulation.Faults.Add(new FaultRule { Kind = FaultKind.ServerReset, Count = 1, From = clock.GetUtcNow().AddHours(1) });

        var before = await http.SendAsync(HttpMethod.Get, "my/agent", token);
        clock.Advance(TimeSpan.FromHours(1));
        var at = await http.SendAsync(HttpMethod.Get, "my/agent", token);

        Assert.That(before.Status, Is.EqualTo(200));
        Assert.That(at.Status, Is.EqualTo(401));
        Assert.That(at.Body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4113));
        Assert.That(simulation.Stats.Resets, Is.EqualTo(1));
    }
}
