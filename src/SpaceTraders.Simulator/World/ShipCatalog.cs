using System.Collections.Frozen;

namespace SpaceTraders.Simulator.World;

/// <summary>What a ship component needs from the ship (power, crew, module slots); null when not applicable.</summary>
internal sealed record ComponentRequirements(int? Power, int? Crew, int? Slots);

/// <summary>A frame type.</summary>
internal sealed record FrameSpec(string Symbol, string Name, string Description, int ModuleSlots, int MountingPoints, int FuelCapacity, ComponentRequirements Requirements);

/// <summary>A reactor type.</summary>
internal sealed record ReactorSpec(string Symbol, string Name, string Description, int PowerOutput, ComponentRequirements Requirements);

/// <summary>An engine type.</summary>
internal sealed record EngineSpec(string Symbol, string Name, string Description, int Speed, ComponentRequirements Requirements);

/// <summary>A module type (cargo holds, processors, refineries, drives...).</summary>
internal sealed record ModuleSpec(string Symbol, string Name, string Description, int? Capacity, int? Range, ComponentRequirements Requirements);

/// <summary>A mount type (lasers, siphons, surveyors, sensors, weapons).</summary>
internal sealed record MountSpec(string Symbol, string Name, string Description, int? Strength, string[]? Deposits, ComponentRequirements Requirements);

/// <summary>A ship type as shipyards sell it.</summary>
internal sealed record ShipTypeSpec(
    string Type,
    string Name,
    string Description,
    string Role,
    FrameSpec Frame,
    ReactorSpec Reactor,
    EngineSpec Engine,
    ModuleSpec[] Modules,
    MountSpec[] Mounts,
    int CrewRequired,
    int CrewCapacity,
    int BasePrice);

/// <summary>
/// Frames, reactors, engines, modules, mounts and the thirteen ship types of the spec, with plausible values
/// modelled on the live game (speeds, fuel capacities, power, slots). The ships a live starting system sells (probe,
/// mining, siphon and survey drones, light shuttle and hauler) have the live capture's outfits and prices
/// (<c>docs/api/captures/live-start-X1-AD75</c>); the other prices are the simulator's own.
/// </summary>
internal static class ShipCatalog
{
    private static readonly string[] BasicDeposits =
        ["QUARTZ_SAND", "SILICON_CRYSTALS", "PRECIOUS_STONES", "ICE_WATER", "AMMONIA_ICE", "IRON_ORE", "COPPER_ORE", "SILVER_ORE", "ALUMINUM_ORE", "GOLD_ORE", "PLATINUM_ORE"];

    private static readonly FrozenDictionary<string, FrameSpec> FrameTable = Index<FrameSpec>(
    [
        Frame("FRAME_PROBE", "Probe", "A small, unmanned spacecraft used for exploration, reconnaissance, and scientific research.", 0, 0, 0, 1, 0),
        Frame("FRAME_DRONE", "Drone", "A small, unmanned spacecraft used for various tasks, such as surveillance, transportation, or combat.", 3, 2, 80, 1, 0),
        Frame("FRAME_INTERCEPTOR", "Interceptor", "A small, agile spacecraft designed for high-speed, short-range combat missions.", 4, 2, 500, 1, 5),
        Frame("FRAME_RACER", "Racer", "A fast, agile spacecraft built for speed and maneuverability.", 4, 2, 600, 3, 8),
        Frame("FRAME_FIGHTER", "Fighter", "A small, agile spacecraft designed for combat.", 4, 4, 600, 5, 15),
        Frame("FRAME_FRIGATE", "Frigate", "A medium-sized, multi-purpose spacecraft, often used for combat, transport, or support operations.", 8, 5, 400, 8, 25),
        Frame("FRAME_SHUTTLE", "Shuttle", "A small, reusable spacecraft designed for short-range, low-speed travel between spacecraft or planetary surfaces.", 3, 1, 300, 1, 10),
        Frame("FRAME_EXPLORER", "Explorer", "A large, long-range spacecraft designed for deep space exploration and scientific research.", 8, 2, 1500, 5, 30),
        Frame("FRAME_MINER", "Miner", "A medium-sized spacecraft designed for mining operations and resource extraction.", 6, 3, 900, 5, 15),
        Frame("FRAME_LIGHT_FREIGHTER", "Light Freighter", "A small, versatile spacecraft used for cargo transport and other commercial operations.", 6, 1, 600, 5, 40),
        Frame("FRAME_HEAVY_FREIGHTER", "Heavy Freighter", "A large spacecraft used for cargo transport and other commercial operations in hostile environments.", 12, 3, 2300, 10, 100),
        Frame("FRAME_TRANSPORT", "Transport", "A spacecraft designed to carry people and cargo over long distances.", 10, 2, 1200, 8, 60),
        Frame("FRAME_DESTROYER", "Destroyer", "A large, heavily-armed warship.", 8, 6, 1400, 15, 60),
        Frame("FRAME_CRUISER", "Cruiser", "A large warship built for extended operations far from support.", 10, 8, 2000, 20, 100),
        Frame("FRAME_CARRIER", "Carrier", "A massive warship that carries and launches smaller craft.", 14, 5, 2600, 25, 150),
        Frame("FRAME_BULK_FREIGHTER", "Bulk Freighter", "A huge, slow cargo ship for moving bulk goods between markets.", 16, 2, 3000, 12, 120),
    ], static f => f.Symbol);

