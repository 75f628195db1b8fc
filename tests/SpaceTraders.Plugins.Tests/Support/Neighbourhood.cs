using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;

namespace SpaceTraders.Plugins.Tests.Support;

/// <summary>
/// Finds systems along the jump gates through the game's public endpoints (waypoints, gates, market listings,
/// shipyard listings), reading them into the agent's shared caches, so a scenario can send a ship where the world
/// offers what it tests (a live-sized starting system sells no mounts, and sells every gas it imports).
/// </summary>
internal static class Neighbourhood
{
    /// <summary>What a scenario sees of a system when choosing it.</summary>
    /// <param name="Symbol">The system.</param>
    /// <param name="Jumps">Jumps from home along the gates.</param>
    /// <param name="Waypoints">Its waypoints.</param>
    /// <param name="Markets">Its markets' listings.</param>
    /// <param name="Shipyards">Its shipyards' listings.</param>
    public sealed record SystemView(string Symbol, int Jumps, IReadOnlyList<Waypoint> Waypoints, IReadOnlyList<MarketSnapshot> Markets, IReadOnlyList<Shipyard> Shipyards)
    {
        /// <summary>Gets whether some market of the system exports or exchanges the good.</summary>
        public bool Sells(string good) => Markets.Any(m => m.Exports.Concat(m.Exchange).Any(g => g.Value == good));

        /// <summary>Gets whether some market of the system imports the good.</summary>
        public bool Imports(string good) => Markets.Any(m => m.Imports.Any(g => g.Value == good));
    }

    /// <summary>
    /// Reads the systems breadth-first from <paramref name="home"/> (fewest jumps first, then by symbol) up to
    /// <paramref name="maxJumps"/> jumps, through working gates only, and returns the first one other than home that
    /// <paramref name="wanted"/> accepts.
    /// </summary>
    /// <returns>The system, or <see langword="null"/> when none within reach is wanted.</returns>
    public static async Task<SystemView?> FindAsync(IConductorContext context, string home, int maxJumps, Func<SystemView, bool> wanted, CancellationToken ct)
    {
        var jumps = new Dictionary<string, int>(StringComparer.Ordinal) { [home] = 0 };
        var frontier = new List<string> { home };
        while (frontier.Count > 0)
        {
            var next = new List<string>();
            foreach (var system in frontier.Order(StringComparer.Ordinal))
            {
                var waypoints = await context.World.GetWaypointsAsync(system, ct);
                var gate = waypoints.FirstOrDefault(w => w.Type == WaypointType.JumpGate);
                if (gate is null || gate.IsUnderConstruction)
                {
                    continue;
                }

                if (system != home)
                {
                    await MarketListings.EnsureLoadedAsync(context.Client, system, ct);
                    var shipyards = new List<Shipyard>();
                    foreach (var yard in waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)))
                    {
                        shipyards.Add(await context.World.GetShipyardAsync(yard.Symbol, ct));
                    }

                    var view = new SystemView(system, jumps[system], waypoints, context.Markets.GetMarkets(system), shipyards);
                    if (wanted(view))
                    {
                        return view;
                    }
                }

                if (jumps[system] == maxJumps)
                {
                    continue;
                }

                foreach (var connection in (await context.World.GetJumpGateAsync(gate.Symbol, ct)).Connections.Select(ShipPilot.SystemOf))
                {
                    if (jumps.TryAdd(connection, jumps[system] + 1))
                    {
                        next.Add(connection);
                    }
                }
            }

            frontier = next;
        }

        return null;
    }
}
