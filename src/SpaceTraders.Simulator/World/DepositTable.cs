namespace SpaceTraders.Simulator.World;

/// <summary>Weighted resources a waypoint yields (ores for extraction, gases for siphoning).</summary>
internal sealed class DepositTable
{
    private static readonly (string Trait, (string Good, int Weight)[] Yields)[] TraitYields =
    [
        ("COMMON_METAL_DEPOSITS", [("IRON_ORE", 30), ("COPPER_ORE", 20), ("ALUMINUM_ORE", 20), ("QUARTZ_SAND", 15), ("SILICON_CRYSTALS", 10), ("ICE_WATER", 10)]),
        ("MINERAL_DEPOSITS", [("QUARTZ_SAND", 25), ("SILICON_CRYSTALS", 25), ("ICE_WATER", 20), ("AMMONIA_ICE", 15), ("PRECIOUS_STONES", 10)]),
        ("PRECIOUS_METAL_DEPOSITS", [("SILVER_ORE", 20), ("GOLD_ORE", 15), ("PLATINUM_ORE", 10), ("QUARTZ_SAND", 10)]),
        ("RARE_METAL_DEPOSITS", [("URANITE_ORE", 10), ("DIAMONDS", 8), ("MERITIUM_ORE", 5)]),
        ("ICE_CRYSTALS", [("ICE_WATER", 30), ("AMMONIA_ICE", 15)]),
    ];

    private readonly string[] _goods;
    private readonly int[] _weights;

    private DepositTable(string[] goods, int[] weights)
    {
        _goods = goods;
        _weights = weights;
        foreach (var w in weights)
        {
            TotalWeight += w;
        }
    }

    /// <summary>Gets the table of a waypoint that yields nothing.</summary>
    public static DepositTable Empty { get; } = new([], []);

    /// <summary>Gets the gases a gas giant yields to siphons.</summary>
    public static DepositTable Gas { get; } = new(["LIQUID_HYDROGEN", "LIQUID_NITROGEN", "HYDROCARBON"], [45, 35, 20]);

    /// <summary>Gets the goods, in a stable order.</summary>
    public IReadOnlyList<string> Goods => _goods;

    /// <summary>Gets the sum of the weights.</summary>
    public int TotalWeight { get; }

    /// <summary>Gets a value indicating whether the table yields nothing.</summary>
    public bool IsEmpty => _goods.Length == 0;

    /// <summary>Builds the deposits that a set of traits implies (weights of repeated goods add up).</summary>
    public static DepositTable FromTraits(IEnumerable<string> traits)
    {
        var goods = new List<string>();
        var weights = new List<int>();
        foreach (var trait in traits)
        {
            foreach (var (t, yields) in TraitYields)
            {
                if (!string.Equals(t, trait, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var (good, weight) in yields)
                {
                    var index = goods.IndexOf(good);
                    if (index < 0)
                    {
                        goods.Add(good);
                        weights.Add(weight);
                    }
                    else
                    {
                        weights[index] += weight;
                    }
                }
            }
        }

        return goods.Count == 0 ? Empty : new DepositTable([.. goods], [.. weights]);
    }

    /// <summary>Gets a value indicating whether a deposit trait is one that yields ores.</summary>
    public static bool IsDepositTrait(string trait)
    {
        foreach (var (t, _) in TraitYields)
        {
            if (string.Equals(t, trait, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets a value indicating whether the table contains a good.</summary>
    public bool Contains(string good) => Array.IndexOf(_goods, good) >= 0;

    /// <summary>Draws one good by weight, optionally only among goods that <paramref name="allowed"/> accepts.</summary>
    public string? Draw(Random random, Func<string, bool>? allowed = null)
    {
        var total = 0;
        for (var i = 0; i < _goods.Length; i++)
        {
            if (allowed is null || allowed(_goods[i]))
            {
                total += _weights[i];
            }
        }

        if (total == 0)
        {
            return null;
        }

        var roll = random.Next(total);
        for (var i = 0; i < _goods.Length; i++)
        {
            if (allowed is not null && !allowed(_goods[i]))
            {
                continue;
            }

            roll -= _weights[i];
            if (roll < 0)
            {
                return _goods[i];
            }
        }

        return _goods[^1];
    }
}
