using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>
/// Plans market tours for a set of scouts: shares the markets among them with a <see cref="PartitionStrategy"/> and
/// orders each tour. Markets of several systems are planned system by system: scouts are apportioned to systems by
/// their workload (every system gets one scout while scouts last; each further scout goes to the system whose tour
/// time per scout is highest), scouts already in a system staying there when they can.
/// </summary>
internal sealed class ScoutPlanner
{
    private readonly Dictionary<PartitionStrategy, IMarketPartitioner> _partitioners;

    /// <summary>Initializes a new instance of the <see cref="ScoutPlanner"/> class.</summary>
    /// <param name="costs">The tour-time model.</param>
    /// <param name="seed">The k-means seed.</param>
    /// <param name="solutionLimit">The OR-Tools solution limit.</param>
    public ScoutPlanner(TourCosts costs, int seed = 1, long solutionLimit = 100_000)
    {
        Costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _partitioners = new IMarketPartitioner[]
        {
            new GreedyPartitioner(),
            new KMeansPartitioner(seed),
            new SlicePartitioner(),
            new OrToolsPartitioner(solutionLimit),
        }.ToDictionary(p => p.Strategy);
    }

    /// <summary>Gets the tour-time model.</summary>
    public TourCosts Costs { get; }

    /// <summary>Plans tours.</summary>
    /// <param name="strategy">How to partition.</param>
    /// <param name="scouts">The scouts (distinct symbols).</param>
    /// <param name="markets">The markets (distinct symbols), of one system or several.</param>
    /// <param name="entryPoints">Where a scout sent to another system starts its tour (the system's jump gate); when absent, the system's first market.</param>
    /// <returns>The plan: one tour per scout (empty for a scout left without markets) and the markets no scout could take.</returns>
    public PlannedTours Plan(
        PartitionStrategy strategy,
        IReadOnlyList<ScoutShip> scouts,
        IReadOnlyList<WaypointPosition> markets,
        IReadOnlyDictionary<string, WaypointPosition>? entryPoints = null)
    {
        ArgumentNullException.ThrowIfNull(scouts);
        ArgumentNullException.ThrowIfNull(markets);
        var partitioner = _partitioners[strategy];
        var bySystem = markets
            .GroupBy(m => m.SystemSymbol, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WaypointPosition>)[.. g.OrderBy(m => m.Symbol, StringComparer.Ordinal)], StringComparer.Ordinal);
        var orderedScouts = scouts.OrderBy(s => s.Symbol, StringComparer.Ordinal).ToList();
        var tours = new List<Tour>();
        var unassigned = new List<WaypointPosition>();
        string? note = null;
        if (orderedScouts.Count == 0)
        {
            return new PlannedTours(strategy, [], [.. bySystem.Values.SelectMany(m => m)]);
        }

        foreach (var (system, crew) in Apportion(orderedScouts, bySystem, entryPoints))
        {
            if (crew.Count == 0)
            {
                unassigned.AddRange(bySystem[system]);
                continue;
            }

            try
            {
                tours.AddRange(partitioner.Partition(crew, bySystem[system], Costs));
            }
            catch (Exception error) when (strategy == PartitionStrategy.Optimal && IsNativeLoadFailure(error))
            {
                // OR-Tools' native library could not be loaded here: the other strategies need none, so plan greedily.
                note = $"the optimal solver is unavailable ({error.GetType().Name}: {(error.InnerException ?? error).Message}); greedy plan used";
                tours.AddRange(_partitioners[PartitionStrategy.Greedy].Partition(crew, bySystem[system], Costs));
            }
        }

        // Scouts that no system needed keep an empty tour, so the plan names every scout.
        foreach (var scout in orderedScouts.Where(s => !tours.Any(t => t.Scout.Symbol == s.Symbol)))
        {
            tours.Add(Tour.Empty(scout));
        }

