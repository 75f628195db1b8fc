using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.MarketScout;

/// <summary>The parameters of the conductor and the behaviour, with their defaults, and how they are read.</summary>
internal static class ScoutParameters
{
    public const string Scouts = "scouts";
    public const string Strategy = "strategy";
    public const string Systems = "systems";
    public const string BuyProbes = "buyProbes";
    public const string CommandShipScouts = "commandShipScouts";
    public const string FlightMode = "flightMode";
    public const string VisitOverhead = "visitOverhead";
    public const string MinimumRevisit = "minimumRevisit";
    public const string Seed = "seed";
    public const string SolutionLimit = "solutionLimit";

    private static readonly ParameterDescriptor FlightModeParameter = new(FlightMode, ParameterType.String, "The flight mode tour estimates assume (CRUISE, BURN, STEALTH or DRIFT); the pilot picks the fastest feasible mode per hop, which for probes (no fuel tank) is BURN.", "BURN")
    {
        AllowedValues = ["CRUISE", "BURN", "STEALTH", "DRIFT"],
    };
    private static readonly ParameterDescriptor VisitOverheadParameter = new(VisitOverhead, ParameterType.Duration, "Time spent at each market besides flying (the market read and the rate limiter's queue), for tour estimates.", "2");

    private static readonly ParameterDescriptor MinimumRevisitParameter = new(
        MinimumRevisit,
        ParameterType.Duration,
        "The youngest the stalest market of a lap may be when the lap starts; a scout whose tour is shorter waits (on the fleet board, so a re-plan wakes it) instead of reading the same markets again at once.",
        "00:05:00");

    /// <summary>Gets the behaviour's parameters.</summary>
    public static IReadOnlyList<ParameterDescriptor> Behaviour { get; } = [FlightModeParameter, VisitOverheadParameter, MinimumRevisitParameter];

    /// <summary>Gets the conductor's parameters.</summary>
    public static IReadOnlyList<ParameterDescriptor> Conductor { get; } =
    [
        new(Scouts, ParameterType.Integer, "How many ships scout markets.", "3"),
        new(Strategy, ParameterType.String, "How markets are shared among scouts: greedy, kmeans, slices or optimal (OR-Tools).", "optimal")
        {
            AllowedValues = PartitionStrategies.Names,
        },
        new(Systems, ParameterType.List, "The systems whose markets are scouted; empty for the command ship's system.", string.Empty),
        new(BuyProbes, ParameterType.Boolean, "Whether to buy probes at the nearest shipyard until there are enough scouts.", "true"),
        new(CommandShipScouts, ParameterType.Boolean, "Whether the command ship scouts too.", "false"),
        FlightModeParameter,
        VisitOverheadParameter,
        MinimumRevisitParameter,
        new(Seed, ParameterType.Integer, "The seed of the k-means start.", "1"),
        new(SolutionLimit, ParameterType.Integer, "The most solutions one OR-Tools local search may visit: a deterministic cap (no wall-clock limit); searches normally end at a local optimum well before it.", "100000"),
    ];

    /// <summary>Reads the tour-time model from parameters.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="rules">The travel formulas of the agent's state.</param>
    /// <returns>The model.</returns>
    public static TourCosts Costs(StrategyParameters parameters, SpaceTraders.Sdk.Navigation.FlightRules rules)
    {
        var mode = new ShipNavFlightMode(parameters.GetString(FlightMode, "BURN").Trim().ToUpperInvariant());
        if (!SpaceTraders.Sdk.Navigation.FlightRules.IsKnown(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(parameters), mode.Value, "Unknown flight mode: the SDK knows CRUISE, DRIFT, BURN and STEALTH.");
        }

        var overhead = parameters.GetDuration(VisitOverhead, TimeSpan.FromSeconds(2));
        return new TourCosts(rules, mode, (int)Math.Round(overhead.TotalSeconds));
    }
}
