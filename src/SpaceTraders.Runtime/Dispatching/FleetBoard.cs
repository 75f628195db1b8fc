using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// One agent's shared notes. Waiting for a change parks the caller on its own clock signal, which a matching post or
/// removal (or the timeout's timer) sets: one park per waiter, so it works under virtual time.
/// </summary>
internal sealed class FleetBoard : IFleetBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object> _notes = new(StringComparer.Ordinal);
    private readonly List<Watcher> _watchers = [];
    private readonly TimeProvider _clock;

    public FleetBoard(TimeProvider clock) => _clock = clock;

    public void Post<T>(string key, T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _notes[key] = value;
        }

        Notify(key);
    }

    public bool TryRead<T>(string key, out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_notes.TryGetValue(key, out var note) && note is T typed)
            {
                value = typed;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool removed;
        lock (_gate)
        {
            removed = _notes.Remove(key);
        }

        if (removed)
        {
            Notify(key);
        }

        return removed;
    }

    public IReadOnlyList<KeyValuePair<string, T>> ReadAll<T>(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_gate)
        {
            return [.. _notes
                .Where(n => n.Key.StartsWith(prefix, StringComparison.Ordinal) && n.Value is T)
                .OrderBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => new KeyValuePair<string, T>(n.Key, (T)n.Value))];
        }
    }

    public bool TryClaim<T>(string key, T value)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (!_notes.TryAdd(key, value))
            {
                return false;
            }
        }

        Notify(key);
        return true;
    }

    public async Task<bool> WaitForChangeAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            return false;
        }

        var watcher = new Watcher(prefix, _clock.CreateSignal("fleet board: " + prefix));
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        var timer = timeout == Timeout.InfiniteTimeSpan
            ? null
            : _clock.CreateTimer(static state => ((IClockSignal)state!).Set(), watcher.Signal, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            await watcher.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            timer?.Dispose();
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }

        return watcher.Changed;
    }

    private void Notify(string key)
    {
        List<Watcher> woken;
        lock (_gate)
        {
            woken = [.. _watchers.Where(w => key.StartsWith(w.Prefix, StringComparison.Ordinal))];
        }

        foreach (var watcher in woken)
        {
            watcher.Changed = true;
            watcher.Signal.Set();
        }
    }

    private sealed class Watcher(string prefix, IClockSignal signal)
    {
        private volatile bool _changed;

        public string Prefix { get; } = prefix;

        public IClockSignal Signal { get; } = signal;

        public bool Changed
        {
            get => _changed;
            set => _changed = value;
        }
    }
}
