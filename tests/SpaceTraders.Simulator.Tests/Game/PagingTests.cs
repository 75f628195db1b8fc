using SpaceTraders.Simulator.Tests.Api;

namespace SpaceTraders.Simulator.Tests.Game;

public sealed class PagingTests
{
    [TestCase("/systems?limit=21")]
    [TestCase("/systems?limit=0")]
    [TestCase("/systems?page=0")]
    [TestCase("/systems?page=-1")]
    [TestCase("/systems?limit=ten")]
    [TestCase("/factions?limit=50")]
    [TestCase("/agents?page=abc")]
    public void Out_of_range_paging_is_400(string path)
    {
        using var h = new ApiHarness();

        Assert.That(h.Fail("GET", path).HttpStatus, Is.EqualTo(400));
    }

    [Test]
    public void Pages_default_to_10_cover_the_list_once_and_run_empty_past_the_end()
    {
        using var h = new ApiHarness();

        var first = h.Call("GET", "/systems");
        Assert.That(first["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(30));
        Assert.That(first["meta"]!["page"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(first["meta"]!["limit"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(first["data"]!.AsArray(), Has.Count.EqualTo(10));

        var symbols = new List<string>();
        for (var page = 1; page <= 2; page++)
        {
            var data = h.Call("GET", $"/systems?page={page}&limit=20")["data"]!.AsArray();
            symbols.AddRange(data.Select(s => s!["symbol"]!.GetValue<string>()));
        }

        Assert.That(symbols, Is.Unique.And.Count.EqualTo(30));
        Assert.That(h.Call("GET", "/systems?page=4")["data"]!.AsArray(), Is.Empty);
        Assert.That(h.Call("GET", "/factions?limit=20")["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(19));
    }

    [Test]
    public void Waypoints_filter_by_type_and_by_one_or_many_traits()
    {
        using var h = new ApiHarness();
        var system = h.HomeSystem().Symbol;

        var asteroids = h.Call("GET", $"/systems/{system}/waypoints?type=ASTEROID&limit=20");
        var markets = h.Call("GET", $"/systems/{system}/waypoints?traits=MARKETPLACE&limit=20");
        var yards = h.Call("GET", $"/systems/{system}/waypoints?traits=MARKETPLACE&traits=SHIPYARD&limit=20");
        var yardsComma = h.Call("GET", $"/systems/{system}/waypoints?traits=MARKETPLACE,SHIPYARD&limit=20");

        Assert.That(asteroids["data"]!.AsArray().Select(w => w!["type"]!.GetValue<string>()), Has.All.EqualTo("ASTEROID"));
        Assert.That(asteroids["meta"]!["total"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(8));
        Assert.That(markets["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(h.HomeSystem().Waypoints.Count(w => w.Market is not null)));
        Assert.That(yards["meta"]!["total"]!.GetValue<int>(), Is.EqualTo(h.HomeSystem().Waypoints.Count(w => w.Shipyard is not null)));
        Assert.That(yardsComma.ToJsonString(), Is.EqualTo(yards.ToJsonString()));
        Assert.That(h.Fail("GET", $"/systems/{system}/waypoints?type=CASTLE").HttpStatus, Is.EqualTo(422));
    }

    [Test]
    public void Uncharted_waypoints_show_only_the_uncharted_trait()
    {
        using var h = new ApiHarness();
        var system = h.Game.Universe.Systems.First(s => s.IsUncharted);

        var all = h.Call("GET", $"/systems/{system.Symbol}/waypoints?limit=20")["data"]!.AsArray();
        var uncharted = h.Call("GET", $"/systems/{system.Symbol}/waypoints?traits=UNCHARTED&limit=20")["meta"]!["total"]!.GetValue<int>();

        Assert.That(all.Select(w => w!["traits"]!.AsArray().Single()!["symbol"]!.GetValue<string>()), Has.All.EqualTo("UNCHARTED"));
        Assert.That(all.Select(w => w!["chart"]), Has.All.Null);
        Assert.That(uncharted, Is.EqualTo(system.Waypoints.Count));
    }
}
