using SpaceTraders.Testing;

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

        var references = AssemblyReferences.Closure(dashboard).Select(a => a.Name!).ToList();

        Assert.That(references, Does.Contain("SpaceTraders.Runtime"));
        Assert.That(references.Where(n => n.StartsWith("Npgsql", StringComparison.Ordinal) || n == "SpaceTraders.Runtime.PostgreSql"), Is.Empty);
    }
}
