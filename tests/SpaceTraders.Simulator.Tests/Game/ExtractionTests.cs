using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Tests.Api;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class ExtractionTests
{
    [Test]
    public void Extracting_starts_a_60_plus_10_per_power_cooldown_and_acting_early_is_4000_with_the_cooldown()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("MINER");
        h.FlyTo("MINER-1", agent, EngineeredAsteroid(h));

        var data = h.Call("POST", "/my/ships/MINER-1/extract", agent, status: 201)["data"]!;

        // The frigate's one Mining Laser II draws 2 power: 60 + 10 × 2.
        Assert.That(data["cooldown"]!["totalSeconds"]!.GetValue<int>(), Is.EqualTo(80));
        Assert.That(data["cooldown"]!["remainingSeconds"]!.GetValue<int>(), Is.EqualTo(80));
        var units = data["extraction"]!["yield"]!["units"]!.GetValue<int>();
        Assert.That(units, Is.InRange(5, 10), "strength 25: round(25 / 5 × [1, 2))");
        Assert.That(data["cargo"]!["units"]!.GetValue<int>(), Is.EqualTo(units));
        Assert.That(EngineeredAsteroid(h).Deposits.Goods, Does.Contain(data["extraction"]!["yield"]!["symbol"]!.GetValue<string>()));

        h.Advance(30);
        var error = h.Fail("POST", "/my/ships/MINER-1/extract", agent);
        Assert.That((error.Code, error.HttpStatus), Is.EqualTo((4000, 409)));
        Assert.That(error.Message, Is.EqualTo("Ship action is still on cooldown for 50 second(s)."));
        var cooldown = ApiHarness.DataOf(error)!["cooldown"]!;
        Assert.That(cooldown["remainingSeconds"]!.GetValue<int>(), Is.EqualTo(50));
        Assert.That(cooldown["totalSeconds"]!.GetValue<int>(), Is.EqualTo(80));
        Assert.That(cooldown["shipSymbol"]!.GetValue<string>(), Is.EqualTo("MINER-1"));

        Assert.That(h.Call("GET", "/my/ships/MINER-1/cooldown", agent)["data"]!["remainingSeconds"]!.GetValue<int>(), Is.EqualTo(50));
        h.Advance(50);
        Assert.That(h.Send("GET", "/my/ships/MINER-1/cooldown", agent).Status, Is.EqualTo(204));
        Assert.That(h.Call("GET", "/my/ships/MINER-1", agent)["data"]!["cooldown"]!["remainingSeconds"]!.GetValue<int>(), Is.Zero);
        h.Call("POST", "/my/ships/MINER-1/extract", agent, status: 201);
    }

    [Test]
    public void Extraction_needs_orbit_a_laser_deposits_and_cargo_space()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("PICKY");

        Assert.That(h.Fail("POST", "/my/ships/PICKY-1/extract", agent).Code, Is.EqualTo(4236), "docked");
        h.Call("POST", "/my/ships/PICKY-1/orbit", agent);
        Assert.That(h.Fail("POST", "/my/ships/PICKY-1/extract", agent).Code, Is.EqualTo(4205), "the HQ planet has nothing to mine");
        h.Call("POST", "/my/ships/PICKY-2/orbit", agent);
        Assert.That(h.Fail("POST", "/my/ships/PICKY-2/extract", agent).Code, Is.EqualTo(4243), "the probe has no laser");

        h.FlyTo("PICKY-1", agent, EngineeredAsteroid(h));
        h.Ship("PICKY-1").Cargo.Add("IRON_ORE", 40);
        var error = h.Fail("POST", "/my/ships/PICKY-1/extract", agent);
        Assert.That(error.Code, Is.EqualTo(4228));
        Assert.That(ApiHarness.DataOf(error)!["cargoCapacity"]!.GetValue<int>(), Is.EqualTo(40));
    }

    [Test]
    public void A_survey_is_exhausted_after_its_size_allows_and_then_answers_4224()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("SURVEYOR");
        h.FlyTo("SURVEYOR-1", agent, EngineeredAsteroid(h));

        var created = h.Call("POST", "/my/ships/SURVEYOR-1/survey", agent, status: 201)["data"]!;
        Assert.That(created["cooldown"]!["totalSeconds"]!.GetValue<int>(), Is.EqualTo(90), "Surveyor II draws 3 power");
        var surveys = created["surveys"]!.AsArray();
        Assert.That(surveys, Has.Count.EqualTo(2), "Surveyor II has strength 2");
        var survey = surveys[0]!;
        var deposits = survey["deposits"]!.AsArray().Select(d => d!["symbol"]!.GetValue<string>()).ToList();
        var allowed = Survey.ExtractionsFor(survey["size"]!.GetValue<string>());
        h.Advance(90);

        for (var i = 0; i < allowed; i++)
        {
            var data = h.Call("POST", "/my/ships/SURVEYOR-1/extract/survey", agent, survey.ToJsonString(), 201)["data"]!;
            Assert.That(deposits, Does.Contain(data["extraction"]!["yield"]!["symbol"]!.GetValue<string>()));
            EmptyHold(h, "SURVEYOR-1");

            // A large survey outlasts one ship's cooldowns (50 × 80 s); skip the wait as if several ships shared it.
            h.Ship("SURVEYOR-1").CooldownExpiration = h.Now;
        }

        var error = h.Fail("POST", "/my/ships/SURVEYOR-1/extract/survey", agent, survey.ToJsonString());
        Assert.That((error.Code, error.HttpStatus), Is.EqualTo((4224, 409)));
        Assert.That(ApiHarness.DataOf(error)!["signature"]!.GetValue<string>(), Is.EqualTo(survey["signature"]!.GetValue<string>()));
        Assert.That(error.Message, Does.Contain("has been exhausted"));
        h.Call("POST", "/my/ships/SURVEYOR-1/extract/survey", agent, surveys[1]!.ToJsonString(), 201);
    }

    [Test]
    public void Survey_sizes_allow_10_25_and_50_extractions()
    {
        Assert.That(new[] { "SMALL", "MODERATE", "LARGE" }.Select(Survey.ExtractionsFor), Is.EqualTo(new[] { 10, 25, 50 }));
    }

    [Test]
    public void An_expired_survey_is_4221_a_changed_one_4220_and_one_for_elsewhere_4270()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("CHEAT");
        var engineered = EngineeredAsteroid(h);
        h.FlyTo("CHEAT-1", agent, engineered);
        var survey = h.Call("POST", "/my/ships/CHEAT-1/survey", agent, status: 201)["data"]!["surveys"]![0]!;
        h.Advance(90);

        var changed = JsonNode.Parse(survey.ToJsonString())!;
        changed["size"] = survey["size"]!.GetValue<string>() == "LARGE" ? "SMALL" : "LARGE";
        Assert.That(h.Fail("POST", "/my/ships/CHEAT-1/extract/survey", agent, changed.ToJsonString()).Code, Is.EqualTo(4220));
        var forged = JsonNode.Parse(survey.ToJsonString())!;
        forged["signature"] = "X1-FAKE-SIGNATURE";
        Assert.That(h.Fail("POST", "/my/ships/CHEAT-1/extract/survey", agent, forged.ToJsonString()).Code, Is.EqualTo(4220));
        Assert.That(h.Fail("POST", "/my/ships/CHEAT-1/extract/survey", agent, "{}").HttpStatus, Is.EqualTo(422));

        var asteroid = h.HomeSystem().Waypoints.First(w => w.Type == "ASTEROID");
        h.FlyTo("CHEAT-1", agent, asteroid);
        var elsewhere = h.Fail("POST", "/my/ships/CHEAT-1/extract/survey", agent, survey.ToJsonString());
        Assert.That((elsewhere.Code, elsewhere.HttpStatus), Is.EqualTo((4270, 400)));

        var expiration = DateTimeOffset.Parse(survey["expiration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        h.Clock.AdvanceTo(expiration);
        var expired = h.Fail("POST", "/my/ships/CHEAT-1/extract/survey", agent, survey.ToJsonString());
        Assert.That((expired.Code, expired.HttpStatus), Is.EqualTo((4221, 400)));
    }

    [Test]
    public void Siphoning_works_at_the_gas_giant_only_and_yields_gas()
    {
        using var h = new ApiHarness();
        var (agent, _) = h.Register("GASSER");
        h.Call("POST", "/my/ships/GASSER-1/orbit", agent);
        Assert.That(h.Fail("POST", "/my/ships/GASSER-1/siphon", agent).Code, Is.EqualTo(4259));
        h.FlyTo("GASSER-1", agent, h.HomeSystem().Waypoints.Single(w => w.Type == "GAS_GIANT"));

        var data = h.Call("POST", "/my/ships/GASSER-1/siphon", agent, status: 201)["data"]!;

        Assert.That(data["siphon"]!["yield"]!["symbol"]!.GetValue<string>(), Is.AnyOf("LIQUID_HYDROGEN", "LIQUID_NITROGEN", "HYDROCARBON"));
        Assert.That(data["cooldown"]!["totalSeconds"]!.GetValue<int>(), Is.EqualTo(80), "Gas Siphon II draws 2 power");
    }

    [Test]
    public void Heavy_mining_makes_an_asteroid_critical_then_unstable_and_it_recovers()
    {
        using var h = new ApiHarness();
        var asteroid = h.HomeSystem().Waypoints.First(w => w.Type == "ASTEROID");
        var (agent, _) = h.Register("HEAVY");
        h.FlyTo("HEAVY-1", agent, asteroid);
        var ship = h.Ship("HEAVY-1");
        var modifiers = new List<string>();
        for (var i = 0; i < 160; i++)
        {
            ship.CooldownExpiration = h.Now;
            ship.Cargo.Remove(ship.Cargo.Items.Count > 0 ? ship.Cargo.Items[0].Symbol : "IRON_ORE", 100);
            var outcome = h.Game.Extract(ship, null, h.Now);
            modifiers.Add(string.Join(',', outcome.Modifiers));
        }

        Assert.That(modifiers, Does.Contain("CRITICAL_LIMIT"));
        Assert.That(modifiers[^1], Is.EqualTo("UNSTABLE"));
        Assert.That(h.Call("GET", $"/systems/{asteroid.System.Symbol}/waypoints/{asteroid.Symbol}")["data"]!["modifiers"]![0]!["symbol"]!.GetValue<string>(), Is.EqualTo("UNSTABLE"));
        h.Advance(TimeSpan.FromHours(2));
        Assert.That(h.Game.Modifiers(asteroid, h.Now), Is.Empty);
    }

    private static Waypoint EngineeredAsteroid(ApiHarness h) => h.HomeSystem().Waypoints.Single(w => w.Type == "ENGINEERED_ASTEROID");

    private static void EmptyHold(ApiHarness h, string ship)
    {
        var cargo = h.Ship(ship).Cargo;
        while (cargo.Items.Count > 0)
        {
            cargo.Remove(cargo.Items[0].Symbol, cargo.Items[0].Units);
        }
    }
}
