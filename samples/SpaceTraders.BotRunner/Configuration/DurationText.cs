using System.Globalization;
using System.Text.RegularExpressions;

namespace SpaceTraders.BotRunner.Configuration;

/// <summary>Durations as the runner reads them: <c>hh:mm:ss</c> with any number of hours, <c>d.hh:mm:ss</c>, or a number with a unit.</summary>
internal static partial class DurationText
{
    /// <summary>
    /// Reads a duration: <c>hh:mm:ss</c> (hours may exceed 23: <c>24:00:00</c> is a day, not what
    /// <see cref="TimeSpan.Parse(string)"/> makes of it, 24 days), <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>,
    /// <c>h</c> or <c>d</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is neither form; the message completes "--duration ...".</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        TimeSpan duration;
        try
        {
            duration = Read(text);
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

    /// <summary>The longest duration read: ten years (3,650 days).</summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(3650);

    private static TimeSpan Read(string text)
    {
        var match = UnitDuration().Match(text.Trim());
        if (match.Success)
        {
            var amount = double.Parse(match.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return match.Groups["unit"].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        var clock = HoursMinutesSeconds().Match(text.Trim());
        if (clock.Success)
        {
            return TimeSpan.FromHours(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture))
                + TimeSpan.FromMinutes(int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture))
                + TimeSpan.FromSeconds(double.Parse(clock.Groups["s"].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        throw new FormatException($"takes a duration (hh:mm:ss, d.hh:mm:ss, or a number with s, m, h or d: 90m, 12h), not '{text}'.");
    }

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)(?<unit>[smhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitDuration();

    [GeneratedRegex(@"^(?<h>\d{1,5}):(?<m>[0-5]?\d):(?<s>[0-5]?\d(\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursMinutesSeconds();
}
