using System.Globalization;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.BotRunner.Configuration;

/// <summary>Durations as the runner's settings take them: what <see cref="DurationText"/> reads, up to <see cref="Longest"/>.</summary>
internal static class RunDuration
{
    /// <summary>The longest duration read: ten years (3,650 days).</summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(3650);

    /// <summary>Reads a duration: <c>hh:mm:ss</c> (any number of hours), <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is not a duration, or a longer one than <see cref="Longest"/>; the message completes "--duration ...".</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeSpan duration;
        try
        {
            duration = DurationText.Parse(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"takes a duration (hh:mm:ss, d.hh:mm:ss, or a number with s, m, h or d: 90m, 12h), not '{text}'.");
        }
        catch (OverflowException)
        {
            duration = TimeSpan.MaxValue; // refused below, as too long
        }

        // Far longer than any run, and a game clock started in 2026 plus TimeSpan's largest value is past DateTimeOffset's
        // end: the runner used to die of an unhandled OverflowException with "--duration 99999999d".
        return duration <= Longest
            ? duration
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"takes a duration of at most {Longest.TotalDays:0} days, not '{text}'."));
    }
}
