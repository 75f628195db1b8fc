using System.Collections;
using System.Globalization;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// The parameters a behaviour or conductor runs with: text values by name (from the command line, a
/// configuration file or a conductor), read with typed getters that fall back to a default.
/// </summary>
/// <remarks>Names compare case-insensitively. Numbers, durations and booleans use the invariant culture.</remarks>
public sealed class StrategyParameters : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Initializes a new instance of the <see cref="StrategyParameters"/> class.</summary>
    /// <param name="values">The values by name.</param>
    public StrategyParameters(IEnumerable<KeyValuePair<string, string>>? values = null)
    {
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (values is not null)
        {
            foreach (var (name, value) in values)
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Gets an empty set of parameters.</summary>
    public static StrategyParameters Empty { get; } = new();

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _values.Values;

    /// <inheritdoc />
    public string this[string key] => _values[key];

    /// <summary>Parses <c>name=value</c> pairs separated by commas or semicolons.</summary>
    /// <param name="text">For example <c>sellAt=0.9;maxJumps=3</c>.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="FormatException">A pair has no <c>=</c> or no name.</exception>
    public static StrategyParameters Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"'{part}' is not a parameter; expected name=value.");
            }

            pairs.Add(new(part[..equals].Trim(), part[(equals + 1)..].Trim()));
        }

        return new StrategyParameters(pairs);
    }

    /// <summary>
    /// Returns these parameters with the defaults of <paramref name="schema"/> filled in where no value is given, after
    /// checking that each given value of a parameter with <see cref="ParameterDescriptor.AllowedValues"/> is one of them.
    /// </summary>
    /// <param name="schema">The strategy's parameter descriptors.</param>
    /// <returns>A new set of parameters.</returns>
    /// <exception cref="FormatException">A value is not one of its parameter's allowed values (the message lists them).</exception>
    public StrategyParameters WithDefaults(IEnumerable<ParameterDescriptor> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var merged = new Dictionary<string, string>(_values, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in schema)
        {
            if (_values.TryGetValue(parameter.Name, out var given) && !parameter.Allows(given))
            {
                throw new FormatException($"Parameter '{parameter.Name}' has the value '{given}', which is not one of its allowed values: {string.Join(", ", parameter.AllowedValues!)}.");
            }

            if (parameter.DefaultValue is not null)
            {
                merged.TryAdd(parameter.Name, parameter.DefaultValue);
            }
        }

        return new StrategyParameters(merged);
    }

    /// <summary>Gets a text value.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the parameter is absent.</param>
    /// <returns>The value.</returns>
    public string GetString(string name, string defaultValue) => _values.TryGetValue(name, out var value) ? value : defaultValue;

    /// <summary>Gets a whole number.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the parameter is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not a whole number.</exception>
    public int GetInt32(string name, int defaultValue) => Get(name, defaultValue, static s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));

    /// <summary>Gets a decimal number.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the parameter is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public double GetDouble(string name, double defaultValue) => Get(name, defaultValue, static s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Gets a boolean.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the parameter is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not <c>true</c> or <c>false</c>.</exception>
    public bool GetBoolean(string name, bool defaultValue) => Get(name, defaultValue, static s => bool.Parse(s));

    /// <summary>
    /// Gets a duration, written as a number of seconds or as <see cref="DurationText"/> reads it: <c>hh:mm:ss</c> with
    /// any number of hours (<c>36:00:00</c> is a day and a half), <c>d.hh:mm:ss</c>, or a number with <c>s</c>, <c>m</c>,
    /// <c>h</c> or <c>d</c> (<c>90m</c>, <c>12h</c>), as the runner's own options take durations.
    /// </summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="defaultValue">The value when the parameter is absent.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is none of these, or too long for a <see cref="TimeSpan"/>.</exception>
    public TimeSpan GetDuration(string name, TimeSpan defaultValue) => Get(name, defaultValue, static s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DurationText.TryParse(s, out var duration)
                ? duration
                : throw new FormatException($"'{s}' is not a duration: use seconds, hh:mm:ss (any number of hours), d.hh:mm:ss, or a number with s, m, h or d (90m, 12h)."));

    /// <summary>Gets a list of text values separated by <c>|</c> or spaces.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The values; empty when the parameter is absent.</returns>
    public IReadOnlyList<string> GetList(string name)
        => _values.TryGetValue(name, out var value)
            ? value.Split(['|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the parameters as <c>name=value;...</c>, sorted by name.</summary>
    /// <returns>The text form, which <see cref="Parse"/> reads back.</returns>
    public override string ToString() => string.Join(';', _values.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Key + "=" + p.Value));

    private T Get<T>(string name, T defaultValue, Func<string, T> parse)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        try
        {
            return parse(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new FormatException($"Parameter '{name}' has the value '{text}', which is not a valid {typeof(T).Name}.", ex);
        }
    }
}