    private static readonly FrozenDictionary<string, ReactorSpec> ReactorTable = Index<ReactorSpec>(
    [
        new("REACTOR_SOLAR_I", "Solar Reactor I", "A basic solar power reactor, used to generate electricity from solar energy.", 3, new(null, 0, null)),
        new("REACTOR_FUSION_I", "Fusion Reactor I", "A basic fusion power reactor, used to generate electricity from nuclear fusion reactions.", 40, new(null, 12, null)),
        new("REACTOR_FISSION_I", "Fission Reactor I", "A basic fission power reactor, used to generate electricity from nuclear fission reactions.", 31, new(null, 8, null)),
        new("REACTOR_CHEMICAL_I", "Chemical Reactor I", "A basic chemical power reactor, used to generate electricity from chemical reactions.", 15, new(null, 3, null)),
        new("REACTOR_ANTIMATTER_I", "Antimatter Reactor I", "A basic antimatter power reactor, used to generate electricity from antimatter reactions.", 60, new(null, 20, null)),
    ], static r => r.Symbol);

    private static readonly FrozenDictionary<string, EngineSpec> EngineTable = Index<EngineSpec>(
    [
        new("ENGINE_IMPULSE_DRIVE_I", "Impulse Drive I", "A basic low-energy propulsion system that generates thrust for interplanetary travel.", 9, new(1, 0, null)),
        new("ENGINE_ION_DRIVE_I", "Ion Drive I", "An advanced propulsion system that uses ionized particles to generate high-speed, low-thrust acceleration.", 15, new(3, 3, null)),
        new("ENGINE_ION_DRIVE_II", "Ion Drive II", "An advanced propulsion system that uses ionized particles to generate high-speed, low-thrust acceleration, with improved efficiency and performance.", 36, new(6, 8, null)),
        new("ENGINE_HYPER_DRIVE_I", "Hyper Drive I", "A propulsion system that uses advanced physics to achieve faster-than-light travel within a system.", 45, new(10, 12, null)),
    ], static e => e.Symbol);

