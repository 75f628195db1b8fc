using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Fixtures.Sample;

/// <summary>
/// A test fixture plugin built twice from the same source, as version <c>week9</c> and <c>week10</c>, with the same
/// plugin id and the same assembly name, so the runtime must load both side by side.
/// </summary>
public sealed class SamplePlugin : IStrategyPlugin
{
#if SAMPLE_V2
    public const string Version = "week10";
#else
    public const string Version = "week9";
#endif

    public PluginManifest Manifest { get; } = new(
        "fixtures.sample",
        Version,
        PluginContract.Version,
        [
            new StrategyDescriptor("hello", "Says which version runs it on the fleet board, then idles.", [new ParameterDescriptor("greeting", ParameterType.String, "The greeting.", "hello")]),
            new StrategyDescriptor("mine-and-sell", "Mines at the engineered asteroid until the hold is full, sells at a market that buys the ore, refuels.", [new ParameterDescriptor("trips", ParameterType.Integer, "Round trips before completing.", "1")]),
            new StrategyDescriptor("scout-markets", "Visits the system's markets and reads them with the ship present.", [new ParameterDescriptor("markets", ParameterType.Integer, "Markets to visit before completing.", "3")]),
            new StrategyDescriptor("refit", "Buys the cheapest ship at the nearest shipyard, then takes a mount off and puts it back."),
        ],
        [
            new StrategyDescriptor("sample-fleet", "Probes scout markets; every other ship mines and sells; ships that finish get their behaviour again."),
            new StrategyDescriptor("sample-refit", "The command ship refits once, then every ship mines and sells."),
        ]);

    public IBehaviour CreateBehaviour(string behaviourId) => behaviourId switch
    {
        "hello" => new HelloBehaviour(),
        "mine-and-sell" => new MineAndSellBehaviour(),
        "scout-markets" => new ScoutMarketsBehaviour(),
        "refit" => new RefitBehaviour(),
        _ => throw new ArgumentException($"Unknown behaviour '{behaviourId}'.", nameof(behaviourId)),
    };

    public IConductor CreateConductor(string conductorId) => conductorId switch
    {
        "sample-fleet" => new SampleFleetConductor(),
        "sample-refit" => new CapitalSpenderConductor(),
        _ => throw new ArgumentException($"Unknown conductor '{conductorId}'.", nameof(conductorId)),
    };
}
