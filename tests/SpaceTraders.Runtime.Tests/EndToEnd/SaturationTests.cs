using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.EndToEnd;

/// <summary>
/// Saturation control end to end: four ships that ask for more than the rate limit allows, each earning a credit
/// figure the test sets, under a conductor that runs <see cref="SaturationControl"/> on the runtime's live figures.
/// </summary>
[TestFixture]
public sealed class SaturationTests
{
    [Test]
    public async Task Saturation_control_pauses_the_lowest_cpr_ships_first_and_resumes_them_best_first()
    {
        using var game = new SimulatedGame();
        var tests = new TestStrategies();
        var store = new RecordingStore();
        var options = game.RuntimeOptions(await game.RegisterAsync("SATURATED", probes: 2), store);
        options.Plugins.Add(tests);
        options.Conductor = new StrategyRef("saturation");

        // Ship i earns credits[i] per request, one request a second each: 4 requests/s against 2/s plus a burst of 30/min.
        options.ConductorParameters = StrategyParameters.Parse("credits=40|10|80|20;interval=1;decisionInterval=60;minimumSessionAge=120");
        options.StopAfter = TimeSpan.FromMinutes(30);

        // With 3 ships left the closed loop settles at waits of about half a second: count those as delayed (the
        // default threshold, 1 s, is for live play), so that demand above capacity shows as saturation.
        options.DelayedThreshold = TimeSpan.FromMilliseconds(100);
        await using var runtime = new FleetRuntime(options);

        var snapshot = await SimulatedGame.RunAsync(runtime);

        var ships = tests.Fleets.First().Select(s => s.Symbol).ToList();
        var byCredits = new Dictionary<string, string> { ["40"] = ships[0], ["10"] = ships[1], ["80"] = ships[2], ["20"] = ships[3] };
        var start = snapshot.StartedAt!.Value;
        var decisions = tests.Decisions.ToList();
        foreach (var (at, decision, metrics) in decisions)
        {
            TestContext.Out.WriteLine($"{(at - start).TotalSeconds,6:0}s paused [{string.Join(",", decision.Paused)}] resumed [{string.Join(",", decision.Resumed)}] wait {metrics.MeanQueueWait.TotalSeconds:0.00}s delayed {metrics.DelayedPerRequest:0.00} rpm {metrics.RequestsPerMinute}");
        }

        var pauses = decisions.SelectMany(d => d.Decision.Paused.Select(s => (d.At, Ship: s))).ToList();
        var resumes = decisions.SelectMany(d => d.Decision.Resumed.Select(s => (d.At, Ship: s))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pauses, Has.Count.GreaterThanOrEqualTo(2), "demand stays above capacity after the first pause");
            Assert.That(pauses[0].Ship, Is.EqualTo(byCredits["10"]), "the lowest credits per request goes first");
            Assert.That(pauses[0].At - start, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)), "sessions younger than the minimum age are not judged");
            Assert.That(pauses[1].Ship, Is.EqualTo(byCredits["20"]), "then the next lowest");
            Assert.That(pauses.Select(p => p.Ship).Distinct(), Is.SubsetOf(new[] { byCredits["10"], byCredits["20"] }), "the better ships are never paused, not even while a resumed low earner's new session is young");
            Assert.That(resumes, Is.Not.Empty, "capacity returns once two ships are paused");
            Assert.That(resumes[0].Ship, Is.EqualTo(byCredits["20"]), "the best of the paused ships is resumed first");
            Assert.That(resumes[0].At, Is.GreaterThan(pauses[1].At));
            Assert.That(pauses.Where(p => p.At > resumes[0].At).Select(p => p.Ship).FirstOrDefault(), Is.EqualTo(byCredits["20"]), "when demand saturates again, the resumed low earner goes first again");
            for (var i = 1; i < decisions.Count; i++)
            {
                Assert.That(decisions[i].At - decisions[i - 1].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(60)), "one decision a minute at most");
            }

            foreach (var (_, decision, metrics) in decisions)
            {
                if (decision.Paused.Count > 0)
                {
                    var defaults = new SaturationOptions();
                    Assert.That(metrics.MeanQueueWait > defaults.QueueWaitThreshold || metrics.DelayedPerRequest > defaults.DelayedPerRequestThreshold, Is.True, "paused only while saturated");
                }
            }
        });

        // The paused sessions ended as paused, and the resumed ship got a new session at the resume.
        var sessions = await store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: byCredits["10"]), snapshot.At, CancellationToken.None);
        Assert.That(sessions[0].Outcome, Is.EqualTo(SessionOutcome.Paused));
        Assert.That(sessions[0].EndedAt, Is.EqualTo(pauses[0].At));
        var resumed = await store.GetSessionReportsAsync(new SessionQuery(ShipSymbol: resumes[0].Ship), snapshot.At, CancellationToken.None);
        Assert.That(resumed.Select(s => s.StartedAt), Does.Contain(resumes[0].At));
        Assert.That(resumed.First(s => s.EndedAt is not null).CreditsPerRequest, Is.EqualTo(20).Within(1), "the figures the control judged are the session's own");
    }
}
