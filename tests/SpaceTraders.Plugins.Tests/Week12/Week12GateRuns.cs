using System.Globalization;
using SpaceTraders.Plugins.Week12;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Testing;

namespace SpaceTraders.Plugins.Tests.Week12;

/// <summary>Exploratory runs of the week-12 conductor's gate part (explicit: whole runs, figures to the output).</summary>
[TestFixture]
[Explicit("Exploratory: prints the figures of whole runs.")]
public sealed class Week12GateRuns
{
    [TestCase(11, 24, "")]
    [TestCase(11, 24, "gate=false")]
    [TestCase(2, 24, "")]
    public async Task Run(int seed, int hours, string parameters)
    {
        using var game = new WeeklyGame(seed);
        var run = await game.RunAsync(new StrategyRef(Week12Conductor.Id), TimeSpan.FromHours(hours), StrategyParameters.Parse(parameters), [.. WeeklyPlugins.All, new Week12Plugin()]);
        TestContext.Out.WriteLine(parameters + " " + run.ToString());
        var start = run.Sessions.Min(s => s.StartedAt);
        foreach (var behaviour in new[] { "build", "expand", "outpost", "trade" })
        {
            var sessions = run.Sessions.Where(s => s.BehaviourId == behaviour).ToList();
            TestContext.Out.WriteLine($"{behaviour}: {sessions.Count} sessions, {sessions.Sum(s => s.CreditsEarned):N0} credits, {sessions.Sum(s => s.Hours):0.0} ship-hours, {sessions.Select(s => s.ShipSymbol).Distinct().Count()} ships");
            foreach (var reason in sessions.GroupBy(s => $"{s.Outcome}: {Trim(s.Reason)}").OrderByDescending(g => g.Count()).Take(8))
            {
                TestContext.Out.WriteLine($"   {reason.Count()} x {reason.Key} ({reason.Sum(s => s.CreditsEarned):N0})");
            }

            foreach (var hour in sessions.GroupBy(s => (int)(s.StartedAt - start).TotalHours).OrderBy(g => g.Key))
            {
                TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   h{hour.Key}: {hour.Count()} sessions, {hour.Sum(s => s.CreditsEarned):N0}, {hour.Select(s => s.ShipSymbol).Distinct().Count()} ships, {hour.Sum(s => s.Requests)} requests"));
            }
        }

        Assert.That(run.Requests, Is.Positive);
    }

    private static string Trim(string? text) => text is null ? string.Empty : text.Length <= 70 ? text : text[..70];
}
