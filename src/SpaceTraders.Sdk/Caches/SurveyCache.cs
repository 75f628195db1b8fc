using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// The surveys the fleet holds, by waypoint, shared by every ship: which to use next for a goal, and which
/// nobody may use again.
/// </summary>
/// <remarks>
/// <para>
/// Add the surveys each <c>POST .../survey</c> returns (<see cref="Add(IEnumerable{Survey})"/>;
/// <see cref="State.AgentState"/> does it when given the cache). A survey stops being offered at its
/// <see cref="Survey.Expiration"/> (less <see cref="SurveyCacheOptions.ExpirationMargin"/>) by the injected clock,
/// and as soon as the server says it is exhausted (4224), expired (4221) or cannot be verified (4220): pass the error to
/// <see cref="TryReport(SpaceTradersApiException, Survey)"/>. A retired signature is remembered until the survey's
/// expiration, so a copy added again later is ignored. <see cref="SpaceTradersClient.Surveys"/> needs neither call:
/// the client adds every survey <c>CreateSurveyAsync</c> returns, and <c>ExtractResourcesWithSurveyAsync</c> reports
/// those three errors before it rethrows them.
/// </para>
/// <para>
/// Lookups are indexed: per waypoint and good, the surveys are kept sorted by score, so
/// <see cref="GetBest"/> for <see cref="SurveyGoal.ForGood"/> returns the first usable entry in constant time;
/// <see cref="SurveyGoal.BestValue"/> rankings are computed once per change of the system's prices in the
/// <see cref="MarketCache"/>. Expired entries are skipped and pruned in passing.
/// </para>
/// <para>
/// Thread-safe: lookups read an immutable per-waypoint index without a lock (a lookup that skipped many expired
/// entries prunes them under the write lock before returning); additions, retirements and pruning serialise on
/// that lock.
/// </para>
/// </remarks>
public sealed partial class SurveyCache
{
    private const int PruneAfterSkipped = 8;

    private readonly ConcurrentDictionary<string, WaypointIndex> _byWaypoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _bySignature = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Retired> _retired = new(StringComparer.Ordinal);
    private readonly object _writeLock = new();
    private readonly TimeProvider _clock;
    private readonly MarketCache? _markets;
    private readonly SurveyCacheOptions _options;

    /// <summary>Initializes a new instance of the <see cref="SurveyCache"/> class.</summary>
    /// <param name="timeProvider">The clock that expires surveys. The default value is <see cref="TimeProvider.System"/>.</param>
    /// <param name="markets">The prices for <see cref="SurveyGoal.BestValue"/>. The default value is <see langword="null"/> (that goal then throws).</param>
    /// <param name="options">The settings. The default value is <see cref="SurveyCacheOptions.Default"/>.</param>
    public SurveyCache(TimeProvider? timeProvider = null, MarketCache? markets = null, SurveyCacheOptions? options = null)
    {
        _clock = timeProvider ?? TimeProvider.System;
        _markets = markets;
        _options = options ?? SurveyCacheOptions.Default;
    }

    /// <summary>Gets the number of surveys held (usable, or expired and not yet pruned).</summary>
    public int Count => _bySignature.Count;

    /// <summary>Adds a survey.</summary>
    /// <param name="survey">The survey, unmodified (the server verifies it on extraction).</param>
    /// <returns><see langword="true"/> if it was added; <see langword="false"/> if it is already held, retired or expired.</returns>
    public bool Add(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return Add([survey]) == 1;
    }

    /// <summary>Adds surveys, for example all those one <c>POST .../survey</c> returned.</summary>
    /// <param name="surveys">The surveys, unmodified.</param>
    /// <returns>How many were added (those already held, retired or expired are skipped).</returns>
    public int Add(IEnumerable<Survey> surveys)
    {
        ArgumentNullException.ThrowIfNull(surveys);
        lock (_writeLock)
        {
            var now = _clock.GetUtcNow();
            var added = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
            foreach (var survey in surveys)
            {
                ArgumentNullException.ThrowIfNull(survey, nameof(surveys));
                var usableUntil = survey.Expiration - _options.ExpirationMargin;
                if (usableUntil <= now || _retired.ContainsKey(survey.Signature) || _bySignature.ContainsKey(survey.Signature))
                {
                    continue;
                }

                var entry = new Entry(survey, usableUntil, Weight(survey.Size));
                _bySignature[survey.Signature] = entry;
                if (!added.TryGetValue(survey.Symbol, out var list))
                {
                    added[survey.Symbol] = list = [];
                }

                list.Add(entry);
            }

            foreach (var (waypoint, entries) in added)
            {
                var current = _byWaypoint.TryGetValue(waypoint, out var index) ? index.Entries : [];
                Rebuild(waypoint, current.Where(e => e.IsUsable(now)).Concat(entries));
            }

            return added.Values.Sum(l => l.Count);
        }
    }

