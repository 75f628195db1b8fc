using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Benchmarks.Navigation;

/// <summary>
/// Route planning in a 100-waypoint system (positions within ±400, every fifth waypoint sells FUEL): across the
/// system with a full tank, with a tank that forces refuel stops, and for a probe; plus building the planner.
/// </summary>
[MemoryDiagnoser]
public class RoutePlanningBenchmarks
{
    private const int Waypoints = 100;
    private WaypointPosition[] _waypoints = null!;
    private string[] _stations = null!;
    private SystemRoutePlanner _planner = null!;
    private string _from = null!;
    private string _to = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _waypoints = [.. Enumerable.Range(0, Waypoints).Select(i => new WaypointPosition($"X1-BM-W{i:D3}", "X1-BM", random.Next(-400, 401), random.Next(-400, 401)))];
        _stations = [.. _waypoints.Where((_, i) => i % 5 == 0).Select(w => w.Symbol)];
        _planner = new SystemRoutePlanner(_waypoints, _stations);

        // The two waypoints farthest apart.
        var (a, b) = (from p in _waypoints from q in _waypoints select (p, q)).MaxBy(x => x.p.DistanceTo(x.q));
        (_from, _to) = (a.Symbol, b.Symbol);
    }

    [Benchmark(Description = "Plan across, full tank (400)")]
    public RoutePlan? FullTank() => _planner.Plan(_from, _to, new RouteShip(30, 400, 400));

    [Benchmark(Description = "Plan across, small tank (150): refuel stops")]
    public RoutePlan? SmallTank() => _planner.Plan(_from, _to, new RouteShip(30, 150, 150));

    [Benchmark(Description = "Plan across, probe (no fuel)")]
    public RoutePlan? Probe() => _planner.Plan(_from, _to, new RouteShip(9, 0, 0));

    [Benchmark(Description = "Build a 100-waypoint planner")]
    public SystemRoutePlanner Build() => new(_waypoints, _stations);
}
