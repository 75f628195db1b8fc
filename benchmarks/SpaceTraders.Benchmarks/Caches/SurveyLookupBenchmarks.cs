using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Benchmarks.Caches;

/// <summary>
/// Best-survey lookup with 10,000 surveys cached: all at one asteroid field (the worst case for a per-waypoint
/// index) and spread over 100 fields, for a target good and for the most value at the market cache's prices.
/// The target is under 1 µs.
/// </summary>
[MemoryDiagnoser]
public class SurveyLookupBenchmarks
{
    private const int Surveys = 10_000;
    private static readonly string[] Goods = ["IRON_ORE", "COPPER_ORE", "ALUMINUM_ORE", "QUARTZ_SAND", "SILICON_CRYSTALS", "ICE_WATER", "PRECIOUS_STONES", "GOLD_ORE"];
    private static readonly string[] Sizes = ["SMALL", "MODERATE", "LARGE"];

    private SurveyCache _oneField = null!;
    private SurveyCache _manyFields = null!;
    private SurveyGoal _iron = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = TimeProvider.System;
        var markets = new MarketCache(clock);
        markets.Record(new Market
        {
            Symbol = "X1-DF55-A1",
            Exports = [],
            Imports = [],
            Exchange = [],
            TradeGoods = [.. Goods.Select((g, i) => new MarketTradeGood
            {
                Symbol = g,
                Type = MarketTradeGoodType.Import,
                TradeVolume = 20,
                Supply = SupplyLevel.Moderate,
                PurchasePrice = 20 + (i * 7),
                SellPrice = 15 + (i * 7),
            })],
        });

        var random = new Random(42);
        var expiration = clock.GetUtcNow().AddDays(1);
        Survey Make(int i, string field) => new()
        {
            Signature = $"SIG-{i:D5}",
            Symbol = field,
            Deposits = [.. Enumerable.Range(0, random.Next(3, 8)).Select(_ => new SurveyDeposit { Symbol = Goods[random.Next(Goods.Length)] })],
            Expiration = expiration.AddSeconds(i),
            Size = Sizes[random.Next(Sizes.Length)],
        };

        _oneField = new SurveyCache(clock, markets);
        _oneField.Add(Enumerable.Range(0, Surveys).Select(i => Make(i, "X1-DF55-AF1")));
        _manyFields = new SurveyCache(clock, markets);
        _manyFields.Add(Enumerable.Range(0, Surveys).Select(i => Make(i, $"X1-DF55-AF{i % 100}")));
        _iron = SurveyGoal.ForGood("IRON_ORE");

        // Build the value ranking once, as the first lookup after a price change does.
        _ = _oneField.GetBest("X1-DF55-AF1", SurveyGoal.BestValue);
        _ = _manyFields.GetBest("X1-DF55-AF7", SurveyGoal.BestValue);
    }

    [Benchmark(Description = "GetBest(good), 10,000 surveys at one field")]
    public Survey? BestForGoodOneField() => _oneField.GetBest("X1-DF55-AF1", _iron);

    [Benchmark(Description = "GetBest(value), 10,000 surveys at one field")]
    public Survey? BestValueOneField() => _oneField.GetBest("X1-DF55-AF1", SurveyGoal.BestValue);

    [Benchmark(Description = "GetBest(good), 10,000 surveys over 100 fields")]
    public Survey? BestForGoodManyFields() => _manyFields.GetBest("X1-DF55-AF7", _iron);

    [Benchmark(Description = "GetBest(value), 10,000 surveys over 100 fields")]
    public Survey? BestValueManyFields() => _manyFields.GetBest("X1-DF55-AF7", SurveyGoal.BestValue);
}
