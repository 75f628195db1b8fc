using System.Diagnostics.Metrics;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Sdk.Diagnostics;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The runner against a server that leaves out a required field (issue 13: an independent re-implementation of the
/// server omits <c>ShipMount.description</c>, and the runner could not even register against it): the built-in simulator
/// omits it from every response, and the run must play as usual, the missing field read as its default and reported.
/// </summary>
[TestFixture]
public sealed class OmittedFieldTests
{
    private const string MissingFieldsCounter = "spacetraders.response.missing_fields";

    [Test]
    public async Task Ten_game_minutes_against_a_server_that_omits_ShipMount_description_play_as_usual()
    {
        using var missing = new MissingFieldCount("ShipMount", "description");

        var run = await RunnerRuns.RunAsync(
            ["--virtual-time", "--seed", "7", "--duration", "00:10:00", "--conductor", "sample-fleet"],
            configureSimulation: options => options.OmitFields.Add("ShipMount.description"));
        var (report, output) = (run.Report, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        Assert.That(report, Is.Not.Null, output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Registered agent RUNNER"), "registration reads ships with mounts");
            Assert.That(report!.Ended, Is.EqualTo("duration"));
            Assert.That(report.SimulatedSeconds, Is.EqualTo(600).Within(60));
            Assert.That(report.Ships, Is.EqualTo(2));
            Assert.That(report.Behaviours.Sum(b => b.Sessions), Is.GreaterThanOrEqualTo(2), "both ships played");
            Assert.That(report.BehaviourFailures, Is.Zero, string.Join(Environment.NewLine, report.Failures));
            Assert.That(report.Failures, Is.Empty);
            Assert.That(report.Requests, Is.GreaterThan(20));
            Assert.That(report.CreditsEarned - report.CapitalSpent, Is.EqualTo(report.CreditsEnd - report.CreditsStart), "the books balance");
            Assert.That(missing.Count, Is.GreaterThan(0), "every read of a ship's mounts reports the missing description");
        });
    }

    [Test]
    public async Task Without_the_omission_no_missing_field_is_reported()
    {
        using var missing = new MissingFieldCount("ShipMount", "description");

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "00:10:00", "--conductor", "sample-fleet"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.All);
        Assert.That(missing.Count, Is.Zero, "the counter counts omissions only");
    }

    /// <summary>Counts the SDK's missing-field reports of one field, from every client in the process while it lives.</summary>
    private sealed class MissingFieldCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public MissingFieldCount(string type, string field)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SpaceTradersDiagnostics.MeterName && instrument.Name == MissingFieldsCounter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? seenType = null, seenField = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "type")
                    {
                        seenType = tag.Value as string;
                    }
                    else if (tag.Key == "field")
                    {
                        seenField = tag.Value as string;
                    }
                }

                if (seenType == type && string.Equals(seenField, field, StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Add(ref _count, value);
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
