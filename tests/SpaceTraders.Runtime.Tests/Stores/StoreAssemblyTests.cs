using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Stores;

/// <summary>Where the store backends live: the runtime pulls in no database driver; the PostgreSQL package does.</summary>
[TestFixture]
public sealed class StoreAssemblyTests
{
    [Test]
    public void The_runtime_and_what_it_references_do_not_reference_Npgsql()
    {
        var runtime = typeof(IStore).Assembly;

        var npgsql = AssemblyReferences.Closure(runtime).Where(a => a.Name!.StartsWith("Npgsql", StringComparison.Ordinal)).ToList();

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
}
