using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.MarketScout.Planning;

/// <summary>A ship that tours markets, as the planner sees it: where its tour starts and how fast it flies.</summary>
/// <param name="Symbol">The ship's symbol.</param>
/// <param name="Start">Where its tour starts and ends: the ship's waypoint (or the entry point of the system it is sent to).</param>
/// <param name="EngineSpeed">The ship's engine speed; at least 1.</param>
internal sealed record ScoutShip(string Symbol, WaypointPosition Start, int EngineSpeed);
