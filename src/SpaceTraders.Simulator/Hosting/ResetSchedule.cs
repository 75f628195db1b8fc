using System.Globalization;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>One reset of the server: the world it started and what the status endpoint says about it.</summary>
/// <param name="Number">0 for the first world, then 1, 2, ...</param>
/// <param name="Seed">The seed of this reset's galaxy (<see cref="ResetSchedule.SeedOf"/>).</param>
/// <param name="Date">The reset date: the status endpoint's <c>resetDate</c> and the tokens' <c>reset_date</c>.</param>
/// <param name="StartedAt">When the world started (the scheduled instant for a scheduled reset).</param>
/// <param name="NextReset">The status endpoint's <c>serverResets.next</c>.</param>
/// <param name="Frequency">The status endpoint's <c>serverResets.frequency</c>.</param>
internal sealed record GameReset(int Number, int Seed, DateOnly Date, DateTimeOffset StartedAt, DateTimeOffset NextReset, string Frequency)
{
    /// <summary>Gets <see cref="Date"/> as <c>yyyy-MM-dd</c>.</summary>
    public string DateText => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// When the server resets and what each reset is: resets every <see cref="Every"/> from the start (on the simulation
/// clock, so a virtual-time run resets at the same instants every time) plus any asked for. Not thread-safe: the server
/// calls it under its reset lock.
/// </summary>
/// <remarks>
/// <para>
/// Reset <c>n</c>'s galaxy is generated from <see cref="SeedOf"/>(seed, n), so it depends only on the seed and the
/// reset's number, not on when requests arrived. Scheduled resets take effect lazily, on the first request at or after
/// their instant, as if they had happened at the instant: the world starts at the instant, and when several were
/// missed (no request for longer than a period) the number moves on by all of them and one world is built.
/// </para>
/// <para>
/// The live game never resets twice on one day, and clients keep each reset's records apart by its date, so a reset on
/// the same day as the one before takes the next free date (with resets every 12 hours the dates run ahead of the clock).
/// </para>
/// </remarks>
internal sealed class ResetSchedule
{
    /// <summary>How far ahead the status endpoint announces the next reset when none is scheduled: a week, the live game's cadence.</summary>
    public static readonly TimeSpan AnnouncedPeriod = TimeSpan.FromDays(7);

    private readonly int _seed;
    private readonly DateTimeOffset _start;
    private long _scheduledDone;

    /// <summary>Initializes a new instance of the <see cref="ResetSchedule"/> class and its first world (reset 0).</summary>
    /// <param name="seed">The simulation's seed (reset 0's galaxy).</param>
    /// <param name="start">When the first world starts.</param>
    /// <param name="every">The period of scheduled resets, or <see langword="null"/> for none.</param>
    public ResetSchedule(int seed, DateTimeOffset start, TimeSpan? every)
    {
        if (every is { } period && period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "The reset period must be positive.");
        }

        _seed = seed;
        _start = start;
        Every = every;
        Current = new GameReset(0, seed, DateOnly.FromDateTime(start.UtcDateTime), start, NextAfter(start), Frequency(every));
    }

    /// <summary>Gets the period of scheduled resets, or <see langword="null"/> for none.</summary>
    public TimeSpan? Every { get; }

    /// <summary>Gets the current reset.</summary>
    public GameReset Current { get; private set; }

    /// <summary>Gets the instant of the next scheduled reset, or <see cref="DateTimeOffset.MaxValue"/> when none is scheduled.</summary>
    public DateTimeOffset NextScheduled => Every is { } every ? _start + (every * (_scheduledDone + 1)) : DateTimeOffset.MaxValue;

    /// <summary>Gets the seed of reset <paramref name="number"/>'s galaxy: <paramref name="seed"/> itself for reset 0, then a stable mix of both.</summary>
    /// <param name="seed">The simulation's seed.</param>
    /// <param name="number">The reset's number.</param>
    /// <returns>A non-negative seed; the same in every process.</returns>
    public static int SeedOf(int seed, int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (number == 0)
        {
            return seed;
        }

        // SplitMix64's finaliser over (seed, number): stable across processes, unlike HashCode.
        var z = unchecked((ulong)(uint)seed | ((ulong)(uint)number << 32));
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }

    /// <summary>
    /// Moves to the newest scheduled reset due at <paramref name="now"/>, if any: the number moves on by every reset due,
    /// each taking its date; the world starts at the newest one's instant.
    /// </summary>
    /// <param name="now">The simulation time.</param>
    /// <returns>How many scheduled resets were due (0 when none; then <see cref="Current"/> is unchanged).</returns>
    public int CatchUp(DateTimeOffset now)
    {
        if (Every is not { } every || now < NextScheduled)
        {
            return 0;
        }

        var due = (now - _start).Ticks / every.Ticks;
        var count = checked((int)(due - _scheduledDone));
        var date = Current.Date;
        var number = Current.Number;
        DateTimeOffset instant = default;
        for (var k = _scheduledDone + 1; k <= due; k++)
        {
            instant = _start + (every * k);
            date = NextDate(date, instant);
            number++;
        }

        _scheduledDone = due;
        Current = new GameReset(number, SeedOf(_seed, number), date, instant, NextAfter(instant), Current.Frequency);
        return count;
    }

    /// <summary>Resets now, outside the schedule (<c>Simulation.Reset()</c> or a fault); scheduled resets keep their instants.</summary>
    /// <param name="now">The simulation time.</param>
    /// <returns>The new reset.</returns>
    public GameReset ResetNow(DateTimeOffset now)
    {
        var number = Current.Number + 1;
        Current = new GameReset(number, SeedOf(_seed, number), NextDate(Current.Date, now), now, NextAfter(now), Current.Frequency);
        return Current;
    }

    /// <summary>Writes a period the way the status endpoint's <c>frequency</c> shows it: <c>weekly</c>, <c>daily</c>, else <c>every 12h</c>.</summary>
    /// <param name="every">The period, or <see langword="null"/> (the live game's <c>weekly</c>).</param>
    /// <returns>The text.</returns>
    public static string Frequency(TimeSpan? every) => every switch
    {
        null => "weekly",
        { } p when p == TimeSpan.FromDays(7) => "weekly",
        { } p when p == TimeSpan.FromDays(14) => "fortnightly",
        { } p when p == TimeSpan.FromDays(1) => "daily",
        { } p => "every " + DurationText.Format(p),
    };

    private static DateOnly NextDate(DateOnly previous, DateTimeOffset at)
    {
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        return date > previous ? date : previous.AddDays(1);
    }

    private DateTimeOffset NextAfter(DateTimeOffset startedAt) => Every is null ? startedAt + AnnouncedPeriod : NextScheduled;
}
