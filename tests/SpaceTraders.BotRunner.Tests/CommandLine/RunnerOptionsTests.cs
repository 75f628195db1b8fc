using System.Reflection;
using System.Text.RegularExpressions;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Hosting;

namespace SpaceTraders.BotRunner.Tests.CommandLine;

/// <summary>The runner's settings are a record: what its <c>ToString</c> prints ends up in logs and assertion messages.</summary>
[TestFixture]
public sealed partial class RunnerOptionsTests
{
    private const string SecretValue = "secret-value-of-";

    [Test]
    public void Printing_the_settings_or_the_plan_never_shows_a_token_or_the_database_password()
    {
        var options = new RunnerOptions { Token = "agent-token-secret", AccountToken = "account-token-secret", PostgresConnectionString = "Host=db;Password=pg-secret", Seed = 9 };
        var plan = new RunPlan(options, new ConductorChoice(null, "none"), ["plugins"]);

        foreach (var text in new[] { options.ToString(), plan.ToString() })
        {
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Not.Contain("agent-token-secret").And.Not.Contain("account-token-secret").And.Not.Contain("pg-secret"));
                Assert.That(text, Does.Contain("Token = [redacted], AccountToken = [redacted]").And.Contain("PostgresConnectionString = [redacted]"));
                Assert.That(text, Does.Contain("Seed = 9"), "the other settings are still printed");
            });
        }

        Assert.That(plan.ToString(), Does.Contain("PluginDirectories = [plugins]"), "a list prints its items");
        Assert.That(new RunnerOptions().ToString(), Does.Contain("Token = null, AccountToken = null"), "an unset secret says so");
    }

    [TestCase(typeof(RunnerOptions))]
    [TestCase(typeof(RunPlan))]
    public void Printing_names_every_property_and_shows_each_secret_one_as_redacted(Type type)
    {
        var options = WithEverySecretSet(new RunnerOptions());
        var record = type == typeof(RunnerOptions) ? options : (object)new RunPlan(options, new ConductorChoice(null, "none"), ["plugins"]);

        var text = record.ToString()!;

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith(type.Name + " { "));
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.That(text, Does.Match($@"[{{,] {property.Name} = "), $"{type.Name}.{property.Name} is not printed: print it (a secret marked [{nameof(SecretAttribute)}])");
                if (property.IsDefined(typeof(SecretAttribute)))
                {
                    Assert.That(text, Does.Contain($"{property.Name} = {SettingsText.Redacted}"), $"{type.Name}.{property.Name} is secret");
                }
                else
                {
                    Assert.That(SecretName().IsMatch(property.Name), Is.False, $"{type.Name}.{property.Name} sounds secret: mark it [{nameof(SecretAttribute)}]");
                }
            }

            Assert.That(text, Does.Not.Contain(SecretValue), "no secret's value is printed");
        });
    }

    /// <summary>Sets every <see cref="SecretAttribute"/> string of the options to a value the test looks for.</summary>
    private static RunnerOptions WithEverySecretSet(RunnerOptions options)
    {
        var copy = options with { };
        var secrets = typeof(RunnerOptions).GetProperties().Where(p => p.IsDefined(typeof(SecretAttribute))).ToList();
        Assert.That(secrets, Has.Count.GreaterThanOrEqualTo(3), "the tokens and the connection string are secret");
        foreach (var secret in secrets)
        {
            secret.SetValue(copy, SecretValue + secret.Name);
        }

        return copy;
    }

    /// <summary>A name that sounds like it holds a secret.</summary>
    [GeneratedRegex("Token|Password|ConnectionString|Secret|ApiKey")]
    private static partial Regex SecretName();
}
