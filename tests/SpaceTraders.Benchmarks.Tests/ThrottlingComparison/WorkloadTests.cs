using SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;
using SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

namespace SpaceTraders.Benchmarks.Tests.ThrottlingComparison;

/// <summary>
/// The throttling workload's world and fleet. The world test pins what the published results (benchmarks/results/
/// throttling.md) were measured on: when it fails, the simulator's world has changed under the workload, and the
/// results must be measured again (then update the figures here and there together).
/// </summary>
[TestFixture]
public sealed class WorkloadTests
{
    private static readonly WorldShape[] Pinned =
    [
        new()
        {
            Seed = 42,
            System = "X1-DN17",
            Waypoints = 82,
            Marketplaces = 25,
            Asteroids = 54,
            TradeRoutes = 32,
            MinerYardToMine = 56,
            GasGiantToStation = 0,
            MineSales = "IRON_ORE at X1-DN17-D8 (47); COPPER_ORE at X1-DN17-D8 (47); ALUMINUM_ORE at X1-DN17-D8 (47); QUARTZ_SAND at X1-DN17-G18 (20); SILICON_CRYSTALS at X1-DN17-G18 (20); ICE_WATER at X1-DN17-D9 (47)",
            GasMid = "42.592 → 42.336 after 180 sold → 43.616 an hour later",
            Fingerprint = "8FD7175BC0351EA5",
        },
        new()
        {
            Seed = 43,
            System = "X1-VT62",
            Waypoints = 82,
            Marketplaces = 25,
            Asteroids = 54,
            TradeRoutes = 28,
            MinerYardToMine = 62,
            GasGiantToStation = 0,
            MineSales = "IRON_ORE at X1-VT62-A4 (5); COPPER_ORE at X1-VT62-A4 (5); ALUMINUM_ORE at X1-VT62-A4 (5); QUARTZ_SAND at X1-VT62-B5 (65); SILICON_CRYSTALS at X1-VT62-B5 (65); ICE_WATER at X1-VT62-G17 (74)",
            GasMid = "46.438 → 46.159 after 180 sold → 46.980 an hour later",
            Fingerprint = "F2AF61C269353A8B",
        },
        new()
        {
            Seed = 44,
            System = "X1-NY8",
            Waypoints = 82,
            Marketplaces = 25,
            Asteroids = 54,
            TradeRoutes = 32,
            MinerYardToMine = 97,
            GasGiantToStation = 0,
            MineSales = "IRON_ORE at X1-NY8-F15 (13); COPPER_ORE at X1-NY8-F15 (13); ALUMINUM_ORE at X1-NY8-F15 (13); QUARTZ_SAND at X1-NY8-F13 (13); SILICON_CRYSTALS at X1-NY8-F13 (13); ICE_WATER at X1-NY8-F13 (13)",
            GasMid = "42.349 → 42.095 after 180 sold → 42.515 an hour later",
            Fingerprint = "8CEE23AD41371195",
        },
        new()
        {
            Seed = 45,
            System = "X1-FE52",
            Waypoints = 82,
            Marketplaces = 25,
            Asteroids = 54,
            TradeRoutes = 26,
            MinerYardToMine = 102,
            GasGiantToStation = 0,
            MineSales = "IRON_ORE at X1-FE52-G15 (55); COPPER_ORE at X1-FE52-G15 (55); ALUMINUM_ORE at X1-FE52-G15 (55); QUARTZ_SAND at X1-FE52-G17 (55); SILICON_CRYSTALS at X1-FE52-G17 (55); ICE_WATER at X1-FE52-G17 (55)",
            GasMid = "41.194 → 40.947 after 180 sold → 42.184 an hour later",
            Fingerprint = "314DD478EA9333AA",
        },
        new()
        {
            Seed = 46,
            System = "X1-XJ97",
            Waypoints = 82,
            Marketplaces = 25,
            Asteroids = 54,
            TradeRoutes = 25,
            MinerYardToMine = 67,
            GasGiantToStation = 0,
            MineSales = "IRON_ORE at X1-XJ97-B5 (67); COPPER_ORE at X1-XJ97-B5 (67); ALUMINUM_ORE at X1-XJ97-B5 (67); QUARTZ_SAND at X1-XJ97-D13 (48); SILICON_CRYSTALS at X1-XJ97-D13 (48); ICE_WATER at X1-XJ97-D13 (48)",
            GasMid = "46.067 → 45.791 after 180 sold → 45.981 an hour later",
            Fingerprint = "FC018C558D55798A",
        },
    ];

    [TestCase(42)]
    [TestCase(43)]
    [TestCase(44)]
    [TestCase(45)]
    [TestCase(46)]
    public async Task The_world_under_the_workload_has_the_shape_the_results_were_measured_on(int seed)
    {
        var shape = await WorkloadWorld.DescribeAsync(seed, CancellationToken.None);

        Assert.That(shape, Is.EqualTo(Pinned.SingleOrDefault(p => p.Seed == seed)), "The simulator's world changed under the throttling workload: measure benchmarks/results/throttling.md again and pin the new shape.");
    }

    [Test]
    public async Task A_small_fleet_mines_siphons_and_trades_without_game_errors()
    {
        var result = await FleetRun.RunAsync(
            ThrottlingStrategies.Sdk,
            new WorkloadOptions { Ships = 10, HaulerShare = 0.1, Warmup = TimeSpan.FromMinutes(10), Duration = TimeSpan.FromMinutes(10) },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((result.Haulers, result.Miners, result.Siphoners), Is.EqualTo((1, 3, 6)));
            Assert.That(result.GameErrors, Is.Zero, result.ErrorKinds);
            Assert.That(result.RateLimited, Is.Zero);
            Assert.That(result.Extractions, Is.Positive);
            Assert.That(result.Siphons, Is.Positive);
            Assert.That(result.Sales, Is.Positive);
            Assert.That(result.MinerCredits, Is.Positive);
            Assert.That(result.SiphonCredits, Is.Positive);
            Assert.That(result.CreditsEarned, Is.EqualTo(result.MinerCredits + result.SiphonCredits + result.HaulerCredits));
        });
    }

    [Test]
    public async Task Mining_drones_bought_out_of_cruising_reach_of_the_asteroid_drift_there_in_the_setup()
    {
        // Seed 44: the drone shipyard is more than a tank (80) from every other fuel stop, so no cruise plan leaves it;
        // the setup drifts the drones to the fuel stop nearest the asteroid.
        var result = await FleetRun.RunAsync(
            ThrottlingStrategies.Sdk,
            new WorkloadOptions { Ships = 10, Seed = 44, Warmup = TimeSpan.FromMinutes(5), Duration = TimeSpan.FromMinutes(10) },
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.GameErrors, Is.Zero, result.ErrorKinds);
            Assert.That(result.Extractions, Is.Positive);
        });
    }

    [Test]
    public async Task Two_nodes_with_a_limiter_each_sized_to_the_whole_agent_draw_429s()
    {
        var options = new WorkloadOptions { Ships = 100, HaulerShare = 0, Warmup = TimeSpan.FromMinutes(2), Duration = TimeSpan.FromMinutes(5) };

        var one = await FleetRun.RunAsync(ThrottlingStrategies.Sdk, options, CancellationToken.None);
        var two = await FleetRun.RunAsync(ThrottlingStrategies.Sdk, options with { Nodes = 2 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(one.RateLimited, Is.Zero);
            Assert.That(two.Nodes, Is.EqualTo(2));
            Assert.That(two.RateLimited, Is.Positive);
        });
    }
}
