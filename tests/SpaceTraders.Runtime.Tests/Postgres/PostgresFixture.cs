using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// Starts one throwaway PostgreSQL cluster for every test in this namespace and stops and deletes it after them
/// (also when they fail). When the server binaries are missing, every test here fails with what to install: they
/// are never skipped silently.
/// </summary>
[SetUpFixture]
public sealed class PostgresFixture
{
    private static PostgresCluster? _cluster;

    /// <summary>Gets the running cluster.</summary>
    internal static PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL test cluster did not start; see the OneTimeSetUp failure.");

    /// <summary>Creates a fresh database and store options for it, with short retry delays on the real clock.</summary>
    /// <returns>The options (not yet used by any store).</returns>
    internal static async Task<PostgresStoreOptions> NewDatabaseAsync() => new()
    {
        ConnectionString = await Cluster.CreateDatabaseAsync(CancellationToken.None),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        DisposeFlushTimeout = TimeSpan.FromSeconds(5),
    };

    [OneTimeSetUp]
    public async Task StartClusterAsync() => _cluster = await PostgresCluster.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }
}
