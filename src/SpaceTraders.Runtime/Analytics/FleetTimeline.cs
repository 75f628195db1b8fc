using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// One agent's figures over the whole run, in buckets of game time: requests, 429s, delayed requests, queue-wait
/// percentiles by priority, the credits at the end of each bucket, the capital spent up to then and the fleet's size. The bucket width starts at one
/// minute and doubles (merging neighbours) whenever there would be more than <see cref="MaxBuckets"/> buckets, so memory
/// stays bounded however long the run (a few MB per agent at most) while the whole run stays visible.
/// </summary>
internal sealed class FleetTimeline
{
    /// <summary>The most buckets kept; past it neighbours merge and the width doubles.</summary>
    internal const int MaxBuckets = 1440;

    private readonly object _gate = new();
    private readonly List<Bucket> _buckets = [];
    private DateTimeOffset _origin;
    private long _creditsStart;
    private TimeSpan _width = TimeSpan.FromMinutes(1);

    /// <summary>Sets where the timeline starts and the credits it starts from (when the runtime reads the agent).</summary>
    public void Start(DateTimeOffset origin, long creditsStart)
    {
        lock (_gate)
        {
            _origin = origin;
            _creditsStart = creditsStart;
            _buckets.Clear();
        }
    }

    /// <summary>Counts a request into the bucket of its start.</summary>
    /// <param name="record">The request.</param>
    /// <param name="delayed">Whether it counts as delayed (waited longer than the runtime's threshold).</param>
    /// <param name="ships">The fleet's size now.</param>
    public void AddRequest(RequestRecord record, bool delayed, int ships)
    {
        lock (_gate)
        {
            var bucket = At(record.StartedAt);
            bucket.Requests++;
            bucket.RateLimited += record.RateLimited;
            bucket.Delayed += delayed ? 1 : 0;
            bucket.QueueWaitTicks += record.QueueWait.Ticks;
            bucket.Waits.Add((int)record.Priority, record.QueueWait);
            bucket.Ships = Math.Max(bucket.Ships, ships);
        }
    }

    /// <summary>Records a change of the credits into the bucket of its time.</summary>
    /// <param name="at">When the credits changed.</param>
    /// <param name="balance">The balance after the change.</param>
    /// <param name="capital">The part of the change that is capital (<see cref="CapitalSpending"/>): negative when capital was spent.</param>
    public void AddCredits(DateTimeOffset at, long balance, long capital = 0)
    {
        lock (_gate)
        {
            var bucket = At(at);
            bucket.CapitalMoved += capital;
            if (bucket.CreditsAt is null || at >= bucket.CreditsAt)
            {
                bucket.Credits = balance;
                bucket.CreditsAt = at;
            }
        }
    }

    /// <summary>Reads the points, oldest first; buckets without requests or credit changes are left out.</summary>
    public IReadOnlyList<TimelinePoint> Read()
    {
        lock (_gate)
        {
            var points = new List<TimelinePoint>(_buckets.Count);
            var credits = _creditsStart;
            long requests = 0;
            long capital = 0;
            foreach (var bucket in _buckets)
            {
                credits = bucket.Credits ?? credits;
                requests += bucket.Requests;
                capital += bucket.CapitalMoved;
                var start = _origin + (_width * bucket.Index);
                points.Add(new TimelinePoint(
                    start,
                    _width,
                    bucket.Requests,
                    bucket.RateLimited,
                    bucket.Delayed,
                    bucket.Requests == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(bucket.QueueWaitTicks / bucket.Requests),
                    [.. Enumerable.Range(0, 3).Select(p => new PriorityWait((Sdk.Throttling.RequestPriority)p, bucket.Waits.Count(p), bucket.Waits.Percentile(p, 0.5), bucket.Waits.Percentile(p, 0.99)))],
                    credits,
                    credits - _creditsStart,
                    requests,
                    bucket.Ships)
                {
                    CapitalSpent = -capital,
                });
            }

            return points;
        }
    }

    /// <summary>The bucket holding <paramref name="at"/>, created (and older ones merged) as needed. Call under the gate.</summary>
    private Bucket At(DateTimeOffset at)
    {
        var index = at <= _origin ? 0 : (at - _origin).Ticks / _width.Ticks;

        // Requests end mostly in time order: look from the newest bucket back.
        var position = _buckets.Count;
        while (position > 0 && _buckets[position - 1].Index > index)
        {
            position--;
        }

        if (position > 0 && _buckets[position - 1].Index == index)
        {
            return _buckets[position - 1];
        }

        var bucket = new Bucket(index);
        _buckets.Insert(position, bucket);
        if (_buckets.Count > MaxBuckets)
        {
            Coarsen();
            return At(at);
        }

        return bucket;
    }

    /// <summary>Doubles the width: every pair of neighbours becomes one bucket.</summary>
    private void Coarsen()
    {
        _width *= 2;
        var merged = new List<Bucket>(_buckets.Count / 2 + 1);
        foreach (var bucket in _buckets)
        {
            var index = bucket.Index / 2;
            if (merged.Count > 0 && merged[^1].Index == index)
            {
                merged[^1].Merge(bucket);
            }
            else
            {
                merged.Add(bucket.Reindexed(index));
            }
        }

        _buckets.Clear();
        _buckets.AddRange(merged);
    }

    private sealed class Bucket(long index)
    {
        public long Index { get; private set; } = index;

        public int Requests { get; set; }

        public int RateLimited { get; set; }

        public int Delayed { get; set; }

        public long QueueWaitTicks { get; set; }

        public QueueWaitHistogram Waits { get; } = new();

        public long? Credits { get; set; }

        public DateTimeOffset? CreditsAt { get; set; }

        /// <summary>The capital movements' sum in the bucket (negative when capital was spent).</summary>
        public long CapitalMoved { get; set; }

        public int Ships { get; set; }

        public Bucket Reindexed(long index)
        {
            Index = index;
            return this;
        }

        public void Merge(Bucket later)
        {
            Requests += later.Requests;
            RateLimited += later.RateLimited;
            Delayed += later.Delayed;
            QueueWaitTicks += later.QueueWaitTicks;
            CapitalMoved += later.CapitalMoved;
            Waits.Merge(later.Waits);
            if (later.CreditsAt is { } at && (CreditsAt is null || at >= CreditsAt))
            {
                Credits = later.Credits;
                CreditsAt = at;
            }

            Ships = Math.Max(Ships, later.Ships);
        }
    }
}
