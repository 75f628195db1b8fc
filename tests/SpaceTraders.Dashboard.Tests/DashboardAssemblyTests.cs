using System.Reflection;

namespace SpaceTraders.Dashboard.Tests;

/// <summary>
/// The dashboard depends on the runtime only: a user of the dashboard package with the in-memory store gets no database
/// driver. A store's history comes in through the runtime's <c>IStoreHistory</c>, never a backend's type.
/// </summary>
[TestFixture]
public sealed class DashboardAssemblyTests
{
    [Test]
    public void The_dashboard_and_what_it_references_reference_neither_Npgsql_nor_the_PostgreSQL_store()
    {
        var dashboard = typeof(DashboardSource).Assembly;

        var references = ReferencedClosure(dashboard).Select(a => a.Name!).ToList();

        Assert.That(references, Does.Contain("SpaceTraders.Runtime"));
        Assert.That(references.Where(n => n.StartsWith("Npgsql", StringComparison.Ordinal) || n == "SpaceTraders.Runtime.PostgreSql"), Is.Empty);
    }

    /// <summary>The assembly's references, and theirs for the project's own assemblies (SpaceTraders.*).</summary>
    private static List<AssemblyName> ReferencedClosure(Assembly root)
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
