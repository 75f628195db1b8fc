using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// The latest market seen at each waypoint, with the time each good's prices were seen, and the questions a
/// trader asks of it: which markets are stale, where to sell or buy a good near a waypoint, what FUEL costs.
/// </summary>
/// <remarks>
/// <para>
/// Record every market the API returns (<see cref="Record(Market)"/>; <see cref="State.AgentState"/> does it
/// for you when it is given the cache). A market fetched while no ship is there lists its goods without prices;
/// recording it updates the listing and keeps the prices seen before, so prices are lost only when a good is no
/// longer traded.
/// </para>
/// <para>
/// Exports, imports and exchange goods stay distinct: every query can be limited to some of them, and every
/// answer says which it is. Distances come from the <see cref="IWaypointLocator"/> given to the constructor (for
/// example the <see cref="StaticWorldCache"/>); without one, distance-aware queries see every distance as unknown.
/// </para>
/// <para>Thread-safe: any number of ships may record and query at once. Time comes from the injected <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed class MarketCache
{
    private readonly ConcurrentDictionary<string, MarketSnapshot> _markets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SystemEntry> _systems = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly IWaypointLocator? _locator;
    private long _version;

    /// <summary>Initializes a new instance of the <see cref="MarketCache"/> class.</summary>
    /// <param name="timeProvider">The clock that stamps observations and ages them. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="locator">Where waypoints lie, for the distance-aware queries. The default value is <see langword="null"/> (distances unknown).</param>
    public MarketCache(TimeProvider? timeProvider = null, IWaypointLocator? locator = null)
    {
        _clock = timeProvider ?? TimeProvider.System;
        _locator = locator;
    }

    /// <summary>Gets the clock the cache stamps observations with.</summary>
    public TimeProvider TimeProvider => _clock;

    /// <summary>Gets the number of markets recorded.</summary>
    public int Count => _markets.Count;

    /// <summary>Gets a number that grows every time any market is recorded (to invalidate values derived from prices).</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Gets every market recorded, in no particular order.</summary>
    public IReadOnlyCollection<MarketSnapshot> Markets => [.. _markets.Values];

    /// <summary>Gets a number that grows every time a market of the system is recorded.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <returns>The system's version; 0 when none of its markets has been recorded.</returns>
    public long GetVersion(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        return _systems.TryGetValue(systemSymbol, out var system) ? Volatile.Read(ref system.Version) : 0;
    }

    /// <summary>Forgets every market (the client calls it when the server resets: the old markets are gone). Bumps <see cref="Version"/>.</summary>
    public void Clear()
    {
        _markets.Clear();
        _systems.Clear();
        Interlocked.Increment(ref _version);
    }

    /// <summary>Records a market as seen now.</summary>
    /// <param name="market">The market, as <c>GET .../market</c> returns it.</param>
    /// <returns>What the cache now knows about the market.</returns>
    public MarketSnapshot Record(Market market) => Record(market, _clock.GetUtcNow());

    /// <summary>Records a market as seen at a given time (for example when loading saved observations).</summary>
    /// <param name="market">The market.</param>
    /// <param name="observedAt">When it was seen. An observation older than the one held does not replace it.</param>
    /// <returns>What the cache now knows about the market.</returns>
    public MarketSnapshot Record(Market market, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(market);
        var systemSymbol = Symbols.SystemOf(market.Symbol);
        var snapshot = _markets.AddOrUpdate(
            market.Symbol,
            static (_, state) => Merge(null, state.Market, state.SystemSymbol, state.ObservedAt),
            static (_, existing, state) => Merge(existing, state.Market, state.SystemSymbol, state.ObservedAt),
            (Market: market, SystemSymbol: systemSymbol, ObservedAt: observedAt));
        var system = _systems.GetOrAdd(systemSymbol, static _ => new SystemEntry());
        system.Waypoints.TryAdd(market.Symbol, 0);
        Interlocked.Increment(ref system.Version);
        Interlocked.Increment(ref _version);
        return snapshot;
    }

    /// <summary>Looks up a market.</summary>
    /// <param name="waypointSymbol">The market's waypoint.</param>
    /// <param name="market">What the cache knows, when the market has been recorded.</param>
    /// <returns><see langword="true"/> if the market has been recorded.</returns>
    public bool TryGet(string waypointSymbol, [MaybeNullWhen(false)] out MarketSnapshot market)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        return _markets.TryGetValue(waypointSymbol, out market);
    }

    /// <summary>Gets the recorded markets of a system, ordered by waypoint symbol.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <returns>The markets; empty when none has been recorded.</returns>
    public IReadOnlyList<MarketSnapshot> GetMarkets(string systemSymbol)
    {
        ArgumentNullException.ThrowIfNull(systemSymbol);
        if (!_systems.TryGetValue(systemSymbol, out var system))
        {
            return [];
        }

        var markets = new List<MarketSnapshot>(system.Waypoints.Count);
        foreach (var waypoint in system.Waypoints.Keys)
        {
            if (_markets.TryGetValue(waypoint, out var market))
            {
                markets.Add(market);
            }
        }

        markets.Sort(static (a, b) => string.CompareOrdinal(a.WaypointSymbol, b.WaypointSymbol));
        return markets;
    }

    /// <summary>
    /// Gets the recorded markets of a system whose prices are older than <paramref name="maxAge"/> or were never
    /// seen: the ones worth a visit. The oldest come first, never-priced markets before all others.
    /// </summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="maxAge">How old prices may be.</param>
    /// <returns>The stale markets.</returns>
    public IReadOnlyList<MarketSnapshot> GetStaleMarkets(string systemSymbol, TimeSpan maxAge)
    {
        var now = _clock.GetUtcNow();
        return [.. GetMarkets(systemSymbol)
            .Where(m => m.PricesObservedAt is not { } seen || now - seen > maxAge)
            .OrderBy(m => m.PricesObservedAt ?? DateTimeOffset.MinValue)
            .ThenBy(m => m.WaypointSymbol, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Gets which of the given market waypoints need a visit: those never recorded with prices, or whose prices
    /// are older than <paramref name="maxAge"/>. Pass every waypoint with the MARKETPLACE trait to include markets
    /// the cache has never seen.
    /// </summary>
    /// <param name="marketWaypointSymbols">The market waypoints to check.</param>
    /// <param name="maxAge">How old prices may be.</param>
    /// <returns>The waypoint symbols, unseen ones first, then oldest first.</returns>
    public IReadOnlyList<string> GetStaleMarkets(IEnumerable<string> marketWaypointSymbols, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(marketWaypointSymbols);
        var now = _clock.GetUtcNow();
        return [.. marketWaypointSymbols
            .Distinct(StringComparer.Ordinal)
            .Select(symbol => (Symbol: symbol, Seen: _markets.TryGetValue(symbol, out var m) ? m.PricesObservedAt : null))
            .Where(x => x.Seen is not { } seen || now - seen > maxAge)
            .OrderBy(x => x.Seen ?? DateTimeOffset.MinValue)
            .ThenBy(x => x.Symbol, StringComparer.Ordinal)
            .Select(x => x.Symbol)];
    }

    /// <summary>Gets the markets whose prices were seen most recently, newest first.</summary>
    /// <param name="count">How many to return at most.</param>
    /// <param name="systemSymbol">Only markets of this system, or every system when <see langword="null"/>. The default value is <see langword="null"/>.</param>
    /// <returns>The markets.</returns>
    public IReadOnlyList<MarketSnapshot> GetMostRecentlyPriced(int count, string? systemSymbol = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        IEnumerable<MarketSnapshot> candidates = systemSymbol is null ? _markets.Values : GetMarkets(systemSymbol);
        return [.. candidates
            .Where(m => m.HasPrices)
            .OrderByDescending(m => m.PricesObservedAt)
            .ThenBy(m => m.WaypointSymbol, StringComparer.Ordinal)
            .Take(count)];
    }

    /// <summary>Gets the recorded markets of a system that list a good, whether or not prices have been seen.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="good">The good.</param>
    /// <param name="listing">Only markets listing it this way (export, import or exchange), or any way when <see langword="null"/>. The default value is <see langword="null"/>.</param>
    /// <returns>The markets, ordered by waypoint symbol.</returns>
    public IReadOnlyList<MarketSnapshot> FindMarkets(string systemSymbol, TradeSymbol good, MarketTradeGoodType? listing = null) =>
        [.. GetMarkets(systemSymbol).Where(m => m.GetListing(good) is { } type && (listing is null || type == listing.Value))];

    /// <summary>Gets the markets of a system known to sell FUEL (listed, or with a FUEL purchase price seen), for route planning.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <returns>Their waypoint symbols, ordered.</returns>
    public IReadOnlyList<string> GetFuelStations(string systemSymbol) =>
        [.. GetMarkets(systemSymbol).Where(m => m.GetListing(TradeSymbol.Fuel) is not null).Select(m => m.WaypointSymbol)];

    /// <summary>Gets the highest price seen for selling a good at a market of a system.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="good">The good.</param>
    /// <returns>The best sell price, or <see langword="null"/> when no market of the system has shown one.</returns>
    public int? GetBestSellPrice(string systemSymbol, TradeSymbol good)
    {
        int? best = null;
        foreach (var market in GetMarkets(systemSymbol))
        {
            if (market.Goods.TryGetValue(good, out var observed) && (best is null || observed.SellPrice > best))
            {
                best = observed.SellPrice;
            }
        }

        return best;
    }

    /// <summary>Gets the lowest price seen for buying a good at a market of a system.</summary>
    /// <param name="systemSymbol">The system.</param>
    /// <param name="good">The good.</param>
    /// <returns>The best purchase price, or <see langword="null"/> when no market of the system has shown one.</returns>
    public int? GetBestPurchasePrice(string systemSymbol, TradeSymbol good)
    {
        int? best = null;
        foreach (var market in GetMarkets(systemSymbol))
        {
            if (market.Goods.TryGetValue(good, out var observed) && (best is null || observed.PurchasePrice < best))
            {
                best = observed.PurchasePrice;
            }
        }

        return best;
    }

    /// <summary>
    /// Ranks the places to sell a good near a waypoint: the markets of the waypoint's system with a sell price seen,
    /// best first by <see cref="MarketOffer.Value"/> (the price for <see cref="MarketOfferQuery.Units"/> units less
    /// the distance cost), then nearest first.
    /// </summary>
    /// <param name="good">The good to sell.</param>
    /// <param name="nearWaypointSymbol">Where the ship is (or will be).</param>
    /// <param name="query">Filters and the distance cost. The default value is <see cref="MarketOfferQuery.Default"/>.</param>
    /// <returns>The offers, best first.</returns>
    public IReadOnlyList<MarketOffer> FindSellOffers(TradeSymbol good, string nearWaypointSymbol, MarketOfferQuery? query = null) =>
        FindOffers(good, nearWaypointSymbol, query ?? MarketOfferQuery.Default, selling: true);

    /// <summary>Gets the best place to sell a good near a waypoint (the first of <see cref="FindSellOffers"/>).</summary>
    /// <param name="good">The good to sell.</param>
    /// <param name="nearWaypointSymbol">Where the ship is (or will be).</param>
    /// <param name="query">Filters and the distance cost. The default value is <see cref="MarketOfferQuery.Default"/>.</param>
    /// <returns>The best offer, or <see langword="null"/> when no market qualifies.</returns>
    public MarketOffer? FindBestSell(TradeSymbol good, string nearWaypointSymbol, MarketOfferQuery? query = null) =>
        FindSellOffers(good, nearWaypointSymbol, query) is [var best, ..] ? best : null;

    /// <summary>
    /// Ranks the places to buy a good near a waypoint: the markets of the waypoint's system with a purchase price
    /// seen, best first by <see cref="MarketOffer.Value"/> (the cost of <see cref="MarketOfferQuery.Units"/> units
    /// plus the distance cost, negated), then nearest first.
    /// </summary>
    /// <param name="good">The good to buy.</param>
    /// <param name="nearWaypointSymbol">Where the ship is (or will be).</param>
    /// <param name="query">Filters and the distance cost. The default value is <see cref="MarketOfferQuery.Default"/>.</param>
    /// <returns>The offers, best first.</returns>
    public IReadOnlyList<MarketOffer> FindBuyOffers(TradeSymbol good, string nearWaypointSymbol, MarketOfferQuery? query = null) =>
        FindOffers(good, nearWaypointSymbol, query ?? MarketOfferQuery.Default, selling: false);

    /// <summary>Gets the best place to buy a good near a waypoint (the first of <see cref="FindBuyOffers"/>).</summary>
    /// <param name="good">The good to buy.</param>
    /// <param name="nearWaypointSymbol">Where the ship is (or will be).</param>
    /// <param name="query">Filters and the distance cost. The default value is <see cref="MarketOfferQuery.Default"/>.</param>
    /// <returns>The best offer, or <see langword="null"/> when no market qualifies.</returns>
    public MarketOffer? FindBestBuy(TradeSymbol good, string nearWaypointSymbol, MarketOfferQuery? query = null) =>
        FindBuyOffers(good, nearWaypointSymbol, query) is [var best, ..] ? best : null;

    private List<MarketOffer> FindOffers(TradeSymbol good, string nearWaypointSymbol, MarketOfferQuery query, bool selling)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nearWaypointSymbol);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Units, 1, nameof(query));
        var now = _clock.GetUtcNow();
        WaypointPosition origin = default;
        var originKnown = _locator is not null && _locator.TryGetPosition(nearWaypointSymbol, out origin);
        var offers = new List<MarketOffer>();
        foreach (var market in GetMarkets(Symbols.SystemOf(nearWaypointSymbol)))
        {
            if (!market.Goods.TryGetValue(good, out var observed))
            {
                continue;
            }

            if (query.Listings is { } listings && !listings.Contains(observed.Type))
            {
                continue;
            }

            if (query.MaxAge is { } maxAge && now - observed.ObservedAt > maxAge)
            {
                continue;
            }

            double? distance = null;
            if (string.Equals(market.WaypointSymbol, nearWaypointSymbol, StringComparison.Ordinal))
            {
                distance = 0;
            }
            else if (originKnown && _locator!.TryGetPosition(market.WaypointSymbol, out var there))
            {
                distance = origin.DistanceTo(there);
            }

            if (query.MaxDistance is { } maxDistance && (distance is null || distance > maxDistance))
            {
                continue;
            }

            var price = selling ? observed.SellPrice : observed.PurchasePrice;
            var distanceCost = query.CreditsPerDistance * (distance ?? 0);
            var value = selling ? ((double)price * query.Units) - distanceCost : -(((double)price * query.Units) + distanceCost);
            offers.Add(new MarketOffer(market.WaypointSymbol, observed.Good, observed.ObservedAt, price, distance, value));
        }

        offers.Sort(static (a, b) =>
        {
            var byValue = b.Value.CompareTo(a.Value);
            if (byValue != 0)
            {
                return byValue;
            }

            var byDistance = (a.Distance ?? double.MaxValue).CompareTo(b.Distance ?? double.MaxValue);
            return byDistance != 0 ? byDistance : string.CompareOrdinal(a.WaypointSymbol, b.WaypointSymbol);
        });
        return offers;
    }

    private static MarketSnapshot Merge(MarketSnapshot? existing, Market market, string systemSymbol, DateTimeOffset observedAt)
    {
        if (existing is not null && observedAt < existing.ListedAt)
        {
            return existing;
        }

        if (market.TradeGoods is { } tradeGoods)
        {
            var goods = new Dictionary<TradeSymbol, ObservedTradeGood>(tradeGoods.Count);
            foreach (var good in tradeGoods)
            {
                goods[good.Symbol] = new ObservedTradeGood(good, observedAt);
            }

            return new MarketSnapshot(market, systemSymbol, goods.ToFrozenDictionary(), market.Transactions ?? existing?.Transactions ?? [], observedAt, observedAt);
        }

        // A listing without prices (no ship at the market): keep the prices and transactions seen before.
        var kept = existing is null
            ? market
            : market with { TradeGoods = existing.Market.TradeGoods, Transactions = market.Transactions ?? existing.Market.Transactions };
        return new MarketSnapshot(
            kept,
            systemSymbol,
            existing?.Goods as FrozenDictionary<TradeSymbol, ObservedTradeGood> ?? FrozenDictionary<TradeSymbol, ObservedTradeGood>.Empty,
            market.Transactions ?? existing?.Transactions ?? [],
            observedAt,
            existing?.PricesObservedAt);
    }

    private sealed class SystemEntry
    {
        public readonly ConcurrentDictionary<string, byte> Waypoints = new(StringComparer.Ordinal);
        public long Version;
    }
}

