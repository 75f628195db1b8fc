namespace SpaceTraders.Sdk.State;

/// <summary>
/// The one tracked instance of a whole value — the agent, a contract, a market, a waypoint — with a version that
/// grows only when the value really changes, and a dirty mark for the store.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
/// <remarks>
/// Thread-safe: the value, its version and its clean version are swapped together atomically. A store reads
/// <see cref="GetChange"/>, writes the value, then calls <see cref="MarkClean(TrackedChange{T})"/>; a change that
/// lands while it writes stays dirty.
/// </remarks>
public sealed class TrackedValue<T>
    where T : class
{
    private readonly Func<T, T, bool> _equals;
    private State _state = new(null, 0, 0, null, null);

    internal TrackedValue(string key, Func<T, T, bool> equals)
    {
        Key = key;
        _equals = equals;
    }

    /// <summary>Raised after the value changed, on the thread that applied it. Handlers should be short and must not throw.</summary>
    public event EventHandler? Changed;

    /// <summary>Gets the key: the agent's symbol, the contract's id, the market's or waypoint's symbol.</summary>
    public string Key { get; }

    /// <summary>Gets the value as last received, or <see langword="null"/> if never received.</summary>
    public T? Value => Read().Value;

    /// <summary>Gets the version: it grows by one with every change of the value; 0 if never received.</summary>
    public long Version => Read().Version;

    /// <summary>Gets a value indicating whether the value changed since a store last marked it clean.</summary>
    public bool IsDirty => Read() is var state && state.Version > state.CleanVersion;

    /// <summary>Gets when the value last changed, or <see langword="null"/> if never received.</summary>
    public DateTimeOffset? ChangedAt => Read().ChangedAt;

    /// <summary>Gets when the value was last received (changed or not), or <see langword="null"/> if never received.</summary>
    public DateTimeOffset? ObservedAt => Read().ObservedAt;

    /// <summary>Gets the value to write, or <see langword="null"/> when it is clean.</summary>
    /// <returns>The change, to pass to <see cref="MarkClean(TrackedChange{T})"/> after a successful write.</returns>
    public TrackedChange<T>? GetChange()
    {
        var state = Read();
        return state.Value is not null && state.Version > state.CleanVersion ? new TrackedChange<T>(Key, state.Value, state.Version) : null;
    }

    /// <summary>Marks the value clean up to the version written: a change that landed meanwhile stays dirty.</summary>
    /// <param name="written">What <see cref="GetChange"/> returned and the store wrote.</param>
    public void MarkClean(TrackedChange<T> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        MarkClean(written.Version);
    }

    /// <summary>Marks the value clean up to a version.</summary>
    /// <param name="upToVersion">The version written.</param>
    public void MarkClean(long upToVersion)
    {
        while (true)
        {
            var state = Read();
            var clean = Math.Max(state.CleanVersion, Math.Min(upToVersion, state.Version));
            if (clean == state.CleanVersion || ReferenceEquals(Interlocked.CompareExchange(ref _state, state with { CleanVersion = clean }, state), state))
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Key} v{Version}{(IsDirty ? " dirty" : string.Empty)}";

    /// <summary>Merges a received value; returns whether it changed.</summary>
    internal bool Apply(T value, DateTimeOffset now, Func<T, T, T>? merge = null)
    {
        while (true)
        {
            var state = Read();
            var incoming = merge is not null && state.Value is not null ? merge(state.Value, value) : value;
            var changed = state.Value is null || !_equals(state.Value, incoming);
            var next = changed
                ? state with { Value = incoming, Version = state.Version + 1, ChangedAt = now, ObservedAt = now }
                : state with { ObservedAt = now };
            if (!ReferenceEquals(Interlocked.CompareExchange(ref _state, next, state), state))
            {
                continue;
            }

            if (changed)
            {
                Changed?.Invoke(this, EventArgs.Empty);
            }

            return changed;
        }
    }

    private State Read() => Volatile.Read(ref _state);

    private sealed record State(T? Value, long Version, long CleanVersion, DateTimeOffset? ChangedAt, DateTimeOffset? ObservedAt);
}

/// <summary>A tracked value a store should write, from <see cref="TrackedValue{T}.GetChange"/>.</summary>
/// <typeparam name="T">The model type.</typeparam>
/// <param name="Key">The value's key.</param>
/// <param name="Value">The value to write.</param>
/// <param name="Version">Its version.</param>
public sealed record TrackedChange<T>(string Key, T Value, long Version)
    where T : class;
