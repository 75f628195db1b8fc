using System.Collections.Frozen;

namespace SpaceTraders.Simulator.World;

/// <summary>One trade good: display text, the galaxy-wide baseline price and the usual trade volume.</summary>
/// <param name="Symbol">The TradeSymbol.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Display description.</param>
/// <param name="BasePrice">The mid price of an exchange market at MODERATE supply (imports and exports are priced from it).</param>
/// <param name="TradeVolume">The starting per-transaction unit cap at an export or import market (three times it at an exchange).</param>
internal sealed record TradeGoodInfo(string Symbol, string Name, string Description, int BasePrice, int TradeVolume);

/// <summary>
/// Every TradeSymbol of the spec with a baseline price, and the supply chain (which imports each export needs).
/// The prices of the goods a live starting system trades are fitted to the live capture under
/// <c>docs/api/captures/live-start-X1-AD75</c>; the others are the simulator's own plausible values. The supply chain
/// follows the live game's <c>GET /market/supply-chain</c>.
/// </summary>
internal static class TradeGoodCatalog
{
    // Base prices: the mid price of an EXCHANGE market at MODERATE supply. Goods that appear in the live capture
    // (docs/api/captures/live-start-X1-AD75) are fitted to it: an export's purchase price is about 0.7 times the base at
    // HIGH supply, an import's sell price about 1.2 times it at LIMITED supply (see MarketGood). Goods the capture does
    // not show are scaled from goods of the same kind. Ship components and whole ships keep the simulator's own values.
    // Trade volumes (per transaction, at an export or import; three times that at an exchange) are the capture's 6, 20
    // and 60: 60 for bulk and cheap goods, 20 for manufactured goods, 6 for the rarest.
    private static readonly (string Symbol, int Price, int Volume)[] Prices =
    [
        ("PRECIOUS_STONES", 75, 60), ("QUARTZ_SAND", 20, 60), ("SILICON_CRYSTALS", 35, 60), ("AMMONIA_ICE", 40, 60),
        ("LIQUID_HYDROGEN", 25, 60), ("LIQUID_NITROGEN", 30, 60), ("ICE_WATER", 15, 60), ("EXOTIC_MATTER", 29700, 6),
        ("ADVANCED_CIRCUITRY", 5700, 20), ("GRAVITON_EMITTERS", 24000, 6), ("IRON", 125, 60), ("IRON_ORE", 50, 60),
        ("COPPER", 262, 60), ("COPPER_ORE", 55, 60), ("ALUMINUM", 208, 60), ("ALUMINUM_ORE", 60, 60), ("SILVER", 280, 60),
        ("SILVER_ORE", 66, 60), ("GOLD", 310, 60), ("GOLD_ORE", 88, 60), ("PLATINUM", 310, 60), ("PLATINUM_ORE", 81, 60),
        ("DIAMONDS", 90, 60), ("URANITE", 900, 60), ("URANITE_ORE", 320, 60), ("MERITIUM", 3000, 20), ("MERITIUM_ORE", 1206, 60),
        ("HYDROCARBON", 45, 60), ("ANTIMATTER", 5000, 6), ("FAB_MATS", 1630, 20), ("FERTILIZERS", 185, 60), ("FABRICS", 2050, 60),
        ("FOOD", 1900, 60), ("JEWELRY", 3000, 20), ("MACHINERY", 2550, 20), ("FIREARMS", 3300, 20), ("ASSAULT_RIFLES", 3550, 20),
        ("MILITARY_EQUIPMENT", 5500, 20), ("EXPLOSIVES", 158, 20), ("LAB_INSTRUMENTS", 5000, 20), ("AMMUNITION", 1580, 20),
        ("ELECTRONICS", 2400, 20), ("SHIP_PLATING", 4400, 6), ("SHIP_PARTS", 4800, 6), ("EQUIPMENT", 2700, 20), ("FUEL", 70, 60),
        ("MEDICINE", 4300, 20), ("DRUGS", 4300, 20), ("CLOTHING", 4400, 20), ("MICROPROCESSORS", 2900, 20), ("PLASTICS", 170, 60),
        ("POLYNUCLEOTIDES", 230, 20), ("BIOCOMPOSITES", 5300, 20), ("QUANTUM_STABILIZERS", 16000, 6), ("NANOBOTS", 12000, 6),
        ("AI_MAINFRAMES", 20000, 6), ("QUANTUM_DRIVES", 24000, 6), ("ROBOTIC_DRONES", 10000, 6), ("CYBER_IMPLANTS", 15000, 6),
        ("GENE_THERAPEUTICS", 13000, 6), ("NEURAL_CHIPS", 13000, 6), ("MOOD_REGULATORS", 8000, 20), ("VIRAL_AGENTS", 9500, 6),
        ("MICRO_FUSION_GENERATORS", 18000, 6), ("SUPERGRAINS", 6500, 20), ("LASER_RIFLES", 9000, 6), ("HOLOGRAPHICS", 8000, 20),
        ("SHIP_SALVAGE", 4500, 20), ("RELIC_TECH", 20000, 6), ("NOVEL_LIFEFORMS", 22000, 6), ("BOTANICAL_SPECIMENS", 12200, 6),
        ("CULTURAL_ARTIFACTS", 18000, 6),
        ("FRAME_PROBE", 9000, 6), ("FRAME_DRONE", 12000, 6), ("FRAME_INTERCEPTOR", 40000, 6), ("FRAME_RACER", 45000, 6),
        ("FRAME_FIGHTER", 60000, 6), ("FRAME_FRIGATE", 120000, 6), ("FRAME_SHUTTLE", 30000, 6), ("FRAME_EXPLORER", 110000, 6),
        ("FRAME_MINER", 70000, 6), ("FRAME_LIGHT_FREIGHTER", 80000, 6), ("FRAME_HEAVY_FREIGHTER", 220000, 6),
        ("FRAME_TRANSPORT", 150000, 6), ("FRAME_DESTROYER", 300000, 6), ("FRAME_CRUISER", 400000, 6),
        ("FRAME_CARRIER", 500000, 6), ("FRAME_BULK_FREIGHTER", 350000, 6),
        ("REACTOR_SOLAR_I", 6000, 6), ("REACTOR_FUSION_I", 45000, 6), ("REACTOR_FISSION_I", 30000, 6),
        ("REACTOR_CHEMICAL_I", 12000, 6), ("REACTOR_ANTIMATTER_I", 90000, 6),
        ("ENGINE_IMPULSE_DRIVE_I", 6000, 6), ("ENGINE_ION_DRIVE_I", 15000, 6), ("ENGINE_ION_DRIVE_II", 35000, 6),
        ("ENGINE_HYPER_DRIVE_I", 70000, 6),
        ("MODULE_MINERAL_PROCESSOR_I", 9000, 6), ("MODULE_GAS_PROCESSOR_I", 9000, 6), ("MODULE_CARGO_HOLD_I", 8000, 6),
        ("MODULE_CARGO_HOLD_II", 18000, 6), ("MODULE_CARGO_HOLD_III", 40000, 6), ("MODULE_CREW_QUARTERS_I", 7000, 6),
        ("MODULE_ENVOY_QUARTERS_I", 15000, 6), ("MODULE_PASSENGER_CABIN_I", 12000, 6), ("MODULE_MICRO_REFINERY_I", 30000, 6),
        ("MODULE_SCIENCE_LAB_I", 40000, 6), ("MODULE_JUMP_DRIVE_I", 60000, 6), ("MODULE_JUMP_DRIVE_II", 120000, 6),
        ("MODULE_JUMP_DRIVE_III", 200000, 6), ("MODULE_WARP_DRIVE_I", 50000, 6), ("MODULE_WARP_DRIVE_II", 100000, 6),
        ("MODULE_WARP_DRIVE_III", 180000, 6), ("MODULE_SHIELD_GENERATOR_I", 25000, 6),
        ("MODULE_SHIELD_GENERATOR_II", 50000, 6), ("MODULE_ORE_REFINERY_I", 45000, 6), ("MODULE_FUEL_REFINERY_I", 35000, 6),
        ("MOUNT_GAS_SIPHON_I", 11000, 6), ("MOUNT_GAS_SIPHON_II", 26000, 6), ("MOUNT_GAS_SIPHON_III", 52000, 6),
        ("MOUNT_SURVEYOR_I", 9000, 6), ("MOUNT_SURVEYOR_II", 24000, 6), ("MOUNT_SURVEYOR_III", 50000, 6),
        ("MOUNT_SENSOR_ARRAY_I", 8000, 6), ("MOUNT_SENSOR_ARRAY_II", 22000, 6), ("MOUNT_SENSOR_ARRAY_III", 46000, 6),
        ("MOUNT_MINING_LASER_I", 12000, 6), ("MOUNT_MINING_LASER_II", 30000, 6), ("MOUNT_MINING_LASER_III", 62000, 6),
        ("MOUNT_LASER_CANNON_I", 20000, 6), ("MOUNT_MISSILE_LAUNCHER_I", 25000, 6), ("MOUNT_TURRET_I", 15000, 6),
        ("SHIP_PROBE", 25000, 6), ("SHIP_MINING_DRONE", 45000, 6), ("SHIP_SIPHON_DRONE", 42000, 6),
        ("SHIP_INTERCEPTOR", 120000, 6), ("SHIP_LIGHT_HAULER", 280000, 6), ("SHIP_COMMAND_FRIGATE", 500000, 6),
        ("SHIP_EXPLORER", 450000, 6), ("SHIP_HEAVY_FREIGHTER", 900000, 6), ("SHIP_LIGHT_SHUTTLE", 85000, 6),
        ("SHIP_ORE_HOUND", 190000, 6), ("SHIP_REFINING_FREIGHTER", 1400000, 6), ("SHIP_SURVEYOR", 36000, 6),
        ("SHIP_BULK_FREIGHTER", 1800000, 6),
    ];