    private static readonly FrozenDictionary<string, ModuleSpec> ModuleTable = Index<ModuleSpec>(
    [
        new("MODULE_MINERAL_PROCESSOR_I", "Mineral Processor", "Crushes and processes extracted minerals and ores into their component parts, filters out impurities, and containerizes them into raw storage units.", null, null, new(1, 0, 2)),
        new("MODULE_GAS_PROCESSOR_I", "Gas Processor", "Filters and processes extracted gases into their component parts, filters out impurities, and containerizes them into raw storage units.", null, null, new(1, 0, 2)),
        new("MODULE_CARGO_HOLD_I", "Cargo Hold", "A module that increases a ship's cargo capacity.", 15, null, new(1, 0, 1)),
        new("MODULE_CARGO_HOLD_II", "Expanded Cargo Hold", "An expanded cargo hold module that provides more efficient storage space for a ship's cargo.", 40, null, new(2, 2, 2)),
        new("MODULE_CARGO_HOLD_III", "Bulk Cargo Hold", "A bulk cargo hold module that provides a large amount of storage space for a ship's cargo.", 75, null, new(3, 4, 3)),
        new("MODULE_CREW_QUARTERS_I", "Crew Quarters", "A module that provides living space and amenities for the crew.", 40, null, new(1, 2, 1)),
        new("MODULE_ENVOY_QUARTERS_I", "Envoy Quarters", "A module that provides living space and amenities for VIP passengers or diplomatic envoys.", 1, null, new(2, 5, 1)),
        new("MODULE_PASSENGER_CABIN_I", "Passenger Cabin", "A module that provides living space and amenities for passengers.", 30, null, new(2, 2, 1)),
        new("MODULE_MICRO_REFINERY_I", "Micro Refinery", "A small refinery module that turns raw ores into metals, slowly.", null, null, new(4, 2, 2)),
        new("MODULE_ORE_REFINERY_I", "Ore Refinery", "A specialized module that can refine raw ores into usable metals and other materials.", null, null, new(12, 20, 4)),
        new("MODULE_FUEL_REFINERY_I", "Fuel Refinery", "A specialized module that can refine hydrocarbons into fuel.", null, null, new(6, 5, 3)),
        new("MODULE_SCIENCE_LAB_I", "Science Lab", "A specialized module equipped with advanced instruments and equipment for scientific research and analysis.", null, null, new(2, 6, 2)),
        new("MODULE_JUMP_DRIVE_I", "Jump Drive I", "A basic antimatter jump drive that allows for instantaneous short-range interdimensional travel.", null, 500, new(4, 5, 1)),
        new("MODULE_JUMP_DRIVE_II", "Jump Drive II", "An advanced antimatter jump drive that allows for longer-range interdimensional travel.", null, 1000, new(6, 8, 2)),
        new("MODULE_JUMP_DRIVE_III", "Jump Drive III", "A powerful antimatter jump drive that allows for long-range interdimensional travel.", null, 2000, new(10, 10, 2)),
        new("MODULE_WARP_DRIVE_I", "Warp Drive I", "A basic warp drive that allows for short-range interstellar travel.", null, 2000, new(3, 2, 1)),
        new("MODULE_WARP_DRIVE_II", "Warp Drive II", "An advanced warp drive that allows for longer-range interstellar travel with improved reliability.", null, 6000, new(5, 8, 2)),
        new("MODULE_WARP_DRIVE_III", "Warp Drive III", "A powerful warp drive that allows for long-range interstellar travel at a faster rate.", null, 12000, new(8, 10, 2)),
        new("MODULE_SHIELD_GENERATOR_I", "Shield Generator", "A basic shield generator that provides protection against incoming weapons fire and other hazards.", null, null, new(3, 2, 1)),
        new("MODULE_SHIELD_GENERATOR_II", "Advanced Shield Generator", "An advanced shield generator that provides stronger protection against incoming weapons fire and other hazards.", null, null, new(4, 4, 2)),
    ], static m => m.Symbol);

