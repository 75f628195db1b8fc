namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// Counts the state-changing actions the game executed (a POST or PATCH answered with 2xx), per ship and per client
/// request id (<c>X-Request-Id</c>), to find actions a client's retries made happen twice. Thread-safe; memory is
/// bounded: it remembers the last <see cref="RememberedRequestIds"/> request ids and the first
/// <see cref="RememberedDuplicates"/> duplicates in detail.
/// </summary>
internal sealed class ActionLedger
{
    /// <summary>How many request ids are remembered; a repeat of an older one is not recognised. 100,000 (a few MB).</summary>
    public const int RememberedRequestIds = 100_000;

    /// <summary>How many duplicated actions are kept in detail (the counts go on). 1,000.</summary>
    public const int RememberedDuplicates = 1_000;

    private const int MaxRequestIdLength = 128;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byRequestId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, long> _byShip = new(StringComparer.Ordinal);
    private readonly List<Entry> _duplicates = [];
    private long _executed;
    private long _duplicated;
    private long _repeatedIdempotent;

    /// <summary>Gets how many state-changing actions were executed.</summary>
    public long Executed => Interlocked.Read(ref _executed);

    /// <summary>Gets how many request ids had a non-idempotent action executed more than once.</summary>
    public long Duplicated => Interlocked.Read(ref _duplicated);

    /// <summary>Gets how many request ids had an idempotent action (orbit, dock, flight mode) executed more than once: harmless repeats.</summary>
    public long RepeatedIdempotent => Interlocked.Read(ref _repeatedIdempotent);

    /// <summary>Records one executed action.</summary>
    /// <param name="requestId">The client's <c>X-Request-Id</c>, or <see langword="null"/> (then it is never a duplicate).</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="route">The route template, for example <c>/my/ships/{shipSymbol}/purchase</c>.</param>
    /// <param name="ship">The ship it acted for, or <see langword="null"/>.</param>
    /// <param name="idempotent">Whether executing it again changes nothing (orbit, dock, setting the flight mode).</param>
    public void Record(string? requestId, string method, string route, string? ship, bool idempotent)
    {
        lock (_gate)
        {
            _executed++;
            if (ship is not null)
            {
                _byShip[ship] = _byShip.GetValueOrDefault(ship) + 1;
            }

            if (string.IsNullOrEmpty(requestId) || requestId.Length > MaxRequestIdLength)
            {
                return;
            }

            if (_byRequestId.TryGetValue(requestId, out var entry))
            {
                entry.Executions++;
                if (entry.Executions == 2)
                {
                    if (entry.Idempotent)
                    {
                        _repeatedIdempotent++;
                    }
                    else
                    {
                        _duplicated++;
                        if (_duplicates.Count < RememberedDuplicates)
                        {
                            _duplicates.Add(entry);
                        }
                    }
                }

                return;
            }

            _byRequestId.Add(requestId, new Entry(requestId, method, route, ship, idempotent));
            _order.Enqueue(requestId);
            if (_order.Count > RememberedRequestIds)
            {
                _byRequestId.Remove(_order.Dequeue());
            }
        }
    }

    /// <summary>Gets the executed actions per ship.</summary>
    /// <returns>A snapshot, ship symbol to count.</returns>
    public IReadOnlyDictionary<string, long> ByShip()
    {
        lock (_gate)
        {
            return new Dictionary<string, long>(_byShip, StringComparer.Ordinal);
        }
    }

    /// <summary>Gets the duplicated actions kept in detail.</summary>
    /// <returns>A snapshot, in the order they were found.</returns>
    public IReadOnlyList<DuplicatedAction> Duplicates()
    {
        lock (_gate)
        {
            return [.. _duplicates.Select(static e => new DuplicatedAction(e.RequestId, e.Method, e.Route, e.Ship, e.Executions))];
        }
    }

    private sealed class Entry(string requestId, string method, string route, string? ship, bool idempotent)
    {
        public string RequestId { get; } = requestId;

        public string Method { get; } = method;

        public string Route { get; } = route;

        public string? Ship { get; } = ship;

        public bool Idempotent { get; } = idempotent;

        public int Executions { get; set; } = 1;
    }
}
