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
