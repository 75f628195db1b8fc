namespace SpaceTraders.Simulator.Faults;

/// <summary>
/// The simulation's fault script: an ordered list of <see cref="FaultRule"/>s checked against every request.
/// The first rule that matches (and wins its seeded random draw) applies; a <see cref="FaultKind.Reorder"/> rule that
/// applies does not end the search, so a request may be reordered and hit by one other fault. Thread-safe;
/// deterministic for a given seed and request order.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<ActiveRule> _rules = [];
    private readonly Random _random;
    private readonly Random _orders;
    private int _ruleCount;
    private long _injected;

    internal FaultInjector(int seed)
    {
        _random = new Random(seed);

        // The shuffles draw from their own stream, so reordering answers never shifts the other faults' draws.
        _orders = new Random(unchecked((seed * 31) + 0x5EED));
    }

    /// <summary>Gets how many faults have been injected so far.</summary>
    public long InjectedCount => Interlocked.Read(ref _injected);

    /// <summary>Gets the rules still active, in evaluation order.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules.Select(r => r.Rule)];
            }
        }
    }

    /// <summary>Adds a rule after the existing ones.</summary>
    /// <param name="rule">The rule.</param>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1 || double.IsNaN(rule.Probability))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Probability, "Probability must be between 0 and 1.");
        }

        if (rule.Count is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Count, "Count must be positive.");
        }

        var active = new ActiveRule(rule, PathPattern.Parse(rule.Path));
        lock (_gate)
        {
            _rules.Add(active);
            Volatile.Write(ref _ruleCount, _rules.Count);
        }
    }

    /// <summary>Makes the next <paramref name="count"/> matching requests fail with <paramref name="kind"/>.</summary>
    /// <param name="kind">The fault.</param>
    /// <param name="count">How many requests. The default value is 1.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern to match (see <see cref="FaultRule.Path"/>), or <see langword="null"/> for any.</param>
    /// <returns>The rule added.</returns>
    public FaultRule Inject(FaultKind kind, int count = 1, string? method = null, string? path = null)
    {
        var rule = new FaultRule { Kind = kind, Count = count, Method = method, Path = path };
        Add(rule);
        return rule;
    }

    /// <summary>Adds the rules of a named profile (see <see cref="FaultProfiles"/>).</summary>
    /// <param name="profile">The profile's name.</param>
    public void UseProfile(string profile)
    {
        foreach (var rule in FaultProfiles.Rules(profile))
        {
            Add(rule);
        }
    }

    /// <summary>Removes a rule.</summary>
    /// <param name="rule">The rule, as added.</param>
    /// <returns><see langword="true"/> if it was still active.</returns>
    public bool Remove(FaultRule rule)
    {
        lock (_gate)
        {
            var removed = _rules.RemoveAll(r => ReferenceEquals(r.Rule, rule)) > 0;
            Volatile.Write(ref _ruleCount, _rules.Count);
            return removed;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            Volatile.Write(ref _ruleCount, 0);
        }
    }

    /// <summary>Decides the faults for one request, consuming a hit of each rule that applies.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The path after <c>/v2</c>.</param>
    /// <param name="now">The simulation time.</param>
    /// <returns>The fault that applies (the first non-reorder rule that matches and wins its draw) and the shuffle of a reorder, if any.</returns>
    internal FaultDecision Next(string method, string path, DateTimeOffset now)
    {
        if (Volatile.Read(ref _ruleCount) == 0)
        {
            return default;
        }

        lock (_gate)
        {
            Random? reorder = null;
            for (var i = 0; i < _rules.Count; i++)
            {
                var active = _rules[i];
                var rule = active.Rule;
                if ((rule.From is { } from && now < from) || (rule.Until is { } until && now >= until))
                {
                    continue;
                }

                if ((rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || !active.Pattern.Matches(path))
                {
                    continue;
                }

                // One reorder per request: a second reorder rule neither draws nor counts.
                if (rule.Kind == FaultKind.Reorder && reorder is not null)
                {
                    continue;
                }

                // Draw only for probabilistic rules, so adding a certain rule never shifts the random sequence.
                if (rule.Probability < 1 && _random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                if (rule.Count is not null && --active.Remaining <= 0)
                {
                    _rules.RemoveAt(i);
                    Volatile.Write(ref _ruleCount, _rules.Count);
                    i--;
                }

                _injected++;
                if (rule.Kind == FaultKind.Reorder)
                {
                    reorder = new Random(_orders.Next());
                    continue;
                }

                return new FaultDecision(rule, reorder);
            }

            return new FaultDecision(null, reorder);
        }
    }

    private sealed class ActiveRule(FaultRule rule, PathPattern pattern)
    {
        public FaultRule Rule { get; } = rule;

        public PathPattern Pattern { get; } = pattern;

        public int Remaining { get; set; } = rule.Count ?? int.MaxValue;
    }
}

/// <summary>What the fault script decided for one request.</summary>
/// <param name="Fault">The fault that applies, or <see langword="null"/>.</param>
/// <param name="Reorder">The shuffle of a <see cref="FaultKind.Reorder"/> for this request, or <see langword="null"/> when its answer keeps its order.</param>
internal readonly record struct FaultDecision(FaultRule? Fault, Random? Reorder);
