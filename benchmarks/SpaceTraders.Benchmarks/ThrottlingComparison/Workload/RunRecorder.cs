using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>What one actor (a ship or a background refresher) spent waiting on its requests.</summary>
/// <param name="IsShip">Whether the actor is a ship (its waits count as idle ship-seconds).</param>
public sealed class ActorTally(bool isShip)
{
    /// <summary>Gets a value indicating whether the actor is a ship.</summary>
    public bool IsShip { get; } = isShip;

    /// <summary>Gets the seconds its calls took in all (the server answers in no virtual time: this is all throttling).</summary>
    public double WaitSeconds { get; private set; }

    /// <summary>Gets the calls it made.</summary>
    public int Calls { get; private set; }

    internal void Add(TimeSpan wait)
    {
        WaitSeconds += wait.TotalSeconds;
        Calls++;
    }
}

/// <summary>
/// Collects every call of the measured client (an <see cref="IRequestObserver"/>, called on the caller's flow):
/// the time each took per priority, and each actor's total through the tally it entered. The simulator answers
/// in zero virtual time, so a call's duration is exactly what throttling cost it (queue, pacing, backoff, requeues).
/// </summary>
public sealed class RunRecorder : IRequestObserver
{
    private readonly object _gate = new();
    private readonly AsyncLocal<ActorTally?> _current = new();
    private readonly List<double>[] _waits = [[], [], []];
    private readonly Dictionary<string, int> _succeededByEndpoint = new(StringComparer.Ordinal);
    private readonly int[] _succeededByPriority = new int[3];
    private readonly List<ActorTally> _tallies = [];
    private readonly Dictionary<string, int> _errorsByKind = new(StringComparer.Ordinal);
    private int _gameErrors;
    private int _unfinished;
    private DateTimeOffset _from = DateTimeOffset.MaxValue;

    /// <summary>Gets how many calls ended with a 4xx other than a 429 (the workload avoids them; nonzero means a bug).</summary>
    public int GameErrors
    {
        get
        {
            lock (_gate)
            {
                return _gameErrors;
            }
        }
    }

    /// <summary>Gets how many calls were cut off by the end of the run (their waits count as idle time, not in the percentiles).</summary>
    public int Unfinished
    {
        get
        {
            lock (_gate)
            {
                return _unfinished;
            }
        }
    }

    /// <summary>Starts the measured window: from now on, calls that start count.</summary>
    /// <param name="from">The window's start.</param>
    public void StartMeasuring(DateTimeOffset from)
    {
        lock (_gate)
        {
            _from = from;
        }
    }

    /// <summary>Starts counting the calls of the current actor (call at the top of its body).</summary>
    /// <param name="isShip">Whether the actor is a ship.</param>
    /// <returns>The actor's tally.</returns>
    public ActorTally Enter(bool isShip)
    {
        var tally = new ActorTally(isShip);
        lock (_gate)
        {
            _tallies.Add(tally);
        }

        _current.Value = tally;
        return tally;
    }

    /// <inheritdoc />
    public void OnRequestCompleted(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (record.StartedAt < _from)
            {
                return; // Warm-up.
            }

            _current.Value?.Add(record.Duration);
            if (record.StatusCode == 0)
            {
                _unfinished++;
                return;
            }

            _waits[(int)record.Priority].Add(record.Duration.TotalSeconds);
            if (record.StatusCode is >= 200 and < 300)
            {
                _succeededByEndpoint[record.Endpoint] = _succeededByEndpoint.GetValueOrDefault(record.Endpoint) + 1;
                _succeededByPriority[(int)record.Priority]++;
            }
            else if (record.StatusCode is >= 400 and < 500 and not 429)
            {
                _gameErrors++;
                var kind = record.StatusCode + " " + record.Method + " " + record.Endpoint;
                _errorsByKind[kind] = _errorsByKind.GetValueOrDefault(kind) + 1;
            }
        }
    }

    /// <summary>Gets the game errors by status and endpoint, for diagnosis.</summary>
    /// <returns>"status method endpoint: count" lines.</returns>
    public string DescribeErrors()
    {
        lock (_gate)
        {
            return string.Join("; ", _errorsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ": " + p.Value));
        }
    }

    /// <summary>Gets the waits of finished calls of one priority, in seconds, sorted.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>A sorted copy.</returns>
    public double[] Waits(RequestPriority priority)
    {
        lock (_gate)
        {
            var waits = _waits[(int)priority].ToArray();
            Array.Sort(waits);
            return waits;
        }
    }

    /// <summary>Gets the idle ship-seconds: every ship's time spent in calls.</summary>
    /// <returns>The sum over ships.</returns>
    public double IdleShipSeconds()
    {
        lock (_gate)
        {
            return _tallies.Where(t => t.IsShip).Sum(t => t.WaitSeconds);
        }
    }

    /// <summary>Gets how many calls to an endpoint succeeded.</summary>
    /// <param name="endpoint">The endpoint template, for example <c>/my/ships/{shipSymbol}/extract</c>.</param>
    /// <returns>The count.</returns>
    public int Succeeded(string endpoint)
    {
        lock (_gate)
        {
            return _succeededByEndpoint.GetValueOrDefault(endpoint);
        }
    }

    /// <summary>Gets how many calls of a priority succeeded.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>The count.</returns>
    public int SucceededAt(RequestPriority priority)
    {
        lock (_gate)
        {
            return _succeededByPriority[(int)priority];
        }
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    /// <param name="sorted">Values in ascending order.</param>
    /// <param name="percent">The percentile, 0 to 100.</param>
    /// <returns>The value, or 0 when there are none.</returns>
    public static double Percentile(double[] sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
