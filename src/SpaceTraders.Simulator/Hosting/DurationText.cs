using System.Globalization;
using System.Text.RegularExpressions;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>Durations on the command line: <c>hh:mm:ss</c> with any number of hours, <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.</summary>
internal static partial class DurationText
{
    /// <summary>Reads a duration.</summary>
    /// <param name="text">The text: <c>12:00:00</c>, <c>36:00:00</c>, <c>1.12:00:00</c>, <c>90m</c>, <c>12h</c>, <c>1.5d</c>.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is none of these.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var unit = UnitDuration().Match(trimmed);
        if (unit.Success)
        {
            var value = double.Parse(unit.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return unit.Groups["unit"].Value.ToUpperInvariant() switch
            {
                "S" => TimeSpan.FromSeconds(value),
                "M" => TimeSpan.FromMinutes(value),
                "H" => TimeSpan.FromHours(value),
                _ => TimeSpan.FromDays(value),
            };
        }

        var clock = HoursMinutesSeconds().Match(trimmed);
        if (clock.Success)
        {
            var days = clock.Groups["days"].Success ? int.Parse(clock.Groups["days"].Value, CultureInfo.InvariantCulture) : 0;
            var hours = int.Parse(clock.Groups["hours"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(clock.Groups["minutes"].Value, CultureInfo.InvariantCulture);
            var seconds = double.Parse(clock.Groups["seconds"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (minutes < 60 && seconds < 60)
            {
                return TimeSpan.FromDays(days) + TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
            }
        }

        throw new FormatException($"'{text}' is not a duration: use hh:mm:ss (any number of hours), d.hh:mm:ss, or a number with s, m, h or d (90m, 12h, 7d).");
    }

    /// <summary>Writes a duration briefly: <c>7d</c>, <c>12h</c>, <c>90m</c>, <c>45s</c>, or <c>1d6h</c>-style for mixed units.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
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

    [GeneratedRegex(@"^(?<value>\d+(\.\d+)?)\s*(?<unit>[smhdSMHD])$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitDuration();

    [GeneratedRegex(@"^((?<days>\d+)\.)?(?<hours>\d+):(?<minutes>\d{1,2}):(?<seconds>\d{1,2}(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursMinutesSeconds();
}