    private static readonly (string Export, string[] Imports)[] Chain =
    [
        ("ADVANCED_CIRCUITRY", ["ELECTRONICS", "MICROPROCESSORS"]),
        ("AI_MAINFRAMES", ["ADVANCED_CIRCUITRY", "MICROPROCESSORS"]),
        ("ALUMINUM", ["ALUMINUM_ORE"]), ("ALUMINUM_ORE", ["EXPLOSIVES"]), ("AMMONIA_ICE", ["MACHINERY"]),
        ("AMMUNITION", ["IRON", "LIQUID_NITROGEN"]), ("ANTIMATTER", ["LAB_INSTRUMENTS", "ADVANCED_CIRCUITRY"]),
        ("ASSAULT_RIFLES", ["ALUMINUM", "AMMUNITION"]), ("BIOCOMPOSITES", ["FABRICS", "POLYNUCLEOTIDES"]),
        ("BOTANICAL_SPECIMENS", ["LAB_INSTRUMENTS", "EQUIPMENT"]), ("CLOTHING", ["FABRICS"]),
        ("COPPER", ["COPPER_ORE"]), ("COPPER_ORE", ["EXPLOSIVES"]), ("CULTURAL_ARTIFACTS", ["LAB_INSTRUMENTS"]),
        ("CYBER_IMPLANTS", ["ADVANCED_CIRCUITRY", "BIOCOMPOSITES"]), ("DIAMONDS", ["EXPLOSIVES"]),
        ("DRUGS", ["AMMONIA_ICE", "POLYNUCLEOTIDES"]), ("ELECTRONICS", ["SILICON_CRYSTALS", "COPPER"]),
        ("ENGINE_HYPER_DRIVE_I", ["PLATINUM", "ADVANCED_CIRCUITRY"]), ("ENGINE_IMPULSE_DRIVE_I", ["IRON", "MACHINERY"]),
        ("ENGINE_ION_DRIVE_I", ["IRON", "MACHINERY"]), ("ENGINE_ION_DRIVE_II", ["PLATINUM", "ADVANCED_CIRCUITRY"]),
        ("EQUIPMENT", ["ALUMINUM", "PLASTICS"]), ("EXOTIC_MATTER", ["LAB_INSTRUMENTS", "ADVANCED_CIRCUITRY"]),
        ("EXPLOSIVES", ["LIQUID_HYDROGEN", "LIQUID_NITROGEN"]), ("FABRICS", ["FERTILIZERS"]),
        ("FAB_MATS", ["IRON", "QUARTZ_SAND"]), ("FERTILIZERS", ["LIQUID_NITROGEN"]), ("FIREARMS", ["IRON", "AMMUNITION"]),
        ("FOOD", ["FERTILIZERS"]), ("FUEL", ["HYDROCARBON"]), ("GENE_THERAPEUTICS", ["POLYNUCLEOTIDES", "LAB_INSTRUMENTS"]),
        ("GOLD", ["GOLD_ORE"]), ("GOLD_ORE", ["EXPLOSIVES"]), ("GRAVITON_EMITTERS", ["ADVANCED_CIRCUITRY", "MERITIUM"]),
        ("HOLOGRAPHICS", ["GOLD", "SILVER", "ADVANCED_CIRCUITRY"]), ("HYDROCARBON", ["MACHINERY"]),
        ("ICE_WATER", ["MACHINERY"]), ("IRON", ["IRON_ORE"]), ("IRON_ORE", ["EXPLOSIVES"]),
        ("JEWELRY", ["GOLD", "SILVER", "PRECIOUS_STONES", "DIAMONDS"]), ("LAB_INSTRUMENTS", ["ELECTRONICS", "EQUIPMENT"]),
        ("LASER_RIFLES", ["DIAMONDS", "PLATINUM", "ADVANCED_CIRCUITRY"]), ("LIQUID_HYDROGEN", ["MACHINERY"]),
        ("LIQUID_NITROGEN", ["MACHINERY"]), ("MACHINERY", ["IRON"]), ("MEDICINE", ["FABRICS", "POLYNUCLEOTIDES"]),
        ("MERITIUM", ["MERITIUM_ORE"]), ("MERITIUM_ORE", ["EXPLOSIVES"]), ("MICROPROCESSORS", ["SILICON_CRYSTALS", "COPPER"]),
        ("MICRO_FUSION_GENERATORS", ["ADVANCED_CIRCUITRY", "PLATINUM", "DIAMONDS"]),
        ("MILITARY_EQUIPMENT", ["ALUMINUM", "ELECTRONICS"]), ("MODULE_CARGO_HOLD_I", ["IRON", "MACHINERY"]),
        ("MODULE_CARGO_HOLD_II", ["ALUMINUM", "MACHINERY"]), ("MODULE_CARGO_HOLD_III", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY"]),
        ("MODULE_CREW_QUARTERS_I", ["IRON", "MACHINERY", "FABRICS"]), ("MODULE_ENVOY_QUARTERS_I", ["IRON", "MACHINERY", "FABRICS"]),
        ("MODULE_FUEL_REFINERY_I", ["PLATINUM", "MACHINERY"]), ("MODULE_GAS_PROCESSOR_I", ["IRON", "MACHINERY"]),
        ("MODULE_JUMP_DRIVE_I", ["IRON", "ADVANCED_CIRCUITRY"]), ("MODULE_JUMP_DRIVE_II", ["PLATINUM", "ADVANCED_CIRCUITRY", "GOLD"]),
        ("MODULE_JUMP_DRIVE_III", ["PLATINUM", "ADVANCED_CIRCUITRY", "GOLD", "MERITIUM"]),
        ("MODULE_MICRO_REFINERY_I", ["PLATINUM", "MACHINERY"]), ("MODULE_MINERAL_PROCESSOR_I", ["IRON", "MACHINERY"]),
        ("MODULE_ORE_REFINERY_I", ["PLATINUM", "MACHINERY"]), ("MODULE_PASSENGER_CABIN_I", ["IRON", "MACHINERY", "FABRICS"]),
        ("MODULE_SCIENCE_LAB_I", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY"]),
        ("MODULE_SHIELD_GENERATOR_I", ["IRON", "MACHINERY", "URANITE"]), ("MODULE_SHIELD_GENERATOR_II", ["ALUMINUM", "MACHINERY", "URANITE"]),
        ("MODULE_WARP_DRIVE_I", ["IRON", "ADVANCED_CIRCUITRY"]), ("MODULE_WARP_DRIVE_II", ["PLATINUM", "ADVANCED_CIRCUITRY", "URANITE"]),
        ("MODULE_WARP_DRIVE_III", ["PLATINUM", "ADVANCED_CIRCUITRY", "MERITIUM"]), ("MOOD_REGULATORS", ["POLYNUCLEOTIDES", "LAB_INSTRUMENTS"]),
        ("MOUNT_GAS_SIPHON_I", ["IRON", "MACHINERY"]), ("MOUNT_GAS_SIPHON_II", ["ALUMINUM", "MACHINERY"]),
        ("MOUNT_GAS_SIPHON_III", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY"]), ("MOUNT_LASER_CANNON_I", ["IRON", "MACHINERY", "DIAMONDS"]),
        ("MOUNT_MINING_LASER_I", ["IRON", "MACHINERY", "DIAMONDS"]), ("MOUNT_MINING_LASER_II", ["ALUMINUM", "MACHINERY", "DIAMONDS"]),
        ("MOUNT_MINING_LASER_III", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY", "URANITE"]),
        ("MOUNT_MISSILE_LAUNCHER_I", ["IRON", "MACHINERY"]), ("MOUNT_SENSOR_ARRAY_I", ["IRON", "MACHINERY", "ELECTRONICS"]),
        ("MOUNT_SENSOR_ARRAY_II", ["ALUMINUM", "MACHINERY", "ELECTRONICS"]),
        ("MOUNT_SENSOR_ARRAY_III", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY", "URANITE"]),
        ("MOUNT_SURVEYOR_I", ["IRON", "MACHINERY", "ELECTRONICS"]), ("MOUNT_SURVEYOR_II", ["ALUMINUM", "MACHINERY", "ELECTRONICS"]),
        ("MOUNT_SURVEYOR_III", ["PLATINUM", "MACHINERY", "ADVANCED_CIRCUITRY"]), ("MOUNT_TURRET_I", ["IRON", "MACHINERY"]),
        ("NANOBOTS", ["POLYNUCLEOTIDES", "LAB_INSTRUMENTS"]), ("NEURAL_CHIPS", ["POLYNUCLEOTIDES", "ADVANCED_CIRCUITRY"]),
        ("NOVEL_LIFEFORMS", ["LAB_INSTRUMENTS", "EQUIPMENT"]), ("PLASTICS", ["LIQUID_HYDROGEN"]), ("PLATINUM", ["PLATINUM_ORE"]),
        ("PLATINUM_ORE", ["EXPLOSIVES"]), ("POLYNUCLEOTIDES", ["LIQUID_HYDROGEN", "LIQUID_NITROGEN"]),
        ("PRECIOUS_STONES", ["EXPLOSIVES"]), ("QUANTUM_DRIVES", ["ADVANCED_CIRCUITRY", "URANITE"]),
        ("QUANTUM_STABILIZERS", ["PLATINUM", "ADVANCED_CIRCUITRY", "URANITE"]), ("QUARTZ_SAND", ["EXPLOSIVES"]),
        ("REACTOR_ANTIMATTER_I", ["IRON", "MACHINERY"]), ("REACTOR_CHEMICAL_I", ["IRON", "MACHINERY"]),
        ("REACTOR_FISSION_I", ["IRON", "MACHINERY"]), ("REACTOR_FUSION_I", ["IRON", "MACHINERY"]),
        ("REACTOR_SOLAR_I", ["IRON", "MACHINERY"]), ("RELIC_TECH", ["LAB_INSTRUMENTS", "EQUIPMENT"]),
        ("ROBOTIC_DRONES", ["ADVANCED_CIRCUITRY", "ALUMINUM"]), ("SHIP_PARTS", ["EQUIPMENT", "ELECTRONICS"]),
        ("SHIP_PLATING", ["ALUMINUM", "MACHINERY"]), ("SHIP_SALVAGE", ["MACHINERY"]),
        ("SILICON_CRYSTALS", ["EXPLOSIVES"]), ("SILVER", ["SILVER_ORE"]), ("SILVER_ORE", ["EXPLOSIVES"]),
        ("SUPERGRAINS", ["FERTILIZERS", "POLYNUCLEOTIDES", "LAB_INSTRUMENTS"]), ("URANITE", ["URANITE_ORE"]),
        ("URANITE_ORE", ["EXPLOSIVES"]), ("VIRAL_AGENTS", ["POLYNUCLEOTIDES", "LAB_INSTRUMENTS"]),
    ];

    private static readonly FrozenDictionary<string, TradeGoodInfo> Goods = BuildGoods();

    private static readonly FrozenDictionary<string, string[]> Inputs =
        Chain.ToFrozenDictionary(static c => c.Export, static c => c.Imports, StringComparer.Ordinal);

    /// <summary>Gets every trade good, in the spec's order.</summary>
    public static IReadOnlyList<TradeGoodInfo> All { get; } = [.. Prices.Select(static p => Goods[p.Symbol])];

    /// <summary>Gets the export-to-imports map, in a stable order.</summary>
    public static IReadOnlyList<(string Export, string[] Imports)> SupplyChain => Chain;

    /// <summary>Looks a good up by symbol.</summary>
    public static bool TryGet(string symbol, out TradeGoodInfo good) => Goods.TryGetValue(symbol, out good!);

    /// <summary>Gets a good that must exist.</summary>
    public static TradeGoodInfo Get(string symbol) => Goods[symbol];

    /// <summary>Gets the inputs an export consumes, or an empty list.</summary>
    public static string[] InputsOf(string export) => Inputs.TryGetValue(export, out var inputs) ? inputs : [];

    private static FrozenDictionary<string, TradeGoodInfo> BuildGoods()
    {
        var goods = new Dictionary<string, TradeGoodInfo>(StringComparer.Ordinal);
        foreach (var (symbol, price, volume) in Prices)
        {
            var name = SymbolText.Title(symbol);
            goods[symbol] = new TradeGoodInfo(symbol, name, Describe(symbol, name), price, volume);
        }

        return goods.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Describe(string symbol, string name)
    {
        if (symbol.EndsWith("_ORE", StringComparison.Ordinal))
        {
            return $"Raw {name.ToLowerInvariant()} extracted from asteroids, refined into metal.";
        }

        return symbol.Split('_')[0] switch
        {
            "FRAME" or "REACTOR" or "ENGINE" or "MODULE" or "MOUNT" => $"A ship component: {name}.",
            "SHIP" when symbol is not ("SHIP_PLATING" or "SHIP_PARTS" or "SHIP_SALVAGE") => $"A complete ship: {name}.",
            _ => $"{name}, traded between markets across the galaxy.",
        };
    }
}
