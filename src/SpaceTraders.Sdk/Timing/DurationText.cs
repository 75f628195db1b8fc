using System.Globalization;
using System.Text.RegularExpressions;

namespace SpaceTraders.Sdk.Timing;

/// <summary>
/// Durations as people write them on a command line or in a strategy parameter: <c>hh:mm:ss</c> with any number of
/// hours (<c>36:00:00</c> is a day and a half, not what <see cref="TimeSpan.Parse(string)"/> makes of it),
/// <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>90m</c>, <c>12h</c>, <c>1.5d</c>).
/// </summary>
/// <example>
/// <code>
/// var horizon = DurationText.Parse("12h");          // 12:00:00
/// var week = DurationText.Parse("7.00:00:00");      // 7 days
/// var text = DurationText.Format(TimeSpan.FromHours(30)); // "1d6h"
/// </code>
/// </example>
public static partial class DurationText
{
    /// <summary>Reads a duration.</summary>
    /// <param name="text">The text: <c>12:00:00</c>, <c>36:00:00</c>, <c>1.12:00:00</c>, <c>90m</c>, <c>12h</c>, <c>1.5d</c>.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is none of these forms.</exception>
    /// <exception cref="OverflowException">The duration is longer than <see cref="TimeSpan.MaxValue"/>.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryRead(text.Trim()) ?? throw new FormatException(
            $"'{text}' is not a duration: use hh:mm:ss (any number of hours), d.hh:mm:ss, or a number with s, m, h or d (90m, 12h, 7d).");
    }

    /// <summary>Reads a duration, without throwing.</summary>
    /// <param name="text">The text, in one of the forms <see cref="Parse"/> reads.</param>
    /// <param name="duration">The duration, or <see cref="TimeSpan.Zero"/> when the text is not one.</param>
    /// <returns><see langword="true"/> when the text is a duration that fits a <see cref="TimeSpan"/>.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text is null)
        {
            return false;
        }

        try
        {
            if (TryRead(text.Trim()) is { } read)
            {
                duration = read;
                return true;
            }
        }
        catch (OverflowException)
        {
            // too long for a TimeSpan: not a duration this reads
        }

        return false;
    }

    /// <summary>Writes a duration briefly: <c>7d</c>, <c>12h</c>, <c>90m</c> as <c>1h30m</c>, <c>45s</c>, or <c>1d6h</c> for mixed units.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text, which <see cref="Parse"/> does not read back when it mixes units; zero and negative durations as <c>c</c>-format text.</returns>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return duration.ToString("c", CultureInfo.InvariantCulture);
        }

        var parts = new List<string>(4);
        if (duration.Days > 0)
        {
            parts.Add(duration.Days.ToString(CultureInfo.InvariantCulture) + "d");
        }

        if (duration.Hours > 0)
        {
            parts.Add(duration.Hours.ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add(duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        var seconds = duration.TotalSeconds % 60;
        if (seconds > 0)
        {
            parts.Add(seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }

    private static TimeSpan? TryRead(string trimmed)
    {
        var unit = UnitDuration().Match(trimmed);
        if (unit.Success)
        {
            var value = double.Parse(unit.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return char.ToLowerInvariant(unit.Groups["unit"].Value[0]) switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }

        var clock = HoursMinutesSeconds().Match(trimmed);
        if (clock.Success)
        {
            var days = clock.Groups["days"].Success ? long.Parse(clock.Groups["days"].Value, CultureInfo.InvariantCulture) : 0;
            var hours = long.Parse(clock.Groups["hours"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(clock.Groups["minutes"].Value, CultureInfo.InvariantCulture);
            var seconds = double.Parse(clock.Groups["seconds"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return minutes < 60 && seconds < 60
                ? TimeSpan.FromDays(days) + TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds)
                : null;
        }

        // Other forms TimeSpan reads that carry a colon (hh:mm, d.hh:mm, with fractions); never a bare number, which
        // TimeSpan reads as days.
        return trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span)
            ? span
            : null;
    }

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>[smhdSMHD])$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitDuration();

    [GeneratedRegex(@"^((?<days>\d{1,8})\.)?(?<hours>\d{1,9}):(?<minutes>\d{1,2}):(?<seconds>\d{1,2}(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursMinutesSeconds();
}