        return new PlannedTours(strategy, [.. tours.OrderBy(t => t.Scout.Symbol, StringComparer.Ordinal)], unassigned) { Note = note };
    }

    private static bool IsNativeLoadFailure(Exception error) => error switch
    {
        DllNotFoundException or BadImageFormatException or EntryPointNotFoundException => true,
        TypeInitializationException { InnerException: { } inner } => IsNativeLoadFailure(inner),
        _ => false,
    };

    /// <summary>Gives each system its scouts (with their start moved into the system).</summary>
    private List<(string System, List<ScoutShip> Crew)> Apportion(
        List<ScoutShip> scouts,
        Dictionary<string, IReadOnlyList<WaypointPosition>> bySystem,
        IReadOnlyDictionary<string, WaypointPosition>? entryPoints)
    {
        var systems = bySystem.Keys.ToList();
        if (systems.Count == 1)
        {
            return [(systems[0], [.. scouts.Select(s => Into(s, systems[0], bySystem[systems[0]], entryPoints))])];
        }

        // Workload of a system: one reference scout's tour over all its markets from its first market.
        var referenceSpeed = scouts.Min(s => s.EngineSpeed);
        var workload = systems.ToDictionary(
            s => s,
            s => (double)TourOrdering.Build(new ScoutShip("reference", bySystem[s][0], referenceSpeed), bySystem[s], Costs).Seconds,
            StringComparer.Ordinal);
        var slots = systems.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var system in systems.OrderByDescending(s => workload[s]).ThenBy(s => s, StringComparer.Ordinal).Take(scouts.Count))
        {
            slots[system] = 1;
        }

        for (var extra = scouts.Count - slots.Values.Sum(); extra > 0; extra--)
        {
            var busiest = systems.OrderByDescending(s => workload[s] / (slots[s] + 1.0)).ThenBy(s => s, StringComparer.Ordinal).First();
            slots[busiest]++;
        }

        var crews = systems.ToDictionary(s => s, _ => new List<ScoutShip>(), StringComparer.Ordinal);
        var waiting = new List<ScoutShip>();
        foreach (var scout in scouts)
        {
            var home = scout.Start.SystemSymbol;
            if (crews.TryGetValue(home, out var crew) && crew.Count < slots[home])
            {
                crew.Add(scout);
            }
            else
            {
                waiting.Add(scout);
            }
        }

        foreach (var scout in waiting)
        {
            var system = systems.First(s => crews[s].Count < slots[s]);
            crews[system].Add(Into(scout, system, bySystem[system], entryPoints));
        }

        return [.. systems.Select(s => (s, crews[s]))];
    }

    private static ScoutShip Into(ScoutShip scout, string system, IReadOnlyList<WaypointPosition> markets, IReadOnlyDictionary<string, WaypointPosition>? entryPoints)
    {
        if (string.Equals(scout.Start.SystemSymbol, system, StringComparison.Ordinal))
        {
            return scout;
        }

        var entry = entryPoints is not null && entryPoints.TryGetValue(system, out var gate) ? gate : markets[0];
        return scout with { Start = entry };
    }
}

/// <summary>What <see cref="ScoutPlanner.Plan"/> decided.</summary>
/// <param name="Strategy">The partitioning strategy used.</param>
/// <param name="Tours">One tour per scout, ordered by ship symbol.</param>
/// <param name="Unassigned">Markets no scout could take (systems left without a scout).</param>
internal sealed record PlannedTours(PartitionStrategy Strategy, IReadOnlyList<Tour> Tours, IReadOnlyList<WaypointPosition> Unassigned)
{
    /// <summary>Gets what went differently from the plan asked for (the optimal solver unavailable), if anything.</summary>
    public string? Note { get; init; }

    /// <summary>Gets the longest tour's seconds.</summary>
    public int MaxSeconds => Tours.Count == 0 ? 0 : Tours.Max(t => t.Seconds);

    /// <summary>Gets the mean tour seconds over the scouts.</summary>
    public double MeanSeconds => Tours.Count == 0 ? 0 : Tours.Average(t => (double)t.Seconds);

    /// <summary>Gets the balance: the longest tour over the mean tour (1 is perfect); 1 when there are no tours.</summary>
    public double Balance => MeanSeconds <= 0 ? 1 : MaxSeconds / MeanSeconds;
}
