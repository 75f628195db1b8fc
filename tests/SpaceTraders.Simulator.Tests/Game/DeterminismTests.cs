using System.Text;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Tests.Api;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class DeterminismTests
{
    [Test]
    public void The_same_seed_and_the_same_requests_give_the_same_answers()
    {
        var first = Play(11);
        var second = Play(11);
        var other = Play(12);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [TestCase(RandomStreams.PerShip, true)]
    [TestCase(RandomStreams.Shared, false)]
    public void With_a_stream_per_ship_a_ships_yields_do_not_depend_on_what_other_ships_do(RandomStreams streams, bool independent)
    {
        var alone = Yields(streams, rivalExtracts: false);
        var withRival = Yields(streams, rivalExtracts: true);

        Assert.That(alone, Has.Count.EqualTo(4));
        if (independent)
        {
            Assert.That(withRival, Is.EqualTo(alone), "the same ship's luck whatever the other ship does");
        }
        else
        {
            Assert.That(withRival, Is.Not.EqualTo(alone), "one shared stream: the rival's draws shift this ship's");
        }
    }

    [Test]
    public void Ships_with_their_own_streams_do_not_all_draw_the_same_luck()
    {
        using var h = new ApiHarness(5, streams: RandomStreams.PerShip);
        var (a, _) = h.Register("ALPHA");
        var (b, _) = h.Register("BRAVO");
        var asteroid = h.HomeSystem().Waypoints.Single(w => w.Type == "ENGINEERED_ASTEROID");
        h.FlyTo("ALPHA-1", a, asteroid);
        h.FlyTo("BRAVO-1", b, asteroid);
        var alpha = new List<string>();
        var bravo = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            alpha.Add(YieldOf(h.Call("POST", "/my/ships/ALPHA-1/extract", a, status: 201)));
            bravo.Add(YieldOf(h.Call("POST", "/my/ships/BRAVO-1/extract", b, status: 201)));
            h.Advance(80);
        }

        Assert.That(bravo, Is.Not.EqualTo(alpha));
    }

    private static List<string> Yields(RandomStreams streams, bool rivalExtracts)
    {
        using var h = new ApiHarness(7, streams: streams);
        var (miner, _) = h.Register("MINER");
        var (rival, _) = h.Register("RIVAL");
        var asteroid = h.HomeSystem().Waypoints.Single(w => w.Type == "ENGINEERED_ASTEROID");
        h.FlyTo("MINER-1", miner, asteroid);
        h.FlyTo("RIVAL-1", rival, asteroid);
        var yields = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            if (rivalExtracts)
            {
                h.Call("POST", "/my/ships/RIVAL-1/extract", rival, status: 201);
            }

            yields.Add(YieldOf(h.Call("POST", "/my/ships/MINER-1/extract", miner, status: 201)));
            h.Advance(80);
        }

        return yields;
    }

    private static string YieldOf(System.Text.Json.Nodes.JsonNode response)
    {
        var extraction = response["data"]!["extraction"]!["yield"]!;
        return extraction["symbol"]!.GetValue<string>() + " " + extraction["units"]!.GetValue<int>();
    }

    private static string Play(int seed)
    {
        using var h = new ApiHarness(seed);
        var log = new StringBuilder();
        var (agent, _) = h.Register("DET");
        var engineered = h.HomeSystem().Waypoints.Single(w => w.Type == "ENGINEERED_ASTEROID");
        void Step(string method, string path, string? json = null)
        {
            try
            {
                log.AppendLine(ApiHarness.ToJson(h.Send(method, path, agent, json))?.ToJsonString());
            }
            catch (GameErrorException error)
            {
                log.Append(error.Code).Append(' ').AppendLine(error.Message);
            }
        }

        Step("POST", "/my/ships/DET-1/orbit");
        Step("POST", "/my/ships/DET-1/navigate", $$"""{"waypointSymbol":"{{engineered.Symbol}}"}""");
        h.Advance(120);
        Step("POST", "/my/ships/DET-1/survey");
        for (var i = 0; i < 6; i++)
        {
            h.Advance(90);
            Step("POST", "/my/ships/DET-1/extract");
        }

        Step("POST", "/my/ships/DET-1/dock");
        Step("GET", "/my/ships/DET-1");
        Step("GET", $"/systems/{engineered.System.Symbol}/waypoints?limit=20");
        Step("GET", "/systems?page=2");
        Step("GET", "/");
        return log.ToString();
    }
}
