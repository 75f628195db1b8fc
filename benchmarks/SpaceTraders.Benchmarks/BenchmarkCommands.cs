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

    private static IEnumerable<(string Name, MethodInfo Method)> All() =>
        typeof(BenchmarkCommands).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<BenchmarkCommandAttribute>(), Method: m))
            .Where(c => c.Attribute is not null)
            .Select(c => (c.Attribute!.Name, c.Method));
}

/// <summary>Marks a benchmark program command: <c>dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- &lt;name&gt; ...</c>.</summary>
/// <param name="name">The command's name.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class BenchmarkCommandAttribute(string name) : Attribute
{
    /// <summary>Gets the command's name.</summary>
    public string Name { get; } = name;
}
