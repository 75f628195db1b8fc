using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>
/// Server resets with the real game: a fresh world from a derived seed, a new reset date, old tokens rejected with the
/// live game's answer, scheduled resets at the clock's instants (virtual and real time).
/// </summary>
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

    [Test]
    public async Task A_reset_generates_the_galaxy_from_a_seed_derived_from_the_seed_and_the_reset_number()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var http = simulation.CreateHttpClient();
        var firstGalaxy = await SystemsAsync(http);
        clock.Advance(TimeSpan.FromDays(7));

        simulation.Reset();
        var secondGalaxy = await SystemsAsync(http);

        // The same galaxy as a fresh simulation built from the derived seed at the same time.
        var fresh = new Simulation(new SimulationOptions { Seed = Simulation.SeedOfReset(3, 1), Clock = clock });
        using var freshHttp = fresh.CreateHttpClient();

        Assert.That(simulation.ResetNumber, Is.EqualTo(1));
        Assert.That(simulation.WorldSeed, Is.EqualTo(Simulation.SeedOfReset(3, 1)));
        Assert.That(Simulation.SeedOfReset(3, 0), Is.EqualTo(3), "the first world is the seed's own");
        Assert.That(Simulation.SeedOfReset(3, 1), Is.Not.EqualTo(3).And.Not.EqualTo(Simulation.SeedOfReset(3, 2)).And.Not.EqualTo(Simulation.SeedOfReset(4, 1)));
        Assert.That(secondGalaxy, Is.Not.EqualTo(firstGalaxy), "a new galaxy");
        Assert.That(secondGalaxy, Is.EqualTo(await SystemsAsync(freshHttp)));
    }

    [Test]
    public async Task An_old_token_gets_the_live_games_401_with_code_4113_and_both_reset_dates()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var http = simulation.CreateHttpClient();
        var oldToken = await http.RegisterAsync("OLD");
        clock.Advance(TimeSpan.FromDays(7));
        simulation.Reset();

        var (status, body, _) = await http.SendAsync(HttpMethod.Post, "my/ships/OLD-1/orbit", oldToken);
        var error = body.Error();

        Assert.That(status, Is.EqualTo(401));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(4113));
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(
            "Failed to parse token. Token reset_date does not match the server. Server resets happen on a weekly to bi-weekly frequency during alpha. "
            + "After a reset, you should re-register your agent. Expected: 2026-01-08, Actual: 2026-01-01"));
        Assert.That(error["data"]!.ToJsonString(), Is.EqualTo("""{"expected":"2026-01-08","actual":"2026-01-01"}"""));
        Assert.That(error["requestId"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Scheduled_resets_happen_at_the_clocks_instants_in_virtual_time()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 9, Clock = clock, ResetEvery = TimeSpan.FromHours(12) });
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("CYCLE");
        var firstStatus = (await http.SendAsync(HttpMethod.Get, "")).Body!;

        clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var justBefore = await http.SendAsync(HttpMethod.Get, "my/agent", token);
        clock.Advance(TimeSpan.FromSeconds(31)); // The first request after the instant comes 30 s late.
        var after = await http.SendAsync(HttpMethod.Get, "my/agent", token);
        var status = (await http.SendAsync(HttpMethod.Get, "")).Body!;
        var startedAt = simulation.Game!.StartedAt;
        var comeBack = await http.RegisterAsync("CYCLE");
        var agent = await http.SendAsync(HttpMethod.Get, "my/agent", comeBack);

        Assert.That(firstStatus["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-01"));
        Assert.That(firstStatus["serverResets"]!.ToJsonString(), Is.EqualTo("""{"next":"2026-01-01T12:00:00.000Z","frequency":"every 12h"}"""));
        Assert.That(justBefore.Status, Is.EqualTo(200));
        Assert.That((after.Status, after.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4113)));
        Assert.That(status["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-02"), "the live game never resets twice a day: the next free date");
        Assert.That(status["serverResets"]!["next"]!.GetValue<string>(), Is.EqualTo("2026-01-02T00:00:00.000Z"));
        Assert.That(status["stats"]!["agents"]!.GetValue<int>(), Is.Zero, "agents are wiped");
        Assert.That(startedAt, Is.EqualTo(VirtualClock.DefaultStart.AddHours(12)), "the world starts at the reset's instant, not at the first request after it");
        Assert.That(agent.Status, Is.EqualTo(200), "registering again brings the agent back");
        Assert.That((simulation.ResetNumber, simulation.Stats.Resets), Is.EqualTo((1, 1L)));
        Assert.That(simulation.NextResetAt, Is.EqualTo(VirtualClock.DefaultStart.AddHours(24)));

        clock.Advance(TimeSpan.FromHours(12));
        Assert.That(simulation.ResetDate, Is.EqualTo("2026-01-03"), "each reset has its own date");
    }

    [Test]
    public async Task Resets_missed_while_nobody_asked_move_the_number_on_by_all_of_them()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 9, Clock = clock, ResetEvery = TimeSpan.FromDays(1) });
        using var http = simulation.CreateHttpClient();

        clock.Advance(TimeSpan.FromDays(3.5));
        var status = (await http.SendAsync(HttpMethod.Get, "")).Body!;

        Assert.That(simulation.ResetNumber, Is.EqualTo(3));
        Assert.That(simulation.Stats.Resets, Is.EqualTo(3));
        Assert.That(simulation.WorldSeed, Is.EqualTo(Simulation.SeedOfReset(9, 3)));
        Assert.That(simulation.Game!.StartedAt, Is.EqualTo(VirtualClock.DefaultStart.AddDays(3)));
        Assert.That(status["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-04"));
        Assert.That(status["serverResets"]!.ToJsonString(), Is.EqualTo("""{"next":"2026-01-05T00:00:00.000Z","frequency":"daily"}"""));
    }

    [Test]
    public async Task Scheduled_resets_are_deterministic_for_a_seed()
    {
        async Task<string> RunAsync()
        {
            using var clock = new VirtualClock();
            var simulation = new Simulation(new SimulationOptions { Seed = 21, Clock = clock, ResetEvery = TimeSpan.FromHours(5), TokenSigningKey = "same" });
            using var http = simulation.CreateHttpClient();
            var trace = new List<string>();
            for (var hour = 0; hour < 24; hour += 4)
            {
                clock.AdvanceTo(VirtualClock.DefaultStart.AddHours(hour));
                var token = await http.RegisterAsync("DET" + hour.ToString(System.Globalization.CultureInfo.InvariantCulture));
                trace.Add(token);
                trace.Add((await http.SendAsync(HttpMethod.Get, "")).Body!.ToJsonString());
                trace.Add(await SystemsAsync(http));
            }

            return string.Join("\n", trace);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"resetDate\":\"2026-01-05\""), "four resets in 20 hours, each on its own date");
    }

    [Test]
    public async Task Scheduled_resets_happen_on_a_real_time_clock_over_http_too()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var simulation = new Simulation(new SimulationOptions { Seed = 4, Clock = clock, ResetEvery = TimeSpan.FromDays(7) });
        await using var server = await simulation.StartHttpServerAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await http.RegisterAsync("REAL");
        var before = (await http.SendAsync(HttpMethod.Get, "")).Body!;

        clock.Advance(TimeSpan.FromDays(7));
        var rejected = await http.SendAsync(HttpMethod.Get, "my/agent", token);
        var after = (await http.SendAsync(HttpMethod.Get, "")).Body!;
        var again = await http.RegisterAsync("REAL");

        Assert.That(before["serverResets"]!.ToJsonString(), Is.EqualTo("""{"next":"2026-03-08T06:00:00.000Z","frequency":"weekly"}"""));
        Assert.That((rejected.Status, rejected.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4113)));
        Assert.That(after["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-03-08"));
        Assert.That(after["serverResets"]!["next"]!.GetValue<string>(), Is.EqualTo("2026-03-15T06:00:00.000Z"));
        Assert.That((await http.SendAsync(HttpMethod.Get, "my/agent", again)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Registration_needs_the_account_token_when_one_is_configured_before_and_after_a_reset()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock, AccountToken = "account-token", ResetEvery = TimeSpan.FromDays(1) });
        using var http = simulation.CreateHttpClient();
        const string Body = """{"symbol":"ACCT","faction":"COSMIC"}""";

        var anonymous = await http.SendAsync(HttpMethod.Post, "register", json: Body);
        var withAccount = await http.SendAsync(HttpMethod.Post, "register", "account-token", Body);
        clock.Advance(TimeSpan.FromDays(1));
        var anonymousAfter = await http.SendAsync(HttpMethod.Post, "register", json: Body);
        var agentTokenAsAccount = await http.SendAsync(HttpMethod.Post, "register", withAccount.Body!["data"]!["token"]!.GetValue<string>(), Body);
        var withAccountAfter = await http.SendAsync(HttpMethod.Post, "register", "account-token", Body);

        Assert.That((anonymous.Status, anonymous.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4116)));
        Assert.That(withAccount.Status, Is.EqualTo(201));
        Assert.That((anonymousAfter.Status, anonymousAfter.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4116)));
        Assert.That((agentTokenAsAccount.Status, agentTokenAsAccount.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((401, 4104)));
        Assert.That(withAccountAfter.Status, Is.EqualTo(201), "the agent comes back with the account token");
    }

    [Test]
    public async Task Two_resets_on_one_day_still_get_dates_of_their_own()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        using var http = simulation.CreateHttpClient();

        simulation.Reset();
        var first = simulation.ResetDate;
        simulation.Reset();
        var status = (await http.SendAsync(HttpMethod.Get, "")).Body!;

        Assert.That(first, Is.EqualTo("2026-01-02"));
        Assert.That(status["resetDate"]!.GetValue<string>(), Is.EqualTo("2026-01-03"));
        Assert.That(status["serverResets"]!["next"]!.GetValue<string>(), Is.EqualTo("2026-01-08T00:00:00.000Z"), "without a schedule a week is announced, as the live game does");
        Assert.That(simulation.NextResetAt, Is.Null);
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_reset_period_must_be_positive(int minutes)
        => Assert.That(() => new Simulation(new SimulationOptions { ResetEvery = TimeSpan.FromMinutes(minutes) }), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static async Task<string> SystemsAsync(HttpClient http)
    {
        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "systems?limit=20");
        Assert.That(status, Is.EqualTo(200));
        return body!["data"]!.ToJsonString();
    }
}
