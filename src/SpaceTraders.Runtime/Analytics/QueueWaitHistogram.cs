namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// Counts of rate-limiter waits in logarithmic buckets (four per doubling from 1 ms to about 12 minutes), per priority,
/// so that a timeline bucket can answer its median and 99th percentile within about 9% and two buckets merge exactly.
/// </summary>
internal sealed class QueueWaitHistogram
{
    /// <summary>Buckets per priority: 0 for under 1 ms, then one per quarter doubling.</summary>
    private const int Buckets = 80;
    private const int Priorities = 3;

    private readonly int[] _counts = new int[Buckets * Priorities];

    public void Add(int priority, TimeSpan wait) => _counts[(Math.Clamp(priority, 0, Priorities - 1) * Buckets) + BucketOf(wait)]++;

    public void Merge(QueueWaitHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    /// <summary>Gets how many waits of a priority were counted.</summary>
    public int Count(int priority)
    {
        var sum = 0;
        for (var i = 0; i < Buckets; i++)
        {
            sum += _counts[(priority * Buckets) + i];
        }

        return sum;
    }

    /// <summary>Gets the wait below which <paramref name="quantile"/> of a priority's waits fall (the bucket's geometric middle).</summary>
    public TimeSpan Percentile(int priority, double quantile)
    {
        var total = Count(priority);
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(quantile * total));
        var seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += _counts[(priority * Buckets) + i];
            if (seen >= rank)
            {
                return Middle(i);
            }
        }

        return Middle(Buckets - 1);
    }

    private static int BucketOf(TimeSpan wait)
    {
        var ms = wait.TotalMilliseconds;
        if (ms < 1)
        {
            return 0;
        }

        return Math.Min(Buckets - 1, 1 + (int)Math.Floor(4 * Math.Log2(ms)));
    }

    private static TimeSpan Middle(int bucket) =>
        bucket == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Pow(2, (bucket - 0.5) / 4));
}
