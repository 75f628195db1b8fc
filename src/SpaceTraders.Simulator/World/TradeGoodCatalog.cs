using System.Collections.Frozen;

namespace SpaceTraders.Simulator.World;

/// <summary>One trade good: display text, the galaxy-wide baseline price and the usual trade volume.</summary>
/// <param name="Symbol">The TradeSymbol.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">Display description.</param>
/// <param name="BasePrice">The mid price a market with MODERATE supply converges to.</param>
/// <param name="TradeVolume">The starting per-transaction unit cap at a market.</param>
internal sealed record TradeGoodInfo(string Symbol, string Name, string Description, int BasePrice, int TradeVolume);

/// <summary>
/// Every TradeSymbol of the spec with a baseline price, and the supply chain (which imports each export needs).
/// The prices are the simulator's own plausible values; the supply chain follows the live game's
/// <c>GET /market/supply-chain</c>.
/// </summary>
internal static class TradeGoodCatalog
{
    private static readonly (string Symbol, int Price)[] Prices =
    [
        ("PRECIOUS_STONES", 56), ("QUARTZ_SAND", 18), ("SILICON_CRYSTALS", 30), ("AMMONIA_ICE", 36),
        ("LIQUID_HYDROGEN", 28), ("LIQUID_NITROGEN", 26), ("ICE_WATER", 12), ("EXOTIC_MATTER", 7200),
        ("ADVANCED_CIRCUITRY", 1150), ("GRAVITON_EMITTERS", 6800), ("IRON", 98), ("IRON_ORE", 38),
        ("COPPER", 106), ("COPPER_ORE", 42), ("ALUMINUM", 118), ("ALUMINUM_ORE", 48), ("SILVER", 160),
        ("SILVER_ORE", 66), ("GOLD", 210), ("GOLD_ORE", 84), ("PLATINUM", 260), ("PLATINUM_ORE", 102),
        ("DIAMONDS", 240), ("URANITE", 360), ("URANITE_ORE", 150), ("MERITIUM", 680), ("MERITIUM_ORE", 290),
        ("HYDROCARBON", 34), ("ANTIMATTER", 5000), ("FAB_MATS", 210), ("FERTILIZERS", 80), ("FABRICS", 120),
        ("FOOD", 140), ("JEWELRY", 1400), ("MACHINERY", 170), ("FIREARMS", 620), ("ASSAULT_RIFLES", 1050),
        ("MILITARY_EQUIPMENT", 1300), ("EXPLOSIVES", 90), ("LAB_INSTRUMENTS", 780), ("AMMUNITION", 240),
        ("ELECTRONICS", 330), ("SHIP_PLATING", 820), ("SHIP_PARTS", 980), ("EQUIPMENT", 360), ("FUEL", 72),
        ("MEDICINE", 460), ("DRUGS", 520), ("CLOTHING", 300), ("MICROPROCESSORS", 420), ("PLASTICS", 110),
        ("POLYNUCLEOTIDES", 190), ("BIOCOMPOSITES", 900), ("QUANTUM_STABILIZERS", 4200), ("NANOBOTS", 3100),
        ("AI_MAINFRAMES", 5200), ("QUANTUM_DRIVES", 6200), ("ROBOTIC_DRONES", 2600), ("CYBER_IMPLANTS", 3900),
        ("GENE_THERAPEUTICS", 3400), ("NEURAL_CHIPS", 3300), ("MOOD_REGULATORS", 2100), ("VIRAL_AGENTS", 2500),
        ("MICRO_FUSION_GENERATORS", 4600), ("SUPERGRAINS", 1700), ("LASER_RIFLES", 2300), ("HOLOGRAPHICS", 2000),
        ("SHIP_SALVAGE", 1200), ("RELIC_TECH", 5400), ("NOVEL_LIFEFORMS", 5800), ("BOTANICAL_SPECIMENS", 3600),
        ("CULTURAL_ARTIFACTS", 4800),
        ("FRAME_PROBE", 9000), ("FRAME_DRONE", 12000), ("FRAME_INTERCEPTOR", 40000), ("FRAME_RACER", 45000),
        ("FRAME_FIGHTER", 60000), ("FRAME_FRIGATE", 120000), ("FRAME_SHUTTLE", 30000), ("FRAME_EXPLORER", 110000),
        ("FRAME_MINER", 70000), ("FRAME_LIGHT_FREIGHTER", 80000), ("FRAME_HEAVY_FREIGHTER", 220000),
        ("FRAME_TRANSPORT", 150000), ("FRAME_DESTROYER", 300000), ("FRAME_CRUISER", 400000),
        ("FRAME_CARRIER", 500000), ("FRAME_BULK_FREIGHTER", 350000),
        ("REACTOR_SOLAR_I", 6000), ("REACTOR_FUSION_I", 45000), ("REACTOR_FISSION_I", 30000),
        ("REACTOR_CHEMICAL_I", 12000), ("REACTOR_ANTIMATTER_I", 90000),
        ("ENGINE_IMPULSE_DRIVE_I", 6000), ("ENGINE_ION_DRIVE_I", 15000), ("ENGINE_ION_DRIVE_II", 35000),
        ("ENGINE_HYPER_DRIVE_I", 70000),
        ("MODULE_MINERAL_PROCESSOR_I", 9000), ("MODULE_GAS_PROCESSOR_I", 9000), ("MODULE_CARGO_HOLD_I", 8000),
        ("MODULE_CARGO_HOLD_II", 18000), ("MODULE_CARGO_HOLD_III", 40000), ("MODULE_CREW_QUARTERS_I", 7000),
        ("MODULE_ENVOY_QUARTERS_I", 15000), ("MODULE_PASSENGER_CABIN_I", 12000), ("MODULE_MICRO_REFINERY_I", 30000),
        ("MODULE_SCIENCE_LAB_I", 40000), ("MODULE_JUMP_DRIVE_I", 60000), ("MODULE_JUMP_DRIVE_II", 120000),
        ("MODULE_JUMP_DRIVE_III", 200000), ("MODULE_WARP_DRIVE_I", 50000), ("MODULE_WARP_DRIVE_II", 100000),
        ("MODULE_WARP_DRIVE_III", 180000), ("MODULE_SHIELD_GENERATOR_I", 25000),
        ("MODULE_SHIELD_GENERATOR_II", 50000), ("MODULE_ORE_REFINERY_I", 45000), ("MODULE_FUEL_REFINERY_I", 35000),
        ("MOUNT_GAS_SIPHON_I", 11000), ("MOUNT_GAS_SIPHON_II", 26000), ("MOUNT_GAS_SIPHON_III", 52000),
        ("MOUNT_SURVEYOR_I", 9000), ("MOUNT_SURVEYOR_II", 24000), ("MOUNT_SURVEYOR_III", 50000),
        ("MOUNT_SENSOR_ARRAY_I", 8000), ("MOUNT_SENSOR_ARRAY_II", 22000), ("MOUNT_SENSOR_ARRAY_III", 46000),
        ("MOUNT_MINING_LASER_I", 12000), ("MOUNT_MINING_LASER_II", 30000), ("MOUNT_MINING_LASER_III", 62000),
        ("MOUNT_LASER_CANNON_I", 20000), ("MOUNT_MISSILE_LAUNCHER_I", 25000), ("MOUNT_TURRET_I", 15000),
        ("SHIP_PROBE", 25000), ("SHIP_MINING_DRONE", 45000), ("SHIP_SIPHON_DRONE", 42000),
        ("SHIP_INTERCEPTOR", 120000), ("SHIP_LIGHT_HAULER", 280000), ("SHIP_COMMAND_FRIGATE", 500000),
        ("SHIP_EXPLORER", 450000), ("SHIP_HEAVY_FREIGHTER", 900000), ("SHIP_LIGHT_SHUTTLE", 85000),
        ("SHIP_ORE_HOUND", 190000), ("SHIP_REFINING_FREIGHTER", 1400000), ("SHIP_SURVEYOR", 36000),
        ("SHIP_BULK_FREIGHTER", 1800000),
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
        foreach (var (symbol, price) in Prices)
        {
            var name = SymbolText.Title(symbol);
            var volume = price switch
            {
                < 60 => 60,
                < 250 => 20,
                < 1000 => 10,
                < 10000 => 6,
                < 100000 => 3,
                _ => 1,
            };
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
