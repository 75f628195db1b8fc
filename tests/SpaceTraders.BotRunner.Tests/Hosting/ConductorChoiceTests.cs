using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.Tests.Hosting;

[TestFixture]
public sealed class ConductorChoiceTests
{
    [Test]
    public void The_latest_week_that_loaded_is_the_default()
    {
        var choice = ConductorChoice.Pick([new("market-scout", "1.0"), new("week04", "week04"), new("week02", "week02"), new("week07", "week07")]);

        Assert.That(choice.Conductor, Is.EqualTo(new StrategyRef("week07")));
        Assert.That(choice.Reason, Does.Contain("week12, week10 not found"));
    }

    [Test]
    public void Week_twelve_is_the_first_choice()
    {
        var choice = ConductorChoice.Pick([new("week02", "week02"), new("week12", "week12"), new("week10", "week10")]);

        Assert.That(choice.Conductor, Is.EqualTo(new StrategyRef("week12")));
        Assert.That(choice.Reason, Does.Contain("latest week"));
    }

    [Test]
    public void Without_week_plugins_the_market_scout_runs()
    {
        Assert.That(ConductorChoice.Pick([new("sample-fleet", "week9"), new("market-scout", "1.0")]).Conductor, Is.EqualTo(new StrategyRef("market-scout")));
    }

    [Test]
    public void Without_any_preferred_conductor_the_first_loaded_one_by_id_runs()
    {
        Assert.That(ConductorChoice.Pick([new("zeta", "1"), new("alpha", "2"), new("alpha", "1")]).Conductor, Is.EqualTo(new StrategyRef("alpha")), "the runtime then takes its newest version");
    }

    [Test]
    public void Without_any_conductor_ships_stay_idle_and_the_reason_says_so()
    {
        var choice = ConductorChoice.Pick([]);

        Assert.That(choice.Conductor, Is.Null);
        Assert.That(choice.Reason, Does.Contain("no plugin offers a conductor"));
    }
}