    private static readonly FrozenDictionary<string, MountSpec> MountTable = Index<MountSpec>(
    [
        new("MOUNT_GAS_SIPHON_I", "Gas Siphon I", "A basic gas siphon that can extract gas from gas giants and other gas-rich bodies.", 10, null, new(1, 0, null)),
        new("MOUNT_GAS_SIPHON_II", "Gas Siphon II", "An advanced gas siphon that can extract gas from gas giants and other gas-rich bodies more efficiently and at a higher rate.", 20, null, new(2, 2, null)),
        new("MOUNT_GAS_SIPHON_III", "Gas Siphon III", "An advanced gas siphon that can extract gas from gas giants and other gas-rich bodies with even greater efficiency and at a higher rate.", 35, null, new(3, 3, null)),
        new("MOUNT_SURVEYOR_I", "Surveyor I", "A basic survey probe that can be used to gather information about a mineral deposit.", 1, BasicDeposits, new(1, 1, null)),
        new("MOUNT_SURVEYOR_II", "Surveyor II", "An advanced survey probe that can be used to gather information about a mineral deposit with greater accuracy.", 2, [.. BasicDeposits, "DIAMONDS", "URANITE_ORE"], new(3, 4, null)),
        new("MOUNT_SURVEYOR_III", "Surveyor III", "An advanced survey probe that can be used to gather information about a mineral deposit with even greater accuracy.", 3, [.. BasicDeposits, "DIAMONDS", "URANITE_ORE", "MERITIUM_ORE"], new(5, 6, null)),
        new("MOUNT_SENSOR_ARRAY_I", "Sensor Array I", "A basic sensor array that improves a ship's ability to detect and track other objects in space.", 1, null, new(1, 0, null)),
        new("MOUNT_SENSOR_ARRAY_II", "Sensor Array II", "An advanced sensor array that improves a ship's ability to detect and track other objects in space with greater accuracy and range.", 4, null, new(2, 2, null)),
        new("MOUNT_SENSOR_ARRAY_III", "Sensor Array III", "A powerful sensor array that detects and tracks objects in space across great distances.", 8, null, new(4, 4, null)),
        new("MOUNT_MINING_LASER_I", "Mining Laser I", "A basic mining laser that can be used to extract valuable minerals from asteroids and other space objects.", 10, null, new(1, 1, null)),
        new("MOUNT_MINING_LASER_II", "Mining Laser II", "An advanced mining laser that is more efficient and effective at extracting valuable minerals from asteroids and other space objects.", 25, null, new(2, 2, null)),
        new("MOUNT_MINING_LASER_III", "Mining Laser III", "A powerful mining laser that extracts valuable minerals from asteroids and other space objects at a high rate.", 60, null, new(5, 4, null)),
        new("MOUNT_LASER_CANNON_I", "Laser Cannon", "A basic laser weapon that fires concentrated beams of energy at high speed and accuracy.", null, null, new(2, 1, null)),
        new("MOUNT_MISSILE_LAUNCHER_I", "Missile Launcher", "A basic missile launcher that fires guided missiles with a variety of warheads for different targets.", null, null, new(1, 2, null)),
        new("MOUNT_TURRET_I", "Rotary Cannon", "A rotary cannon is a type of mounted turret that is designed to fire a high volume of rounds in rapid succession.", null, null, new(1, 1, null)),
    ], static m => m.Symbol);

