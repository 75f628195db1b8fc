using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Navigation;

/// <summary>
/// A weekly galaxy may add a flight mode the SDK does not know. A ship flying in it must not crash the bot: the
/// formulas take such a mode as CRUISE, and the planners never choose it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class UnknownFlightModeTests
{
    private static readonly ShipNavFlightMode Hyperdrive = new("HYPERDRIVE");

    private FakeApiServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.Reset();

    [Test]
    public void The_formulas_take_an_unknown_mode_as_cruise()
    {
        var rules = FlightRules.Default;

        Assert.Multiple(() =>
        {
            Assert.That(FlightRules.IsKnown(Hyperdrive), Is.False);
            Assert.That(FlightRules.IsKnown(ShipNavFlightMode.Cruise) && FlightRules.IsKnown(ShipNavFlightMode.Drift)
                && FlightRules.IsKnown(ShipNavFlightMode.Burn) && FlightRules.IsKnown(ShipNavFlightMode.Stealth), Is.True);
            Assert.That(FlightRules.NavigateMultiplier(Hyperdrive), Is.EqualTo(25));
            Assert.That(FlightRules.WarpMultiplier(Hyperdrive), Is.EqualTo(50));
            // d = 50.6 -> 51: 51 × 25 / 30 + 15 = 57.5 -> 58, as CRUISE.
            Assert.That(rules.NavigateSeconds(50.6, 30, Hyperdrive), Is.EqualTo(58));
            Assert.That(rules.WarpSeconds(100, 10, Hyperdrive), Is.EqualTo(515));
            Assert.That(rules.FuelCost(50.6, Hyperdrive, 400), Is.EqualTo(51));
            Assert.That(rules.FuelCost(0.2, Hyperdrive, 400), Is.EqualTo(1), "CRUISE's minimum");
            Assert.That(rules.FuelCost(50.6, Hyperdrive, 0), Is.Zero, "a probe uses none");
        });
    }

    [Test]
    public async Task A_ship_read_in_an_unknown_mode_is_tracked_and_planned_for_as_cruise()
    {
        var body = JsonNode.Parse(Fixtures.Read("get-my-ship"))!;
        body["data"]!["nav"]!["flightMode"] = "HYPERDRIVE";
        _server.Respond("GET", "/v2/my/ships/BADGER-1", 200, body.ToJsonString());
        using var client = new SpaceTradersClient(_server.Options());

        var ship = await client.Fleet.GetMyShipAsync("BADGER-1");

        Assert.That(ship.Nav.FlightMode, Is.EqualTo(Hyperdrive), "the mode is kept as the server spelt it");
        Assert.That(client.State.TryGetShip("BADGER-1", out var tracked), Is.True);
        // From (12, -40) to (12, 10): d = 50, speed 30. CRUISE: 50 × 25 / 30 + 15 = 56.67 -> 57 s, 50 fuel.
        var destination = new WaypointPosition("X1-DF55-B2", "X1-DF55", 12, 10);
        Assert.Multiple(() =>
        {
            Assert.That(tracked!.TravelTimeTo(destination), Is.EqualTo(TimeSpan.FromSeconds(57)));
            Assert.That(tracked.FuelNeededFor(destination), Is.EqualTo(50));
            Assert.That(tracked.CanReach(destination), Is.True);
            Assert.That(tracked.TravelTimeTo(destination), Is.EqualTo(tracked.TravelTimeTo(destination, ShipNavFlightMode.Cruise)));
        });
    }
}
