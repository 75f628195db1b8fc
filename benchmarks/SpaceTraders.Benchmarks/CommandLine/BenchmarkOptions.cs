using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SpaceTraders.Benchmarks.CommandLine;

/// <summary>
/// The kinds of option the benchmark commands take, each read and checked in one place: a command line that asks for
/// nothing sensible (<c>--ships 0</c>, <c>--hours -1</c>, an unknown profile, a file in a missing folder) is refused
/// with what the option takes before anything runs.
/// </summary>
internal static class BenchmarkOptions
{
    /// <summary>Creates a switch (<c>--quick</c>).</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it does, for the help.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>Creates a whole-number option (<c>--ships 50</c>), optionally with a lowest value.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="defaultValue">The value when not given, if any (none: the command tells whether it is given).</param>
    /// <param name="minimum">The lowest value it takes, if any.</param>
    /// <returns>The option.</returns>
    public static Option<int> Whole(string name, string description, int? defaultValue, int? minimum = null) =>
        Create<int>(name, description, "N", WholeKind(minimum), text => ReadWhole(text, minimum), defaultValue is { } value ? () => value : null);

    /// <summary>Creates a number option (<c>--hours 24</c>, decimals allowed) with its range.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="defaultValue">The value when not given.</param>
    /// <param name="range">The values it takes.</param>
    /// <returns>The option.</returns>
    public static Option<double> Number(string name, string description, double defaultValue, NumberRange range) =>
        Create(name, description, "X", "a number " + range.Text, text => ReadNumber(text) is { } value && range.Holds(value) ? value : null, () => defaultValue);

    /// <summary>Creates an option of comma-separated whole numbers (<c>--seeds 1,2,3</c>), at least one.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="defaultValue">The values when not given.</param>
    /// <param name="minimum">The lowest value each may take, if any.</param>
    /// <returns>The option.</returns>
    public static Option<CommaList<int>> Wholes(string name, string description, int[] defaultValue, int? minimum = null) =>
        Create(name, description, "N,N", "whole numbers separated by commas" + (minimum is { } low ? string.Create(CultureInfo.InvariantCulture, $", each at least {low}") : string.Empty),
            text => ReadWholes(text, minimum), () => new CommaList<int>(defaultValue));

    /// <summary>Creates an option of comma-separated names from a known set (<c>--profiles flaky,chaos</c>), at least one; case is ignored and each is given back as the set spells it.</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="known">The names it takes.</param>
    /// <param name="defaultValue">The names when not given.</param>
    /// <returns>The option.</returns>
    public static Option<CommaList<string>> Names(string name, string description, IReadOnlyList<string> known, IReadOnlyList<string> defaultValue)
    {
        var option = Create<CommaList<string>>(name, description, "a,b", "names separated by commas, of " + string.Join(", ", known),
            text => ReadNames(text, known), () => new CommaList<string>([.. defaultValue]));
        option.CompletionSources.Add(known.ToArray());
        return option;
    }

    /// <summary>Creates an option that takes one name of a known set (<c>--client sse</c>).</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="known">The names it takes.</param>
    /// <param name="defaultValue">The name when not given.</param>
    /// <returns>The option.</returns>
    public static Option<string> Choice(string name, string description, IReadOnlyList<string> known, string defaultValue)
    {
        var option = Create(name, description, string.Join('|', known), "one of " + string.Join(", ", known), text => Known(known, text), () => defaultValue);
        option.CompletionSources.Add(known.ToArray());
        return option;
    }