    private static readonly FrozenDictionary<string, ShipTypeSpec> TypeTable = Index<ShipTypeSpec>(
    [
        Type("SHIP_PROBE", "Probe Satellite", "A small, unmanned spacecraft that can be launched into orbit to gather data and perform basic tasks.", "SATELLITE",
            "FRAME_PROBE", "REACTOR_SOLAR_I", "ENGINE_IMPULSE_DRIVE_I", [], [], 0, 0, 21300),
        Type("SHIP_MINING_DRONE", "Mining Drone", "A small, unmanned spacecraft that can be used for mining operations, such as extracting valuable minerals from asteroids.", "EXCAVATOR",
            "FRAME_DRONE", "REACTOR_CHEMICAL_I", "ENGINE_IMPULSE_DRIVE_I", ["MODULE_CARGO_HOLD_I", "MODULE_MINERAL_PROCESSOR_I"], ["MOUNT_MINING_LASER_I"], 0, 0, 41800),
        Type("SHIP_SIPHON_DRONE", "Siphon Drone", "A small, unmanned spacecraft that can be used for siphoning operations, such as extracting valuable gases from gas giants.", "EXCAVATOR",
            "FRAME_DRONE", "REACTOR_CHEMICAL_I", "ENGINE_IMPULSE_DRIVE_I", ["MODULE_CARGO_HOLD_I", "MODULE_GAS_PROCESSOR_I"], ["MOUNT_GAS_SIPHON_I"], 0, 0, 39900),
        Type("SHIP_INTERCEPTOR", "Interceptor", "A small, agile spacecraft designed for high-speed, short-range combat missions.", "INTERCEPTOR",
            "FRAME_INTERCEPTOR", "REACTOR_CHEMICAL_I", "ENGINE_ION_DRIVE_I", ["MODULE_CREW_QUARTERS_I"], ["MOUNT_TURRET_I", "MOUNT_MISSILE_LAUNCHER_I"], 16, 40, 120000),
        Type("SHIP_LIGHT_HAULER", "Light Hauler", "A small, fast cargo ship that is designed for short-range transport of light loads.", "HAULER",
            "FRAME_LIGHT_FREIGHTER", "REACTOR_CHEMICAL_I", "ENGINE_ION_DRIVE_I", ["MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_II", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I"], ["MOUNT_TURRET_I"], 55, 80, 272800),
        Type("SHIP_COMMAND_FRIGATE", "Command Frigate", "A medium-sized warship that is designed for command and control operations and can be fitted with a variety of weapons and other systems.", "COMMAND",
            "FRAME_FRIGATE", "REACTOR_FISSION_I", "ENGINE_ION_DRIVE_II", ["MODULE_CARGO_HOLD_II", "MODULE_CREW_QUARTERS_I", "MODULE_MINERAL_PROCESSOR_I", "MODULE_GAS_PROCESSOR_I"],
            ["MOUNT_SENSOR_ARRAY_II", "MOUNT_GAS_SIPHON_II", "MOUNT_MINING_LASER_II", "MOUNT_SURVEYOR_II"], 59, 80, 500000),
        Type("SHIP_EXPLORER", "Explorer", "A large, long-range spacecraft designed for deep space exploration and scientific research.", "EXPLORER",
            "FRAME_EXPLORER", "REACTOR_FUSION_I", "ENGINE_ION_DRIVE_II", ["MODULE_CARGO_HOLD_I", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I", "MODULE_SCIENCE_LAB_I", "MODULE_WARP_DRIVE_I", "MODULE_SHIELD_GENERATOR_I"],
            ["MOUNT_SENSOR_ARRAY_II", "MOUNT_LASER_CANNON_I"], 67, 80, 450000),
        Type("SHIP_HEAVY_FREIGHTER", "Heavy Freighter", "A massive spacecraft designed for carrying large amounts of cargo across long distances.", "HAULER",
            "FRAME_HEAVY_FREIGHTER", "REACTOR_FUSION_I", "ENGINE_ION_DRIVE_II", ["MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_II", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I", "MODULE_WARP_DRIVE_II"],
            ["MOUNT_TURRET_I", "MOUNT_TURRET_I", "MOUNT_TURRET_I"], 139, 160, 900000),
        Type("SHIP_LIGHT_SHUTTLE", "Light Shuttle", "A versatile spacecraft designed for exploration, diplomacy, and light cargo transport.", "TRANSPORT",
            "FRAME_SHUTTLE", "REACTOR_CHEMICAL_I", "ENGINE_ION_DRIVE_I", ["MODULE_CARGO_HOLD_II", "MODULE_CREW_QUARTERS_I"],
            ["MOUNT_TURRET_I"], 21, 40, 88900),
        Type("SHIP_ORE_HOUND", "Ore Hound", "A specialized mining ship designed for extracting valuable ores and minerals from asteroids and other celestial bodies.", "EXCAVATOR",
            "FRAME_MINER", "REACTOR_FISSION_I", "ENGINE_ION_DRIVE_I", ["MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_I", "MODULE_MINERAL_PROCESSOR_I", "MODULE_CREW_QUARTERS_I"],
            ["MOUNT_MINING_LASER_II", "MOUNT_MINING_LASER_I", "MOUNT_SURVEYOR_I"], 32, 40, 190000),
        Type("SHIP_REFINING_FREIGHTER", "Refining Freighter", "A large cargo ship designed specifically for refining raw materials.", "REFINERY",
            "FRAME_HEAVY_FREIGHTER", "REACTOR_FUSION_I", "ENGINE_ION_DRIVE_II", ["MODULE_CARGO_HOLD_II", "MODULE_CARGO_HOLD_II", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I", "MODULE_ORE_REFINERY_I"],
            ["MOUNT_TURRET_I", "MOUNT_TURRET_I", "MOUNT_MISSILE_LAUNCHER_I"], 152, 160, 1400000),
        Type("SHIP_SURVEYOR", "Surveyor", "A specialized spacecraft equipped with surveying mounts, designed for detailed surveying of celestial bodies and resource identification.", "SURVEYOR",
            "FRAME_DRONE", "REACTOR_CHEMICAL_I", "ENGINE_IMPULSE_DRIVE_I", [], ["MOUNT_SURVEYOR_I"], 0, 0, 27700),
        Type("SHIP_BULK_FREIGHTER", "Bulk Freighter", "A huge, slow cargo ship that moves bulk goods between markets.", "HAULER",
            "FRAME_BULK_FREIGHTER", "REACTOR_FUSION_I", "ENGINE_ION_DRIVE_I", ["MODULE_CARGO_HOLD_III", "MODULE_CARGO_HOLD_III", "MODULE_CARGO_HOLD_III", "MODULE_CARGO_HOLD_III", "MODULE_CREW_QUARTERS_I", "MODULE_CREW_QUARTERS_I"],
            ["MOUNT_TURRET_I"], 120, 160, 1800000),
    ], static t => t.Type);

    /// <summary>Gets the ship types in the spec's enum order.</summary>
    public static IReadOnlyList<string> ShipTypes { get; } =
    [
        "SHIP_PROBE", "SHIP_MINING_DRONE", "SHIP_SIPHON_DRONE", "SHIP_INTERCEPTOR", "SHIP_LIGHT_HAULER", "SHIP_COMMAND_FRIGATE",
        "SHIP_EXPLORER", "SHIP_HEAVY_FREIGHTER", "SHIP_LIGHT_SHUTTLE", "SHIP_ORE_HOUND", "SHIP_REFINING_FREIGHTER", "SHIP_SURVEYOR", "SHIP_BULK_FREIGHTER",
    ];

    /// <summary>Gets every module type.</summary>
    public static IEnumerable<ModuleSpec> Modules => ModuleTable.Values;

    /// <summary>Gets every mount type.</summary>
    public static IEnumerable<MountSpec> Mounts => MountTable.Values;

    /// <summary>Looks a ship type up.</summary>
    public static bool TryGetType(string type, out ShipTypeSpec spec) => TypeTable.TryGetValue(type, out spec!);

    /// <summary>Gets a ship type that must exist.</summary>
    public static ShipTypeSpec GetType(string type) => TypeTable[type];

    /// <summary>Looks a mount up.</summary>
    public static bool TryGetMount(string symbol, out MountSpec spec) => MountTable.TryGetValue(symbol, out spec!);

    /// <summary>Looks a module up.</summary>
    public static bool TryGetModule(string symbol, out ModuleSpec spec) => ModuleTable.TryGetValue(symbol, out spec!);

    /// <summary>Gets a frame that must exist.</summary>
    public static FrameSpec GetFrame(string symbol) => FrameTable[symbol];

    private static FrameSpec Frame(string symbol, string name, string description, int slots, int mounts, int fuel, int power, int crew) =>
        new(symbol, name, description, slots, mounts, fuel, new ComponentRequirements(power, crew, null));

    private static ShipTypeSpec Type(
        string type, string name, string description, string role, string frame, string reactor, string engine,
        string[] modules, string[] mounts, int crewRequired, int crewCapacity, int price) =>
        new(type, name, description, role, FrameTable[frame], ReactorTable[reactor], EngineTable[engine],
            [.. modules.Select(static m => ModuleTable[m])], [.. mounts.Select(static m => MountTable[m])],
            crewRequired, crewCapacity, price);

    private static FrozenDictionary<string, T> Index<T>(T[] items, Func<T, string> key) =>
        items.ToFrozenDictionary(key, StringComparer.Ordinal);
}