/// <summary>Filters and the distance cost for <see cref="MarketCache.FindSellOffers"/> and <see cref="MarketCache.FindBuyOffers"/>.</summary>
public sealed record MarketOfferQuery
{
    /// <summary>Gets the default query: one unit, any listing, any age, any distance, distance free.</summary>
    public static MarketOfferQuery Default { get; } = new();

    /// <summary>Gets the units to be traded, which weighs the price against the distance cost. The default value is 1.</summary>
    public int Units { get; init; } = 1;

    /// <summary>Gets the credits each unit of distance to the market costs (fuel and time). The default value is 0: rank by price, then distance.</summary>
    public double CreditsPerDistance { get; init; }

    /// <summary>Gets the farthest market to consider; markets whose distance is unknown are then left out. The default value is <see langword="null"/> (no limit).</summary>
    public double? MaxDistance { get; init; }

    /// <summary>Gets the oldest price to trust. The default value is <see langword="null"/> (any age).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>
    /// Gets the listings to consider, for example only <see cref="MarketTradeGoodType.Import"/> and
    /// <see cref="MarketTradeGoodType.Exchange"/> when selling. The default value is <see langword="null"/> (all three).
    /// </summary>
    public IReadOnlyCollection<MarketTradeGoodType>? Listings { get; init; }
}

/// <summary>A market's offer for a good, as ranked by <see cref="MarketCache"/>.</summary>
/// <param name="WaypointSymbol">The market's waypoint.</param>
/// <param name="Good">The good's prices, supply, activity, trade volume and listing as last seen.</param>
/// <param name="ObservedAt">When they were seen.</param>
/// <param name="PricePerUnit">The price per unit: the sell price for a sell offer, the purchase price for a buy offer.</param>
/// <param name="Distance">The distance from the waypoint asked about, or <see langword="null"/> when unknown.</param>
/// <param name="Value">The ranking value: credits received less the distance cost when selling; minus (credits paid plus the distance cost) when buying.</param>
public sealed record MarketOffer(string WaypointSymbol, MarketTradeGood Good, DateTimeOffset ObservedAt, int PricePerUnit, double? Distance, double Value)
{
    /// <summary>Gets whether the market exports, imports or exchanges the good.</summary>
    public MarketTradeGoodType Listing => Good.Type;
}
