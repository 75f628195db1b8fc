using System.Reflection;

namespace SpaceTraders.Testing;

/// <summary>What an assembly pulls in: the dependency checks of the store and dashboard assemblies.</summary>
internal static class AssemblyReferences
{
    /// <summary>The assembly's references, and theirs for the project's own assemblies (SpaceTraders.*).</summary>
    /// <param name="root">The assembly to start from.</param>
    /// <returns>Every assembly reached, once each, not including <paramref name="root"/>.</returns>
    public static List<AssemblyName> Closure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var result = new List<AssemblyName>();
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!))
                {
                    continue;
                }

                result.Add(reference);
                if (reference.Name!.StartsWith("SpaceTraders.", StringComparison.Ordinal))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return result;
    }
}
