using System.Reflection;
using System.Text.RegularExpressions;
using SpaceTraders.Runtime.PostgreSql;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>The store's options are a record: what its <c>ToString</c> prints ends up in logs and assertion messages.</summary>
[TestFixture]
public sealed partial class PostgresStoreOptionsTests
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

    [Test]
    public void Printing_names_every_property_and_never_a_secret_s_value()
    {
        // The options print their members by hand (to hide the password): a property added later must be printed too,
        // and one that holds a secret must print as [redacted].
        string[] secrets = ["ConnectionString"];
        var options = new PostgresStoreOptions { ConnectionString = "Host=db;Password=hunter2-secret" };

        var text = options.ToString();

        Assert.Multiple(() =>
        {
            foreach (var property in typeof(PostgresStoreOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.That(text, Does.Match($@"[{{,] {property.Name} = "), $"{nameof(PostgresStoreOptions)}.{property.Name} is not printed: add it to its PrintMembers");
                if (secrets.Contains(property.Name) || SecretName().IsMatch(property.Name))
                {
                    Assert.That(secrets, Does.Contain(property.Name), $"{property.Name} sounds secret: print it as [redacted] and name it in this test");
                    Assert.That(text, Does.Contain($"{property.Name} = [redacted]"));
                }
            }

            Assert.That(text, Does.Not.Contain("hunter2-secret"));
        });
    }

    /// <summary>A name that sounds like it holds a secret.</summary>
    [GeneratedRegex("Token|Password|ConnectionString|Secret|ApiKey")]
    private static partial Regex SecretName();
}
