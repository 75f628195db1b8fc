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

    public WindowFigures Read()
    {
        lock (_gate)
        {
            Trim(_clock.GetUtcNow());
            var count = 0;
            var rateLimited = 0;
            var delayed = 0;
            long waitTicks = 0;
            var perPriority = new (int Count, long WaitTicks)[3];
            foreach (var entry in _entries)
            {
                count++;
                rateLimited += entry.RateLimited;
                delayed += entry.Delayed ? 1 : 0;
                waitTicks += entry.QueueWaitTicks;
                var index = Math.Clamp((int)entry.Priority, 0, 2);
                perPriority[index] = (perPriority[index].Count + 1, perPriority[index].WaitTicks + entry.QueueWaitTicks);
            }

            return new WindowFigures(
                count,
                rateLimited,
                count == 0 ? 0 : (double)delayed / count,
                count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(waitTicks / count),
                [.. perPriority.Select((p, i) => ((RequestPriority)i, p.Count, p.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(p.WaitTicks / p.Count)))],
                _requests,
                _rateLimited,
                _delayed);
        }
    }

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
    long TotalDelayed);
