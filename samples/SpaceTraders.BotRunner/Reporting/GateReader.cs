using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.BotRunner.Reporting;

/// <summary>Reads the construction of the agent's starting system's jump gate from the game, for the report.</summary>
internal static class GateReader
{
    /// <summary>Reads the gate: the agent's headquarters system, its jump gate, and the gate's construction site if it has one.</summary>
    /// <param name="agent">The agent's client options (as the runtime played it).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The gate, or <see langword="null"/> when the system has none.</returns>
    /// <remarks>Runs as an actor of the game's clock (up to three requests), so that it works in virtual time after the runtime stopped.</remarks>
    public static async Task<GateProgress?> ReadAsync(SpaceTradersClientOptions agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        GateProgress? gate = null;
        await agent.TimeProvider.RunActorAsync("read the starting gate", async ct =>
        {
            using var client = new SpaceTradersClient(agent);
            var me = await client.Agents.GetMyAgentAsync(RequestPriority.Background, ct).ConfigureAwait(false);
            var system = SystemOf(me.Headquarters);
            var page = await client.Systems.GetSystemWaypointsAsync(system, limit: 20, type: WaypointType.JumpGate, priority: RequestPriority.Background, cancellationToken: ct).ConfigureAwait(false);
            if (page.Items.FirstOrDefault() is not { } waypoint)
            {
                return;
            }

            // A gate completed during the run is no longer under construction, but its site still says what went into it.
            Construction construction;
            try
            {
                construction = await client.Systems.GetConstructionAsync(system, waypoint.Symbol, RequestPriority.Background, ct).ConfigureAwait(false);
            }
            catch (SpaceTradersApiException)
            {
                gate = new GateProgress { Waypoint = waypoint.Symbol, Complete = !waypoint.IsUnderConstruction, Fulfilled = 0, Required = 0 };
                return;
            }

            gate = new GateProgress
            {
                Waypoint = waypoint.Symbol,
                Complete = construction.IsComplete || !waypoint.IsUnderConstruction,
                Fulfilled = construction.Materials.Sum(m => m.Fulfilled),
                Required = construction.Materials.Sum(m => m.Required),
                Materials = [.. construction.Materials.Select(m => new GateMaterial(m.TradeSymbol.ToString(), m.Fulfilled, m.Required))],
            };
        }, cancellationToken).ConfigureAwait(false);
        return gate;
    }

    private static string SystemOf(string waypoint)
    {
        var parts = waypoint.Split('-');
        return parts.Length >= 2 ? parts[0] + "-" + parts[1] : waypoint;
    }
}
