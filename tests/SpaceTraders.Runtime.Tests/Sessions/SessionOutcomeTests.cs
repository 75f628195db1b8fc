using System.Text.Json;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Tests.Sessions;

/// <summary><see cref="SessionOutcome"/>'s names: the strings stores and reports used before the enum, in both directions.</summary>
[TestFixture]
public sealed class SessionOutcomeTests
{
    private static readonly (SessionOutcome Outcome, string Name)[] Names =
    [
        (SessionOutcome.Completed, "completed"),
        (SessionOutcome.Idle, "idle"),
        (SessionOutcome.Failed, "failed"),
        (SessionOutcome.Cancelled, "cancelled"),
        (SessionOutcome.Paused, "paused"),
        (SessionOutcome.Reset, "reset"),
        (SessionOutcome.Abandoned, "abandoned"),
        (SessionOutcome.LeaseLost, "lease-lost"),
    ];

    [Test]
    public void Every_outcome_has_its_stored_name_and_parses_back_in_any_case()
    {
        Assert.That(Names.Select(n => n.Outcome), Is.EquivalentTo(Enum.GetValues<SessionOutcome>().Where(o => o != SessionOutcome.Unknown)), "every member is listed here");
        Assert.Multiple(() =>
        {
            foreach (var (outcome, name) in Names)
            {
                Assert.That(outcome.ToName(), Is.EqualTo(name));
                Assert.That(SessionOutcomes.Parse(name), Is.EqualTo(outcome));
                Assert.That(SessionOutcomes.Parse(name.ToUpperInvariant()), Is.EqualTo(outcome), "case-insensitive");
                Assert.That(SessionOutcomes.TryParse(name, out var parsed) && parsed == outcome, Is.True);
            }
        });
    }

    [TestCase("evicted")]
    [TestCase("")]
    [TestCase("unknown")]
    [TestCase("LeaseLost")]
    [TestCase("3")]
    public void A_name_this_version_does_not_know_reads_as_unknown(string name)
    {
        Assert.That(SessionOutcomes.TryParse(name, out var outcome), Is.False);
        Assert.That((outcome, SessionOutcomes.Parse(name)), Is.EqualTo((SessionOutcome.Unknown, SessionOutcome.Unknown)));
    }

    [Test]
    public void Json_writes_and_reads_the_same_lower_case_names()
    {
        Assert.Multiple(() =>
        {
            foreach (var (outcome, name) in Names)
            {
                Assert.That(JsonSerializer.Serialize(outcome), Is.EqualTo($"\"{name}\""));
                Assert.That(JsonSerializer.Deserialize<SessionOutcome>($"\"{name}\""), Is.EqualTo(outcome));
            }

            var figures = new SessionFigures(Guid.Empty, new StrategyRef("mine", "v1"), DateTimeOffset.UnixEpoch, 3, 10, SessionOutcome.LeaseLost);
            Assert.That(JsonSerializer.Serialize(figures), Does.Contain("\"Outcome\":\"lease-lost\""));
        });
    }
}