    /// <summary>Gets what the cache knows about a signature.</summary>
    /// <param name="signature">The survey's signature.</param>
    /// <returns>Its status by the clock now.</returns>
    public SurveyStatus GetStatus(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (_retired.TryGetValue(signature, out var retired))
        {
            return retired.Status;
        }

        if (_bySignature.TryGetValue(signature, out var entry))
        {
            return entry.IsUsable(_clock.GetUtcNow()) ? SurveyStatus.Usable : SurveyStatus.Expired;
        }

        return SurveyStatus.Unknown;
    }

    /// <summary>Marks a survey exhausted (the server answered 4224): nobody is offered it again.</summary>
    /// <param name="signature">The survey's signature.</param>
    /// <returns><see langword="true"/> if the cache held the survey.</returns>
    public bool MarkExhausted(string signature) => Retire(signature, SurveyStatus.Exhausted);

    /// <summary>Marks a survey expired (the server answered 4221, perhaps before the expiration the cache knew): nobody is offered it again.</summary>
    /// <param name="signature">The survey's signature.</param>
    /// <returns><see langword="true"/> if the cache held the survey.</returns>
    public bool MarkExpired(string signature) => Retire(signature, SurveyStatus.Expired);

    /// <summary>Marks a survey invalid (the server answered 4220: it cannot verify the survey): nobody is offered it again.</summary>
    /// <param name="signature">The survey's signature.</param>
    /// <returns><see langword="true"/> if the cache held the survey.</returns>
    public bool MarkInvalid(string signature) => Retire(signature, SurveyStatus.Invalid);

