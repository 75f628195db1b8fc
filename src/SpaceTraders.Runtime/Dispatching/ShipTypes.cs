using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// The shipyard type of a ship, inferred from its frame, role and mounts (the ship itself does not carry it): the
/// standard types are told apart this way; anything else is reported by its frame.
/// </summary>
internal static class ShipTypes
{
    public static string? Infer(ShipSnapshot ship)
    {
        var frame = ship.Frame?.Symbol.ToString();
        var role = ship.Registration?.Role.ToString();
        var siphon = ship.Mounts?.Any(m => m.Symbol.ToString().StartsWith("MOUNT_GAS_SIPHON", StringComparison.Ordinal)) == true;
        return (frame, role) switch
        {
            (null, _) => null,
            ("FRAME_PROBE", _) => "SHIP_PROBE",
            ("FRAME_FRIGATE", "COMMAND") => "SHIP_COMMAND_FRIGATE",
            ("FRAME_DRONE", "EXCAVATOR") => siphon ? "SHIP_SIPHON_DRONE" : "SHIP_MINING_DRONE",
            ("FRAME_DRONE", "SURVEYOR") => "SHIP_SURVEYOR",
            ("FRAME_LIGHT_FREIGHTER", "HAULER") => "SHIP_LIGHT_HAULER",
            ("FRAME_SHUTTLE", _) => "SHIP_LIGHT_SHUTTLE",
            ("FRAME_MINER", _) => "SHIP_ORE_HOUND",
            ("FRAME_EXPLORER", _) => "SHIP_EXPLORER",
            ("FRAME_INTERCEPTOR", _) => "SHIP_INTERCEPTOR",
            ("FRAME_HEAVY_FREIGHTER", "REFINERY") => "SHIP_REFINING_FREIGHTER",
            ("FRAME_HEAVY_FREIGHTER", "HAULER") => "SHIP_HEAVY_FREIGHTER",
            _ => frame,
        };
    }
}
