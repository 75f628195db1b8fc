using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// One agent's requests over a sliding minute of the runtime's clock (by completion time), plus totals since the start:
/// the figures behind <see cref="Abstractions.FleetMetrics"/> and the live view's queue wait by priority.
/// </summary>
internal sealed class RequestWindow
{
    private static readonly TimeSpan Span = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly Queue<Entry> _entries = new();
    private long _requests;
    private long _rateLimited;
    private long _delayed;

    public RequestWindow(TimeProvider clock) => _clock = clock;

    /// <summary>Counts a completed request.</summary>
    /// <param name="record">The request.</param>
    /// <param name="delayed">Whether it counts as delayed (waited longer than the runtime's threshold).</param>
    public void Add(RequestRecord record, bool delayed)
    {
        lock (_gate)
        {
            _entries.Enqueue(new Entry(record.StartedAt + record.Duration, record.Priority, record.QueueWait.Ticks, delayed, record.RateLimited));
            _requests++;
            _rateLimited += record.RateLimited;
            _delayed += delayed ? 1 : 0;
            Trim(_clock.GetUtcNow());
        }
    }

    /// <summary>Reads the figures; <paramref name="percentiles"/> also sorts the waits for the per-priority percentiles (for views).</summary>
    public WindowFigures Read(bool percentiles = false)
    {
        lock (_gate)
        {
            Trim(_clock.GetUtcNow());
            var count = 0;
            var rateLimited = 0;
            var delayed = 0;
            long waitTicks = 0;
            var perPriority = new (int Count, long WaitTicks)[3];
            var waits = percentiles ? new List<long>[] { [], [], [] } : null;
            foreach (var entry in _entries)
            {
                count++;
                rateLimited += entry.RateLimited;
                delayed += entry.Delayed ? 1 : 0;
                waitTicks += entry.QueueWaitTicks;
                var index = Math.Clamp((int)entry.Priority, 0, 2);
                perPriority[index] = (perPriority[index].Count + 1, perPriority[index].WaitTicks + entry.QueueWaitTicks);
                waits?[index].Add(entry.QueueWaitTicks);
            }

            foreach (var list in waits ?? [])
            {
                list.Sort();
            }

            return new WindowFigures(
                count,
                rateLimited,
                count == 0 ? 0 : (double)delayed / count,
                count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(waitTicks / count),
                [.. perPriority.Select((p, i) => ((RequestPriority)i, p.Count, p.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(p.WaitTicks / p.Count)))],
                _requests,
                _rateLimited,
                _delayed)
            {
                WaitPercentiles = waits is null ? [] : [.. waits.Select(w => (Percentile(w, 0.5), Percentile(w, 0.99)))],
            };
        }
    }

    /// <summary>The nearest-rank percentile of sorted waits (zero without any).</summary>
    private static TimeSpan Percentile(List<long> sorted, double quantile) =>
        sorted.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)]);

    private void Trim(DateTimeOffset now)
    {
        var since = now - Span;
        while (_entries.TryPeek(out var oldest) && oldest.EndedAt < since)
        {
            _entries.Dequeue();
        }
    }

    private readonly record struct Entry(DateTimeOffset EndedAt, RequestPriority Priority, long QueueWaitTicks, bool Delayed, int RateLimited);
}

/// <summary>The last minute's request figures and the totals since the start.</summary>
internal sealed record WindowFigures(
    int Requests,
    int RateLimited,
    double DelayedPerRequest,
    TimeSpan MeanQueueWait,
    IReadOnlyList<(RequestPriority Priority, int Requests, TimeSpan MeanQueueWait)> ByPriority,
    long TotalRequests,
    long TotalRateLimited,
    long TotalDelayed)
{
    /// <summary>Gets the median and 99th-percentile queue wait per priority (in <see cref="ByPriority"/>'s order).</summary>
    public IReadOnlyList<(TimeSpan P50, TimeSpan P99)> WaitPercentiles { get; init; } = [];
}