    /// <summary>Creates an option that names a file the command writes (<c>--json out.json</c>).</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What the command writes there, for the help.</param>
    /// <param name="createsFolder">Whether the command creates the file's folder; when not, the folder must exist.</param>
    /// <param name="defaultValue">The file when not given, if any.</param>
    /// <returns>The option.</returns>
    public static Option<string?> OutputFile(string name, string description, bool createsFolder, string? defaultValue = null)
    {
        var option = Text(name, description, "file", defaultValue);
        if (!createsFolder)
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string?>() is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
                {
                    result.AddError($"{name}: the folder {folder} does not exist; create it first.");
                }
            });
        }

        return option;
    }

    /// <summary>Creates an option that names a file that must exist (<c>--runner path/to.dll</c>).</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What the file is, for the help.</param>
    /// <param name="defaultValue">The file when not given (checked where it is used).</param>
    /// <returns>The option.</returns>
    public static Option<string?> InputFile(string name, string description, string defaultValue)
    {
        var option = Text(name, description, "file", defaultValue);
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.GetValueOrDefault<string?>() is { } file && !File.Exists(file))
            {
                result.AddError($"{name}: there is no file {file}.");
            }
        });
        return option;
    }

    /// <summary>Creates an option that takes a non-empty text (a folder, a path).</summary>
    /// <param name="name">The option, with its dashes.</param>
    /// <param name="description">What it means, for the help.</param>
    /// <param name="helpName">What the value is, in the help (<c>folder</c>).</param>
    /// <param name="defaultValue">The value when not given, if any.</param>
    /// <returns>The option.</returns>
    public static Option<string?> Text(string name, string description, string helpName, string? defaultValue = null) =>
        Create<string?>(name, description, helpName, "a " + helpName, text => text.Length > 0 ? text : null, defaultValue is null ? null : () => defaultValue);

    /// <summary>Tells whether the command line gives an option (rather than the option taking its default).</summary>
    /// <param name="result">The parse.</param>
    /// <param name="option">The option.</param>
    /// <returns><see langword="true"/> when the option is on the command line.</returns>
    public static bool Given(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Gets an option's value, or its <c>--quick</c> value when <c>--quick</c> is given and the option is not (options given win over <c>--quick</c>).</summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="result">The parse.</param>
    /// <param name="quick">The command's <c>--quick</c> switch.</param>
    /// <param name="option">The option.</param>
    /// <param name="quickValue">Its value in a quick run.</param>
    /// <returns>The value.</returns>
    public static T QuickOr<T>(this ParseResult result, Option<bool> quick, Option<T> option, T quickValue) =>
        result.GetValue(quick) && !result.Given(option) ? quickValue : result.GetValue(option)!;

    /// <summary>
    /// Gets an option's value in a command's validator: the given value, or the option's default (which a command's
    /// validator does not see through <see cref="SymbolResult.GetValue{T}(Option{T})"/>); nothing when the given value is
    /// wrong (the option says why).
    /// </summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="result">The command's result.</param>
    /// <param name="option">The option.</param>
    /// <param name="value">The value.</param>
    /// <returns>Whether the option has a value.</returns>
    public static bool TryGetValue<T>(this CommandResult result, Option<T> option, out T value)
    {
        value = default!;
        if (result.GetResult(option) is not { Implicit: false } given)
        {
            if (option.HasDefaultValue)
            {
                value = (T)option.GetDefaultValue()!;
            }

            return option.HasDefaultValue;
        }

        try
        {
            value = given.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Creates an option whose value <paramref name="read"/> reads from its one token (<see langword="null"/>: not a value it takes).</summary>
    internal static Option<T> Create<T>(string name, string description, string helpName, string takes, Func<string, object?> read, Func<T>? defaultValue)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                var text = string.Join(' ', result.Tokens.Select(t => t.Value));
                if (read(text) is { } value)
                {
                    return (T)value;
                }

                result.AddError($"{name} takes {takes}, not '{text}'.");
                return default!;
            },
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue();
        }

        return option;
    }

    private static string WholeKind(int? minimum) =>
        minimum is { } low ? string.Create(CultureInfo.InvariantCulture, $"a whole number of at least {low}") : "a whole number";

    private static int? ReadWhole(string text, int? minimum) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && (minimum is null || value >= minimum) ? value : null;

    private static double? ReadNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static CommaList<int>? ReadWholes(string text, int? minimum)
    {
        var values = Items(text).Select(i => ReadWhole(i, minimum)).ToList();
        return values.Count > 0 && values.All(v => v is not null) ? new CommaList<int>([.. values.Select(v => v!.Value)]) : null;
    }

    private static CommaList<string>? ReadNames(string text, IReadOnlyList<string> known)
    {
        var names = Items(text).Select(i => Known(known, i)).ToList();
        return names.Count > 0 && names.All(n => n is not null) ? new CommaList<string>([.. names.Select(n => n!)]) : null;
    }

    private static string[] Items(string text) => text.Split(',', StringSplitOptions.TrimEntries) is var items && items.All(i => i.Length > 0) ? items : [];

    private static string? Known(IReadOnlyList<string> known, string name) =>
        known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The values of a comma-separated option (<c>--seeds 1,2,3</c>); the help shows its default as it is typed (System.CommandLine
/// shows a collection's as <c>1|2|3</c>).
/// </summary>
/// <typeparam name="T">The type of a value.</typeparam>
/// <param name="Items">The values, in the order given.</param>
internal sealed record CommaList<T>(T[] Items)
{
    /// <summary>Gets how the help shows these values when the option reads them in a shorter form (a seed range <c>42-46</c>); by default, separated by commas.</summary>
    public string? Shown { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Shown ?? string.Join(',', Items);
}

/// <summary>The values a number option takes: above or from a lowest value, up to a highest.</summary>
/// <param name="Minimum">The lowest value.</param>
/// <param name="MinimumAllowed">Whether <paramref name="Minimum"/> itself is allowed.</param>
/// <param name="Maximum">The highest value (allowed), if any.</param>
internal sealed record NumberRange(double Minimum, bool MinimumAllowed, double? Maximum = null)
{
    /// <summary>Gets the range of positive numbers.</summary>
    public static NumberRange Positive { get; } = new(0, MinimumAllowed: false);

    /// <summary>Gets the range of numbers of zero and above.</summary>
    public static NumberRange NotNegative { get; } = new(0, MinimumAllowed: true);

    /// <summary>Gets the range as the help and the messages say it (<c>above 0</c>, <c>from 0 to 1</c>).</summary>
    public string Text => (MinimumAllowed, Maximum) switch
    {
        (false, null) => string.Create(CultureInfo.InvariantCulture, $"above {Minimum}"),
        (true, null) => string.Create(CultureInfo.InvariantCulture, $"of at least {Minimum}"),
        (false, { } max) => string.Create(CultureInfo.InvariantCulture, $"above {Minimum} and at most {max}"),
        (true, { } max) => string.Create(CultureInfo.InvariantCulture, $"from {Minimum} to {max}"),
    };

    /// <summary>Tells whether a value is in the range.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Holds(double value) => (MinimumAllowed ? value >= Minimum : value > Minimum) && (Maximum is not { } max || value <= max);
}
