using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Tests.Schema;

namespace SpaceTraders.Simulator.Tests.Api;

public sealed class RouteCoverageTests
{
    [Test]
    public void Every_operation_of_the_live_spec_but_the_socket_is_mapped_once()
    {
        using var h = new ApiHarness();
        var spec = JsonNode.Parse(File.ReadAllText(SpecFiles.LiveSpec))!;
        var expected = new List<string>();
        foreach (var (path, operations) in spec["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject())
            {
                if (method is "get" or "post" or "patch" && path != "/my/socket.io")
                {
                    expected.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        var mapped = h.Routes.Routes.Select(r => $"{r.Method} {r.Template}").ToList();

        Assert.That(expected, Has.Count.EqualTo(63));
        Assert.That(mapped, Is.EquivalentTo(expected));
    }

    [Test]
    public void Ship_actions_take_the_ship_lock_and_reads_do_not()
    {
        using var h = new ApiHarness();

        foreach (var route in h.Routes.Routes.Where(r => r.Template.StartsWith("/my/ships/{shipSymbol}", StringComparison.Ordinal)))
        {
            Assert.That(route.LocksShip, Is.EqualTo(route.Method != "GET"), $"{route.Method} {route.Template}");
        }
    }
}
