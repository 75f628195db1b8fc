using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Tests.Week10;

/// <summary>
/// A test plugin whose <c>flood@test</c> behaviour saturates the rate limit: it buys one unit of fuel (so its session
/// earns less than nothing), then reads the market it is at back to back, for ever.
/// </summary>
internal sealed class FloodPlugin : IStrategyPlugin
{
    public static StrategyRef Flood => new("flood", "test");

    public PluginManifest Manifest { get; } = new("test.flood", "test", PluginContract.Version, [new StrategyDescriptor("flood", "Reads a market back to back (requests: how many reads, then the session completes; forever by default).", [new ParameterDescriptor("requests", ParameterType.Integer, "Market reads before the session completes.", "2147483647")])], []);

    public IBehaviour CreateBehaviour(string behaviourId) => new FloodBehaviour();

    public IConductor CreateConductor(string conductorId) => throw new ArgumentException("No conductors.", nameof(conductorId));

    private sealed class FloodBehaviour : IBehaviour
    {
        public async Task<BehaviourResult> RunAsync(IBehaviourContext context, CancellationToken cancellationToken)
        {
            var pilot = new ShipPilot(context.Client, context.Ship.Symbol);
            if (context.Ship.Current.Nav is null)
            {
                await pilot.RefreshAsync(cancellationToken);
            }

            var market = pilot.Ship.WaypointSymbol!;
            await pilot.BuyAsync(TradeSymbol.Fuel, 1, cancellationToken);
            var requests = context.Parameters.GetInt32("requests", int.MaxValue);
            for (var i = 0; i < requests; i++)
            {
                await context.Client.Systems.GetMarketAsync(market, RequestPriority.Normal, cancellationToken);
            }

            return BehaviourResult.Completed;
        }
    }
}
