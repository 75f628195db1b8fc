using System.Globalization;
using System.Reflection;

namespace SpaceTraders.Benchmarks;

/// <summary>
/// The named commands of the benchmark program (besides BenchmarkDotNet's own switcher): every static method marked
/// <see cref="BenchmarkCommandAttribute"/> with the signature <c>Task&lt;int&gt; RunAsync(string[] args)</c>.
/// </summary>
internal static class BenchmarkCommands
{
    /// <summary>Finds the command of a name (case-insensitive).</summary>
    /// <param name="name">The name given on the command line.</param>
    /// <param name="command">The command, when found.</param>
    /// <returns>Whether a command has that name.</returns>
    public static bool TryGet(string name, out Func<string[], Task<int>> command)
    {
        foreach (var (commandName, method) in All())
        {
            if (string.Equals(commandName, name, StringComparison.OrdinalIgnoreCase))
            {
                command = method.CreateDelegate<Func<string[], Task<int>>>();
                return true;
            }
        }

        command = null!;
        return false;
    }

    /// <summary>Lists the command names, sorted.</summary>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> Names() => [.. All().Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Checks a named command's options against what it declares (<see cref="BenchmarkCommandAttribute.Options"/>), before
    /// anything runs: a mistyped option would otherwise be ignored and the command would run its defaults for minutes.
    /// </summary>
    /// <param name="args">The program's arguments: the command's name, then its options.</param>
    /// <returns><see langword="null"/> when the command exists and takes these options; otherwise why not, in one line.</returns>
    public static string? Check(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || All().FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase)) is not { Method: not null } command)
        {
            return $"'{(args.Count > 0 ? args[0] : string.Empty)}' is not a command: one of {string.Join(", ", Names())}.";
        }

        var options = command.Method.GetCustomAttribute<BenchmarkCommandAttribute>()!.Options
            .Select(o => o.Split(' ', 2))
            .ToDictionary(o => o[0], o => o.Length > 1 ? o[1].Trim('<', '>') : null, StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] is "--help" or "-h" or "-?")
            {
                continue;
            }

            if (!options.TryGetValue(args[i], out var kind))
            {
                return $"{command.Name}: unknown option '{args[i]}'. It takes {Usage(command.Name)}.";
            }

            if (kind is null)
            {
                continue;
            }

            if (++i >= args.Count)
            {
                return $"{command.Name}: {args[i - 1]} needs a value ({kind}).";
            }

            if (!Reads(kind, args[i]))
            {
                return $"{command.Name}: {args[i - 1]} takes {(kind == "ints" ? "whole numbers separated by commas" : "a " + (kind == "int" ? "whole number" : kind))}, not '{args[i]}'.";
            }
        }

        return null;
    }

    /// <summary>Tells whether a command prints its own help on <c>--help</c> (it declares <c>--help</c>).</summary>
    /// <param name="name">The command's name, in any case.</param>
    /// <returns><see langword="true"/> when the command handles <c>--help</c> itself.</returns>
    public static bool HasOwnHelp(string name) =>
        Attribute(name).Options.Contains("--help", StringComparer.Ordinal);

    /// <summary>Gets the options a command takes, as declared (<c>--seed &lt;int&gt;, --quick</c>).</summary>
    /// <param name="name">The command's name.</param>
    /// <returns>The options, comma-separated.</returns>
    public static string Usage(string name) =>
        string.Join(", ", Attribute(name).Options.Where(static o => o != "--help"));

    private static BenchmarkCommandAttribute Attribute(string name) =>
        All().Single(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).Method.GetCustomAttribute<BenchmarkCommandAttribute>()!;

    private static bool Reads(string kind, string value) => kind switch
    {
        "int" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number),
        "ints" => value.Split(',').All(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        _ => value.Length > 0 && !value.StartsWith("--", StringComparison.Ordinal),
    };

    private static IEnumerable<(string Name, MethodInfo Method)> All() =>
        typeof(BenchmarkCommands).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<BenchmarkCommandAttribute>(), Method: m))
            .Where(c => c.Attribute is not null)
            .Select(c => (c.Attribute!.Name, c.Method));
}

/// <summary>Marks a benchmark program command: <c>dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- &lt;name&gt; ...</c>.</summary>
/// <param name="name">The command's name.</param>
/// <param name="options">
/// Every option it takes, checked by <see cref="BenchmarkCommands.Check"/> before it runs: <c>--quick</c> (a switch) or
/// <c>--seed &lt;int&gt;</c> (with a value: <c>int</c>, <c>number</c>, <c>ints</c> for a comma-separated list of whole
/// numbers; any other word is text).
/// </param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class BenchmarkCommandAttribute(string name, params string[] options) : Attribute
{
    /// <summary>Gets the command's name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the options it takes, as declared.</summary>
    public IReadOnlyList<string> Options { get; } = options;
}
