namespace SpaceTraders.Simulator.Game;

/// <summary>A ship condition event (ShipConditionEvent).</summary>
internal sealed record ConditionEvent(string Symbol, string Component, string Name, string Description);

/// <summary>
/// Wear and tear. Every flight wears the engine by <c>0.0005 + 0.00002 × distance</c> and the frame by half that;
/// every extraction or siphon wears the reactor by 0.001 and the frame by 0.0005. With a small chance (8% per
/// flight, 5% per extraction) an event adds 0.01-0.03 of wear to one component and is reported in <c>events</c>.
/// Integrity falls by a tenth of the wear. Condition does not change yields or speeds; repairs restore it.
/// </summary>
internal static class ConditionEvents
{
    private static readonly ConditionEvent[] Flight =
    [
        new("HULL_MICROMETEORITE_STRIKES", "FRAME", "Hull Micrometeorite Strikes", "Micrometeorites struck the hull during the flight, wearing the frame."),
        new("SPACE_DEBRIS_COLLISION", "FRAME", "Space Debris Collision", "The ship collided with space debris in transit."),
        new("THRUSTER_NOZZLE_WEAR", "ENGINE", "Thruster Nozzle Wear", "Long burns wore the thruster nozzles."),
        new("EXHAUST_PORT_CLOGGING", "ENGINE", "Exhaust Port Clogging", "Particulates clogged the exhaust ports."),
        new("DUST_MICROABRASIONS", "ENGINE", "Dust Microabrasions", "Interplanetary dust abraded the engine intakes."),
        new("BEARING_LUBRICATION_FADE", "ENGINE", "Bearing Lubrication Fade", "Engine bearings lost lubrication during the flight."),
        new("SOLAR_FLARE_INTERFERENCE", "REACTOR", "Solar Flare Interference", "A solar flare disturbed the reactor's regulation."),
        new("THERMAL_STRESS", "FRAME", "Thermal Stress", "Temperature swings stressed the frame."),
    ];

    private static readonly ConditionEvent[] Extraction =
    [
        new("REACTOR_OVERLOAD", "REACTOR", "Reactor Overload", "The mounts drew more power than the reactor was rated for."),
        new("ENERGY_SPIKE_FROM_MINERAL", "REACTOR", "Energy Spike from Mineral", "An unstable mineral released an energy spike into the ship's systems."),
        new("VIBRATION_DAMAGE_FROM_DRILLING", "FRAME", "Vibration Damage from Drilling", "Drilling vibrations loosened parts of the frame."),
        new("IMPACT_WITH_EXTRACTED_DEBRIS", "FRAME", "Impact with Extracted Debris", "Debris from the extraction struck the hull."),
        new("CORROSIVE_MINERAL_CONTAMINATION", "FRAME", "Corrosive Mineral Contamination", "Corrosive minerals contaminated the cargo bay."),
        new("COOLANT_LEAK", "REACTOR", "Coolant Leak", "A coolant line leaked under the load of extraction."),
    ];

    /// <summary>Wears a ship after a flight of <paramref name="distance"/> and returns the events (usually none).</summary>
    public static IReadOnlyList<ConditionEvent> AfterFlight(Ship ship, double distance, Random random)
    {
        var wear = 0.0005 + (0.00002 * distance);
        ship.EngineWear.Wear(wear);
        ship.FrameWear.Wear(wear / 2);
        return random.NextDouble() < 0.08 ? [Apply(ship, Flight[random.Next(Flight.Length)], random)] : [];
    }

    /// <summary>Wears a ship after an extraction or siphon and returns the events (usually none).</summary>
    public static IReadOnlyList<ConditionEvent> AfterExtraction(Ship ship, Random random)
    {
        ship.ReactorWear.Wear(0.001);
        ship.FrameWear.Wear(0.0005);
        return random.NextDouble() < 0.05 ? [Apply(ship, Extraction[random.Next(Extraction.Length)], random)] : [];
    }

    private static ConditionEvent Apply(Ship ship, ConditionEvent e, Random random)
    {
        var extra = 0.01 + (random.NextDouble() * 0.02);
        var component = e.Component switch
        {
            "ENGINE" => ship.EngineWear,
            "REACTOR" => ship.ReactorWear,
            _ => ship.FrameWear,
        };
        component.Wear(extra);
        return e;
    }
}