    /// <summary>Removes a survey without retiring it (it may be added again).</summary>
    /// <param name="signature">The survey's signature.</param>
    /// <returns><see langword="true"/> if the cache held the survey.</returns>
    public bool Remove(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        lock (_writeLock)
        {
            if (!_bySignature.TryRemove(signature, out var entry))
            {
                return false;
            }

            entry.Status = SurveyStatus.Unknown;
            RebuildWithout(entry.Survey.Symbol, _clock.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// Retires the survey an extraction used if the server's error says it is exhausted (4224), expired (4221) or
    /// cannot be verified (4220).
    /// </summary>
    /// <param name="exception">The error from <c>POST .../extract/survey</c>.</param>
    /// <param name="survey">The survey that was sent.</param>
    /// <returns><see langword="true"/> if the error was a survey error and the survey is now retired; <see langword="false"/> for any other error.</returns>
    public bool TryReport(SpaceTradersApiException exception, Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return TryReport(exception, survey.Signature);
    }

    /// <summary>
    /// Retires a survey if the server's error says it is exhausted (4224), expired (4221) or cannot be verified
    /// (4220). Without a signature, it is read from the error's data (<c>signature</c>) or message
    /// ("Survey &lt;signature&gt; has been exhausted"; a word without a digit or a hyphen, such as the "failed" of
    /// "Ship survey failed.", is no signature).
    /// </summary>
    /// <param name="exception">The error from <c>POST .../extract/survey</c>.</param>
    /// <param name="signature">The signature of the survey sent, or <see langword="null"/> to read it from the error. The default value is <see langword="null"/>.</param>
    /// <returns><see langword="true"/> if the error was a survey error with a known signature and that signature is now retired.</returns>
    public bool TryReport(SpaceTradersApiException exception, string? signature = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        SurveyStatus status;
        if (exception.IsSurveyExhausted)
        {
            status = SurveyStatus.Exhausted;
        }
        else if (exception.IsSurveyExpired)
        {
            status = SurveyStatus.Expired;
        }
        else if (exception.IsSurveyInvalid)
        {
            status = SurveyStatus.Invalid;
        }
        else
        {
            return false;
        }

        signature ??= SignatureFrom(exception);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Retire(signature, status);
        return true;
    }

    /// <summary>Gets the usable surveys at a waypoint, in the order they were added.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <returns>The surveys.</returns>
    public IReadOnlyList<Survey> GetSurveys(string waypointSymbol)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        if (!_byWaypoint.TryGetValue(waypointSymbol, out var index))
        {
            return [];
        }

        var now = _clock.GetUtcNow();
        return [.. index.Entries.Where(e => e.IsUsable(now)).Select(e => e.Survey)];
    }

    /// <summary>Gets the best usable survey at a waypoint for a goal.</summary>
    /// <param name="waypointSymbol">The waypoint the ship extracts at.</param>
    /// <param name="goal">What the ship wants.</param>
    /// <returns>The survey to send with the extraction, or <see langword="null"/> when none is usable or none scores above 0.</returns>
    /// <exception cref="InvalidOperationException">The goal is <see cref="SurveyGoal.BestValue"/> and the cache has no market cache.</exception>
    public Survey? GetBest(string waypointSymbol, SurveyGoal goal)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        ArgumentNullException.ThrowIfNull(goal);
        if (!_byWaypoint.TryGetValue(waypointSymbol, out var index))
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        if (goal.Kind == SurveyGoalKind.Values)
        {
            return ScoreByValues(index, goal.Values!, now).MaxBy(static r => r.Score)?.Survey;
        }

        var ranked = goal.Kind == SurveyGoalKind.Good ? index.ForGood(goal.Good) : ValueRanking(index).Ranking;
        var skipped = 0;
        foreach (var entry in ranked)
        {
            if (entry.IsUsable(now))
            {
                if (skipped >= PruneAfterSkipped)
                {
                    Prune(waypointSymbol);
                }

                return entry.Survey;
            }

            skipped++;
        }

        if (skipped >= PruneAfterSkipped)
        {
            Prune(waypointSymbol);
        }

        return null;
    }

    /// <summary>Ranks the usable surveys at a waypoint for a goal, best first; surveys scoring 0 are left out.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <param name="goal">What the ship wants.</param>
    /// <returns>The surveys with their scores, best first (ties: the one expiring last first).</returns>
    /// <exception cref="InvalidOperationException">The goal is <see cref="SurveyGoal.BestValue"/> and the cache has no market cache.</exception>
    public IReadOnlyList<RankedSurvey> Rank(string waypointSymbol, SurveyGoal goal)
    {
        ArgumentNullException.ThrowIfNull(waypointSymbol);
        ArgumentNullException.ThrowIfNull(goal);
        if (!_byWaypoint.TryGetValue(waypointSymbol, out var index))
        {
            return [];
        }

        var now = _clock.GetUtcNow();
        switch (goal.Kind)
        {
            case SurveyGoalKind.Values:
                var scored = ScoreByValues(index, goal.Values!, now);
                scored.Sort(static (a, b) => Compare(a.Score, a.Survey, b.Score, b.Survey));
                return scored;
            case SurveyGoalKind.Good:
                return [.. index.ForGood(goal.Good).Where(e => e.IsUsable(now)).Select(e => new RankedSurvey(e.Survey, e.ShareOf(goal.Good) * e.SizeWeight))];
            default:
                var (_, ranking, scores) = ValueRanking(index);
                var result = new List<RankedSurvey>(ranking.Length);
                for (var i = 0; i < ranking.Length; i++)
                {
                    if (ranking[i].IsUsable(now))
                    {
                        result.Add(new RankedSurvey(ranking[i].Survey, scores[i]));
                    }
                }

                return result;
        }
    }

    /// <summary>Forgets every survey and retired signature (the client calls it when the server resets: the old surveys name waypoints that are gone).</summary>
    public void Clear()
    {
        lock (_writeLock)
        {
            _byWaypoint.Clear();
            _bySignature.Clear();
            _retired.Clear();
        }
    }

    /// <summary>Drops every expired survey and forgets retired signatures whose survey has expired.</summary>
    /// <returns>How many surveys were dropped.</returns>
    public int Prune()
    {
        lock (_writeLock)
        {
            var now = _clock.GetUtcNow();
            var dropped = 0;
            foreach (var waypoint in _byWaypoint.Keys)
            {
                dropped += PruneLocked(waypoint, now);
            }

            foreach (var (signature, retired) in _retired)
            {
                if (retired.ForgetAt <= now)
                {
                    _retired.TryRemove(signature, out _);
                }
            }

            return dropped;
        }
    }

    private static int Compare(double scoreA, Survey a, double scoreB, Survey b)
    {
        var byScore = scoreB.CompareTo(scoreA);
        if (byScore != 0)
        {
            return byScore;
        }

        var byExpiration = b.Expiration.CompareTo(a.Expiration);
        return byExpiration != 0 ? byExpiration : string.CompareOrdinal(a.Signature, b.Signature);
    }

    private static string? SignatureFrom(SpaceTradersApiException exception)
    {
        if (exception.ErrorData is { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var name in (ReadOnlySpan<string>)["signature", "surveySignature"])
            {
                if (data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }

        return exception.ErrorMessage is { } message && SignatureInMessage().Match(message) is { Success: true } match
            ? match.Groups[1].Value
            : null;
    }

    // A signature has a digit or a hyphen (X1-DF55-AF1-3A9C1E), so the "survey failed" of "Ship survey failed. Survey
    // X1-... is not a valid, unmodified survey." (4220) is passed over for the signature after it.
    [GeneratedRegex(@"\b[Ss]urvey\s+((?=[A-Za-z_]*[0-9-])[A-Za-z0-9][A-Za-z0-9_-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex SignatureInMessage();

    private List<RankedSurvey> ScoreByValues(WaypointIndex index, IReadOnlyDictionary<TradeSymbol, double> values, DateTimeOffset now)
    {
        var result = new List<RankedSurvey>();
        foreach (var entry in index.Entries)
        {
            if (!entry.IsUsable(now))
            {
                continue;
            }

            var score = entry.AverageValue(good => values.TryGetValue(good, out var v) ? v : 0) * entry.SizeWeight;
            if (score > 0)
            {
                result.Add(new RankedSurvey(entry.Survey, score));
            }
        }

        return result;
    }

    private ValueCache ValueRanking(WaypointIndex index)
    {
        var markets = _markets ?? throw new InvalidOperationException(
            "The BestValue goal ranks by the market cache's prices: build the SurveyCache with a MarketCache.");
        var version = markets.GetVersion(index.SystemSymbol);
        var cached = index.Value;
        if (cached is not null && cached.PriceVersion == version)
        {
            return cached;
        }

        // Compute outside any lock; concurrent callers may both compute, and either result is right.
        var ranking = RankByValue(index, markets, version);
        index.Value = ranking;
        return ranking;
    }

    private static ValueCache RankByValue(WaypointIndex index, MarketCache markets, long version)
    {
        var prices = new Dictionary<TradeSymbol, double>();
        foreach (var good in index.Goods)
        {
            prices[good] = markets.GetBestSellPrice(index.SystemSymbol, good) ?? 0;
        }

        var scored = index.Entries
            .Select(e => (Entry: e, Score: e.AverageValue(g => prices[g]) * e.SizeWeight))
            .Where(x => x.Score > 0)
            .ToList();
        scored.Sort(static (a, b) => Compare(a.Score, a.Entry.Survey, b.Score, b.Entry.Survey));
        return new ValueCache(version, [.. scored.Select(x => x.Entry)], [.. scored.Select(x => x.Score)]);
    }

    private bool Retire(string signature, SurveyStatus status)
    {
        ArgumentNullException.ThrowIfNull(signature);
        lock (_writeLock)
        {
            var now = _clock.GetUtcNow();
            var held = _bySignature.TryRemove(signature, out var entry);
            var forgetAt = held ? entry!.Survey.Expiration : now + _options.RetiredRetention;
            _retired[signature] = new Retired(status, forgetAt > now ? forgetAt : now + _options.RetiredRetention);
            if (held)
            {
                entry!.Status = status;
                RebuildWithout(entry.Survey.Symbol, now);
            }

            return held;
        }
    }

    private void Prune(string waypointSymbol)
    {
        lock (_writeLock)
        {
            PruneLocked(waypointSymbol, _clock.GetUtcNow());
        }
    }

    private int PruneLocked(string waypointSymbol, DateTimeOffset now)
    {
        if (!_byWaypoint.TryGetValue(waypointSymbol, out var index))
        {
            return 0;
        }

        var expired = index.Entries.Where(e => !e.IsUsable(now)).ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        foreach (var entry in expired)
        {
            _bySignature.TryRemove(new KeyValuePair<string, Entry>(entry.Survey.Signature, entry));
        }

        RebuildWithout(waypointSymbol, now);
        return expired.Count;
    }

    private void RebuildWithout(string waypointSymbol, DateTimeOffset now)
    {
        if (_byWaypoint.TryGetValue(waypointSymbol, out var index))
        {
            Rebuild(waypointSymbol, index.Entries.Where(e => e.IsUsable(now) && _bySignature.ContainsKey(e.Survey.Signature)));
        }
    }

    private void Rebuild(string waypointSymbol, IEnumerable<Entry> entries)
    {
        var all = entries.ToArray();
        if (all.Length == 0)
        {
            _byWaypoint.TryRemove(waypointSymbol, out _);
            return;
        }

        _byWaypoint[waypointSymbol] = new WaypointIndex(Symbols.SystemOf(waypointSymbol), all);
    }

    private double Weight(SurveySize size) =>
        _options.SizeWeights.TryGetValue(size.Value, out var weight) ? weight : 1.0;

    /// <summary>One survey held, with what the index needs precomputed.</summary>
    private sealed class Entry
    {
        private readonly (TradeSymbol Good, int Count)[] _deposits;
        private readonly int _total;
        private volatile SurveyStatus _status = SurveyStatus.Usable;

        public Entry(Survey survey, DateTimeOffset usableUntil, double sizeWeight)
        {
            Survey = survey;
            UsableUntil = usableUntil;
            SizeWeight = sizeWeight;
            _deposits = [.. survey.Deposits.GroupBy(d => d.Symbol).Select(g => (g.Key, g.Count()))];
            _total = Math.Max(1, survey.Deposits.Count);
        }

        public Survey Survey { get; }

        public DateTimeOffset UsableUntil { get; }

        public double SizeWeight { get; }

        public IEnumerable<TradeSymbol> Goods => _deposits.Select(d => d.Good);

        public SurveyStatus Status
        {
            get => _status;
            set => _status = value;
        }

        public bool IsUsable(DateTimeOffset now) => _status == SurveyStatus.Usable && now < UsableUntil;

        public double ShareOf(TradeSymbol good)
        {
            foreach (var (symbol, count) in _deposits)
            {
                if (symbol == good)
                {
                    return (double)count / _total;
                }
            }

            return 0;
        }

        public double AverageValue(Func<TradeSymbol, double> valueOf)
        {
            var sum = 0.0;
            foreach (var (symbol, count) in _deposits)
            {
                sum += valueOf(symbol) * count;
            }

            return sum / _total;
        }
    }

    /// <summary>The surveys of one waypoint, immutable but for the lazily computed value ranking.</summary>
    private sealed class WaypointIndex
    {
        private readonly FrozenDictionary<TradeSymbol, Entry[]> _byGood;
        private volatile ValueCache? _value;

        public WaypointIndex(string systemSymbol, Entry[] entries)
        {
            SystemSymbol = systemSymbol;
            Entries = entries;
            var byGood = new Dictionary<TradeSymbol, List<Entry>>();
            foreach (var entry in entries)
            {
                foreach (var good in entry.Goods)
                {
                    if (!byGood.TryGetValue(good, out var list))
                    {
                        byGood[good] = list = [];
                    }

                    list.Add(entry);
                }
            }

            _byGood = byGood.ToFrozenDictionary(
                pair => pair.Key,
                pair =>
                {
                    var good = pair.Key;
                    var sorted = pair.Value.ToArray();
                    Array.Sort(sorted, (a, b) => Compare(a.ShareOf(good) * a.SizeWeight, a.Survey, b.ShareOf(good) * b.SizeWeight, b.Survey));
                    return sorted;
                });
        }

        public string SystemSymbol { get; }

        public Entry[] Entries { get; }

        public IEnumerable<TradeSymbol> Goods => _byGood.Keys;

        public ValueCache? Value
        {
            get => _value;
            set => _value = value;
        }

        public Entry[] ForGood(TradeSymbol good) => _byGood.TryGetValue(good, out var entries) ? entries : [];
    }

    private sealed record ValueCache(long PriceVersion, Entry[] Ranking, double[] Scores);

    private readonly record struct Retired(SurveyStatus Status, DateTimeOffset ForgetAt);
}

/// <summary>Settings of <see cref="SurveyCache"/>.</summary>
public sealed record SurveyCacheOptions
{
    /// <summary>Gets the default settings.</summary>
    public static SurveyCacheOptions Default { get; } = new();

    /// <summary>
    /// Gets how long before its expiration a survey stops being offered, so that an extraction queued behind the
    /// rate limiter does not arrive after it. The default value is <see cref="TimeSpan.Zero"/> (offered until it expires).
    /// </summary>
    public TimeSpan ExpirationMargin { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Gets the weight of each survey size in the score (keyed by the API's spelling). The default values are
    /// SMALL 1.0, MODERATE 1.05, LARGE 1.1: the expected yield of one extraction dominates, and a larger deposit
    /// (more extractions before it is exhausted) wins near-ties. An unknown size counts 1.
    /// </summary>
    public IReadOnlyDictionary<string, double> SizeWeights { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["SMALL"] = 1.0,
        ["MODERATE"] = 1.05,
        ["LARGE"] = 1.1,
    };

    /// <summary>
    /// Gets how long a retired signature the cache never held is remembered (a held survey's signature is
    /// remembered until its expiration). The default value is 1 hour.
    /// </summary>
    public TimeSpan RetiredRetention { get; init; } = TimeSpan.FromHours(1);
}
