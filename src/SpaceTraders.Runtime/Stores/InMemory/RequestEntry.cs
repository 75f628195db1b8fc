namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// One request as the in-memory store's request figures need it, in 16 bytes (a saturated fleet writes about 1.4 million
/// a week: 22 MB, where the former layout of plain fields took 24 bytes, 34 MB).
/// </summary>
/// <remarks>
/// <para>
/// The first word holds the UTC ticks of the request (any <see cref="DateTimeOffset"/> fits in 62 bits), whether it
/// was delayed, and whether its counts are kept aside. The second holds its <see cref="RequestCounts"/>: the queue wait
/// in ticks (44 bits, up to <see cref="MaxQueueWaitTicks"/>, about 20 days), the attempts and the 429s (10 bits each,
/// up to <see cref="MaxCount"/>).
/// </para>
/// <para>
/// Nothing saturates: a request beyond those limits (a negative or 20-day queue wait, 1,024 attempts; never seen in a
/// real run, where a call makes at most its retries plus its requeues) keeps its counts exactly in a side list that the
/// store owns, and the second word holds their index there. So every figure the store answers is the one the request
/// was written with.
/// </para>
/// </remarks>
internal readonly struct RequestEntry
{
    /// <summary>The longest queue wait kept in the entry itself: 2^44 - 1 ticks, about 20.4 days.</summary>
    public const long MaxQueueWaitTicks = (1L << WaitBits) - 1;

    /// <summary>The most attempts, and the most 429s, kept in the entry itself: 1,023.</summary>
    public const int MaxCount = (1 << CountBits) - 1;

    private const int WaitBits = 44;
    private const int CountBits = 10;
    private const ulong TicksMask = (1UL << 62) - 1;
    private const ulong DelayedBit = 1UL << 62;
    private const ulong AsideBit = 1UL << 63;

    private readonly ulong _at;
    private readonly ulong _counts;

    private RequestEntry(ulong at, ulong counts)
    {
        _at = at;
        _counts = counts;
    }

    /// <summary>Gets the UTC ticks of the request.</summary>
    public long AtTicks => (long)(_at & TicksMask);

    /// <summary>Gets a value indicating whether the request was delayed.</summary>
    public bool Delayed => (_at & DelayedBit) != 0;

    /// <summary>Packs one request; counts beyond the entry's limits go to <paramref name="aside"/>.</summary>
    /// <param name="atUtcTicks">The UTC ticks of the request (<see cref="DateTimeOffset.UtcTicks"/>).</param>
    /// <param name="counts">Its queue wait, attempts and 429s.</param>
    /// <param name="delayed">Whether it was delayed.</param>
    /// <param name="aside">The store's side list, for counts the entry cannot hold.</param>
    /// <returns>The entry.</returns>
    public static RequestEntry Create(long atUtcTicks, RequestCounts counts, bool delayed, List<RequestCounts> aside)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atUtcTicks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)atUtcTicks, TicksMask, nameof(atUtcTicks));
        var at = (ulong)atUtcTicks | (delayed ? DelayedBit : 0);
        if (counts.QueueWaitTicks is >= 0 and <= MaxQueueWaitTicks && (uint)counts.Attempts <= MaxCount && (uint)counts.RateLimited <= MaxCount)
        {
            return new(at, (ulong)counts.QueueWaitTicks | ((ulong)counts.Attempts << WaitBits) | ((ulong)counts.RateLimited << (WaitBits + CountBits)));
        }

        aside.Add(counts);
        return new(at | AsideBit, (ulong)(aside.Count - 1));
    }

    /// <summary>Gets the request's counts.</summary>
    /// <param name="aside">The side list the entry was created with.</param>
    /// <returns>The counts it was created with.</returns>
    public RequestCounts Counts(List<RequestCounts> aside)
        => (_at & AsideBit) != 0
            ? aside[(int)_counts]
            : new((long)(_counts & MaxQueueWaitTicks), (int)((_counts >> WaitBits) & MaxCount), (int)(_counts >> (WaitBits + CountBits)));
}

/// <summary>The counts of one request the request figures add up.</summary>
/// <param name="QueueWaitTicks">The time it waited for the rate limiter, in ticks.</param>
/// <param name="Attempts">The attempts it took.</param>
/// <param name="RateLimited">The 429s it met.</param>
internal readonly record struct RequestCounts(long QueueWaitTicks, int Attempts, int RateLimited);
