using System.Reflection;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>Where the store backends live: the runtime pulls in no database driver; the PostgreSQL package does.</summary>
[TestFixture]
public sealed class StoreAssemblyTests
{
    [Test]
    public void The_runtime_and_what_it_references_do_not_reference_Npgsql()
    {
        var runtime = typeof(IStore).Assembly;

        var npgsql = ReferencedClosure(runtime).Where(a => a.Name!.StartsWith("Npgsql", StringComparison.Ordinal)).ToList();

        Assert.That(runtime.GetName().Name, Is.EqualTo("SpaceTraders.Runtime"));
        Assert.That(npgsql, Is.Empty, "the runtime reaches Npgsql through " + string.Join(", ", npgsql.Select(a => a.Name)));
    }

    [Test]
    public void The_PostgreSQL_store_lives_in_its_own_assembly_with_Npgsql()
    {
        var postgres = typeof(PostgresStore).Assembly;

        Assert.That(postgres.GetName().Name, Is.EqualTo("SpaceTraders.Runtime.PostgreSql"));
        Assert.That(postgres.GetReferencedAssemblies().Select(a => a.Name), Does.Contain("Npgsql"));
        Assert.That(typeof(IStore).IsAssignableFrom(typeof(PostgresStore)), Is.True);
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
