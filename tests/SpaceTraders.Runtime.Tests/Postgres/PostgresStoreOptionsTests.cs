using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The store's options are a record: what its <c>ToString</c> prints ends up in logs and assertion messages.</summary>
[TestFixture]
public sealed class PostgresStoreOptionsTests
{
    [Test]
    public void Printing_the_options_never_shows_the_connection_string_s_password()
    {
        var options = new PostgresStoreOptions { ConnectionString = "Host=db;Username=st;Password=hunter2-secret", MaxBatchSize = 7 };

        var text = options.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("hunter2-secret"));
            Assert.That(text, Does.Contain("ConnectionString = [redacted]"));
            Assert.That(text, Does.StartWith("PostgresStoreOptions { ").And.Contain("MaxBatchSize = 7"), "the other settings are still printed");
            Assert.That(new PostgresStoreOptions().ToString(), Does.Contain("ConnectionString = null"));
        });
    }
}
