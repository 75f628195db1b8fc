using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Recording;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Recording;

/// <summary>
/// With <see cref="TrafficRecorderOptions.ReplaceOnCommit"/> a <see cref="TrafficRecorder"/> writes aside and leaves the
/// earlier recording at its path (and its rotated files) alone until <see cref="TrafficRecorder.Commit"/>: a start that
/// fails (disposed without a commit) or a crash before the commit loses nothing of it.
/// </summary>
[TestFixture]
public sealed class CommittedRecordingTests
{
    private const string AccountToken = "commit-account-token-SECRET";

    private string _folder = null!;
    private string _path = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("recording-commit-").FullName;
        _path = Path.Combine(_folder, "traffic.jsonl");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_recorder_disposed_without_a_commit_leaves_the_earlier_recording_byte_for_byte_and_no_aside_file()
    {
        var earlier = WriteEarlierRecording();
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
        using (var recorder = new TrafficRecorder(Options(clock), simulation.CreateTransport()))
        {
            // A registration refused (an unknown faction): the start failed.
            await clock.RunActorAsync("refused start", async ct =>
            {
                var refused = Assert.CatchAsync(() => SpaceTradersClient.RegisterAgentAsync(ClientOptions(clock, recorder), "REFUSED", new FactionSymbol("NOSUCH"), ct));
                Assert.That(refused, Is.Not.Null);
                await Task.CompletedTask;
            }, CancellationToken.None);
            Assert.That(recorder.Exchanges, Is.GreaterThan(0));
            Assert.That(File.Exists(_path + ".partial"), Is.True, "the exchange was written aside");
        }

        Assert.Multiple(() =>
        {
            Assert.That(Snapshot(), Is.EqualTo(earlier), "the earlier recording and its rotated files, byte for byte");
            Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Has.None.Contains(".partial"), "the aside file is deleted");
        });
    }

    [Test]
    public async Task A_crash_before_the_commit_leaves_the_earlier_recording_intact_and_the_next_recorder_clears_the_stale_aside_file()
    {
        var earlier = WriteEarlierRecording();
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
        using var crashed = new TrafficRecorder(Options(clock, maxFileBytes: 4096), simulation.CreateTransport());
        string token = string.Empty;
        await clock.RunActorAsync("crashing run", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(ClientOptions(clock, crashed), "CRASHED", FactionSymbol.Cosmic, ct);
            using (client)
            {
                token = registration.Token;
                await client.Fleet.GetMyShipsAsync(cancellationToken: ct);
                await client.Contracts.GetContractsAsync(cancellationToken: ct);
            }
        }, CancellationToken.None);

        // The process dies here: what is on disk is what a crash leaves (the recorder is never disposed nor committed).
        var onDisk = Snapshot();
        var aside = Directory.GetFiles(_folder, "traffic.jsonl.partial*").ToList();
        var asideText = string.Concat(aside.Select(File.ReadAllText));

        // The next run's recorder at the same path, which also fails to start.
        using (new TrafficRecorder(Options(clock), new HttpClientHandler()))
        {
        }

        Assert.Multiple(() =>
        {
            Assert.That(onDisk, Is.EqualTo(earlier), "the crash left the earlier recording and its rotated files byte for byte");
            Assert.That(crashed.Rotations, Is.GreaterThan(0), "the aside file rotated too (aside)");
            Assert.That(aside, Has.Count.EqualTo(crashed.Rotations + 1));
            Assert.That(asideText, Does.Not.Contain(token), "the aside file has no token either");
            Assert.That(asideText, Does.Not.Contain(AccountToken));
            Assert.That(Snapshot(), Is.EqualTo(earlier), "the next recorder leaves it alone too");
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty, "and deletes the stale aside files");
        });
    }

    [Test]
    public async Task A_committed_recording_replaces_the_earlier_one_begins_with_the_registration_and_replays()
    {
        WriteEarlierRecording();
        var results = new List<string>();
        long requests = 0;
        var committedBefore = true;
        long rotations;
        using (var clock = new VirtualClock())
        {
            var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
            using var recorder = new TrafficRecorder(Options(clock, maxFileBytes: 4096), simulation.CreateTransport());
            var options = ClientOptions(clock, recorder);
            options.Observers.Add(new CountingObserver(() => Interlocked.Increment(ref requests)));
            await clock.RunActorAsync("committed run", async ct =>
            {
                var (client, _) = await SpaceTradersClient.RegisterAgentAsync(options, "COMMITTED", FactionSymbol.Cosmic, ct);
                committedBefore = recorder.IsCommitted;
                recorder.Commit();
                recorder.Commit(); // a second commit does nothing
                using (client)
                {
                    results.AddRange(await PlayAsync(client, ct));
                }
            }, CancellationToken.None);
            Assert.That(recorder.Exchanges, Is.EqualTo(requests));
            Assert.That(recorder.IsCommitted, Is.True);
            rotations = recorder.Rotations;
        }

        var files = TrafficRecording.Files(_path).Select(Path.GetFileName).ToList();
        var exchanges = await TrafficRecording.ReadAsync(_path);
        var replay = await ReplayTransport.LoadAsync(_path);
        var replayed = new List<string>();
        using (var clock = new VirtualClock())
        {
            await clock.RunActorAsync("replay", async ct =>
            {
                var (client, _) = await SpaceTradersClient.RegisterAgentAsync(ClientOptions(clock, replay), "COMMITTED", FactionSymbol.Cosmic, ct);
                using (client)
                {
                    replayed.AddRange(await PlayAsync(client, ct));
                }
            }, CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(committedBefore, Is.False, "not committed before the call");
            Assert.That(rotations, Is.GreaterThan(0), "the recording rotated");
            Assert.That(files, Has.Count.EqualTo(rotations + 1), "the earlier recording's rotated files are gone (a line of theirs would not read as an exchange)");
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty, "nothing is left aside");
            Assert.That(exchanges[0].Path, Is.EqualTo("/v2/register"), "the recording begins with the registration");
            Assert.That(exchanges, Has.Count.EqualTo(requests), "every exchange, before and after the commit");
            Assert.That(exchanges.Select(e => e.At), Is.Ordered);
            Assert.That(replayed, Is.EqualTo(results), "the committed recording replays with the same results");
            Assert.That(replay.Unmatched, Is.Empty);
            Assert.That(replay.Remaining, Is.Zero);
        });
    }

    [Test]
    public void Without_the_option_the_recording_is_in_place_from_the_start_and_a_commit_changes_nothing()
    {
        WriteEarlierRecording();
        using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = _path, MaxFiles = 4 }, new HttpClientHandler());

        Assert.That(recorder.IsCommitted, Is.True);
        Assert.That(TrafficRecording.Files(_path).Select(Path.GetFileName), Is.EqualTo(new[] { "traffic.jsonl" }), "replaced as it is created, as before");
        recorder.Commit();
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "traffic.jsonl" }));
    }

    [Test]
    public void A_commit_after_the_dispose_is_refused()
    {
        var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = _path, ReplaceOnCommit = true }, new HttpClientHandler());
        recorder.Dispose();

        Assert.Throws<ObjectDisposedException>(recorder.Commit);
        Assert.That(Directory.GetFiles(_folder), Is.Empty);
    }

    private TrafficRecorderOptions Options(TimeProvider clock, long maxFileBytes = 64 * 1024) =>
        new() { Path = _path, MaxFileBytes = maxFileBytes, MaxFiles = 20, TimeProvider = clock, Secrets = { AccountToken }, ReplaceOnCommit = true };

    private static SpaceTradersClientOptions ClientOptions(TimeProvider clock, HttpMessageHandler transport) =>
        new() { AccountToken = AccountToken, TimeProvider = clock, Transport = transport };

    /// <summary>Writes an earlier recording with four rotated files, and returns each file's bytes by name.</summary>
    private Dictionary<string, byte[]> WriteEarlierRecording()
    {
        foreach (var suffix in new[] { string.Empty, ".1", ".2", ".3", ".4" })
        {
            File.WriteAllText(_path + suffix, $$"""{"earlier":"{{suffix}}"}""" + "\n");
        }

        return Snapshot();
    }

    /// <summary>The bytes of every file of the recording at the path, by name.</summary>
    private Dictionary<string, byte[]> Snapshot() =>
        TrafficRecording.Files(_path).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes);

    /// <summary>Reads the fleet, the contracts, the home system's markets and the agent (a few KiB of traffic).</summary>
    private static async Task<IReadOnlyList<string>> PlayAsync(SpaceTradersClient client, CancellationToken ct)
    {
        var ships = await client.Fleet.GetMyShipsAsync(cancellationToken: ct);
        var system = ships.Items[0].Nav.SystemSymbol;
        var markets = await client.Systems.GetSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Marketplace], cancellationToken: ct);
        var results = new List<string> { string.Join(",", ships.Items.Select(s => s.Symbol + "@" + s.Nav.WaypointSymbol)) };
        foreach (var market in markets.Items.Take(3))
        {
            var read = await client.Systems.GetMarketAsync(system, market.Symbol, cancellationToken: ct);
            results.Add(read.Symbol + ":" + string.Join(",", (read.TradeGoods ?? []).Select(g => g.Symbol + "=" + g.SellPrice)));
        }

        results.Add((await client.Agents.GetMyAgentAsync(cancellationToken: ct)).Credits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return results;
    }

    private sealed class CountingObserver(Action counted) : Diagnostics.IRequestObserver
    {
        public void OnRequestCompleted(Diagnostics.RequestRecord record) => counted();
    }
}
