using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Hosting;

namespace SpaceTraders.BotRunner.Tests.CommandLine;

/// <summary>The runner's settings are a record: what its <c>ToString</c> prints ends up in logs and assertion messages.</summary>
[TestFixture]
public sealed class RunnerOptionsTests
{
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
    }
}
