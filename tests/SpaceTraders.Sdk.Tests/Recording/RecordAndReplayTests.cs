using System.Text.Json;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Recording;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Recording;

/// <summary>
/// <see cref="TrafficRecorder"/> writes what a client exchanged with the simulator, without a token, in bounded
/// rotating files; <see cref="ReplayTransport"/> serves it back so that the client parses the same results. With
/// <see cref="TrafficRecorderOptions.ReplaceOnCommit"/> it writes aside and leaves the earlier recording at its path (and
/// its rotated files) alone until <see cref="TrafficRecorder.Commit"/>: a start that fails (disposed without a commit) or a
/// crash before the commit loses nothing of it.
/// </summary>
[TestFixture]
public sealed class RecordAndReplayTests
{
    private const string AccountToken = "record-account-token-SECRET";

    private string _folder = null!;

    private string _path = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("recording-").FullName;
        _path = Path.Combine(_folder, "traffic.jsonl");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_game_recorded_from_the_simulator_replays_with_the_same_parsed_results_and_no_token()
    {
        var path = Path.Combine(_folder, "traffic.jsonl");
        string agentToken;
        Played live;
        using (var clock = new VirtualClock())
        {
            var simulation = new Simulation(new SimulationOptions { Seed = 11, Clock = clock, AccountToken = AccountToken });
            using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = path, TimeProvider = clock, Secrets = { AccountToken } }, simulation.CreateTransport());
            (live, agentToken) = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = recorder });
            Assert.That(recorder.Exchanges, Is.EqualTo(live.Requests));
        }

        var text = await File.ReadAllTextAsync(path);
        var exchanges = await TrafficRecording.ReadAsync(path);
        var replay = await ReplayTransport.LoadAsync(path);
        Played replayed;
        using (var clock = new VirtualClock())
        {
            (replayed, _) = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = "another-account-token", TimeProvider = clock, Transport = replay });
        }

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(agentToken), "the agent token never reaches the file");
            Assert.That(text, Does.Not.Contain(AccountToken), "nor the account token");
            Assert.That(text, Does.Not.Contain("eyJ"), "nor anything shaped like a JWT");
            Assert.That(exchanges.Single(e => e.Path == "/v2/register").Body, Does.Contain("\"token\":\"[redacted]\""), "the registration's token is blanked out");
            Assert.That(exchanges, Has.All.Matches<RecordedExchange>(e => e.Headers.Keys.All(h => !h.Equals("Authorization", StringComparison.OrdinalIgnoreCase))));
            Assert.That(replayed.Results, Is.EqualTo(live.Results), "every parsed result is the same");
            Assert.That(replay.Unmatched, Is.Empty);
            Assert.That(replay.Served, Is.EqualTo(live.Requests));
            Assert.That(replay.Remaining, Is.Zero);
            Assert.That(replay.FirstAt, Is.EqualTo(VirtualClock.DefaultStart));
        });
    }

    [Test]
    public async Task The_file_rotates_at_its_size_bound_and_keeps_only_the_rotated_files_asked_for()
    {
        var path = Path.Combine(_folder, "small.jsonl");
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 3, Clock = clock });
        const long bound = 8 * 1024;
        long exchanges;
        using (var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = path, MaxFileBytes = bound, MaxFiles = 2, TimeProvider = clock }, simulation.CreateTransport()))
        {
            await PlayAsync(clock, new SpaceTradersClientOptions { TimeProvider = clock, Transport = recorder });
            exchanges = recorder.Exchanges;
            Assert.That(recorder.Rotations, Is.GreaterThan(2), "the game's traffic is far larger than three files");
        }

        var files = TrafficRecording.Files(path);
        var kept = await TrafficRecording.ReadAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { "small.jsonl.2", "small.jsonl.1", "small.jsonl" }), "oldest first");
            Assert.That(files.Where(f => new FileInfo(f).Length > bound).Select(f => File.ReadAllLines(f).Length), Has.All.EqualTo(1), "only a file of one exchange larger than the bound passes it");
            Assert.That(kept.Count, Is.LessThan(exchanges), "the oldest exchanges were dropped with the oldest file");
            Assert.That(kept.Select(e => e.At), Is.Ordered, "the files read back in order");
        });

        // A new recording at the same path replaces the old one and its rotated files.
        using (new TrafficRecorder(new TrafficRecorderOptions { Path = path, MaxFileBytes = bound, MaxFiles = 2 }, new RecordingHandler()))
        {
        }

        Assert.That(TrafficRecording.Files(path), Has.Count.EqualTo(1));
        Assert.That(new FileInfo(path).Length, Is.Zero);
    }

    [Test]
    public async Task Failures_are_recorded_and_replayed_as_failures()
    {
        var exchanges = new[]
        {
            new RecordedExchange(VirtualClock.DefaultStart, "GET", "/v2/my/agent", true, null, 0, new Dictionary<string, string>(), null, nameof(HttpRequestError.ConnectionError)),
            new RecordedExchange(VirtualClock.DefaultStart, "GET", "/v2/my/agent", true, null, 200, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, "{\"data\":{\"accountId\":\"a\",\"sym", "IOException"),
        };
        using var replay = new ReplayTransport(exchanges);
        using var http = new HttpClient(replay, disposeHandler: false) { BaseAddress = new Uri("http://replay.invalid/v2/") };

        var refused = Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("my/agent"));
        using var broken = await http.GetAsync("my/agent", HttpCompletionOption.ResponseHeadersRead);
        var cut = Assert.ThrowsAsync<IOException>(async () =>
        {
            // As the SDK's pipeline reads a body: the bytes that came, then the break.
            await using var stream = await broken.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(Stream.Null);
        });
        var unmatched = Assert.ThrowsAsync<InvalidOperationException>(() => http.GetAsync("my/ships"));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
            Assert.That(cut, Is.Not.Null);
            Assert.That(unmatched!.Message, Does.Contain("GET /v2/my/ships"));
            Assert.That(replay.Unmatched, Is.EqualTo(new[] { "GET /v2/my/ships" }));
        });
    }

    [Test]
    public void A_recorded_line_reads_back_as_written()
    {
        var exchange = new RecordedExchange(
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
            "POST",
            "/v2/my/ships/A-1/navigate",
            true,
            """{"waypointSymbol":"X1-A-B2"}""",
            429,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Retry-After"] = "1", ["x-ratelimit-type"] = "IP Address" },
            """{"error":{"code":429,"message":"You have reached your API limit."}}""",
            null);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        TrafficRecording.Write(exchange, buffer);
        var read = TrafficRecording.Parse(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));

        Assert.That(read with { Headers = exchange.Headers }, Is.EqualTo(exchange));
        Assert.That(read.Headers, Is.EquivalentTo(exchange.Headers));
    }

    [Test]
    public async Task A_recorder_disposed_without_a_commit_leaves_the_earlier_recording_byte_for_byte_and_no_aside_file()
    {
        var earlier = WriteEarlierRecording();
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
        using (var recorder = new TrafficRecorder(AsideOptions(clock), simulation.CreateTransport()))
        {
            // A registration refused (an unknown faction): the start failed.
            var options = new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = recorder };
            await clock.RunActorAsync("refused start", ct =>
            {
                Assert.CatchAsync(() => SpaceTradersClient.RegisterAgentAsync(options, "REFUSED", new FactionSymbol("NOSUCH"), ct));
                return Task.CompletedTask;
            }, CancellationToken.None);
            Assert.That(recorder.Exchanges, Is.GreaterThan(0));
            Assert.That(File.Exists(_path + ".partial"), Is.True, "the exchange was written aside");
        }

        Assert.Multiple(() =>
        {
            Assert.That(Snapshot(), Is.EqualTo(earlier), "the earlier recording and its rotated files, byte for byte");
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty, "the aside file is deleted");
        });
    }

    [Test]
    public async Task A_crash_before_the_commit_leaves_the_earlier_recording_intact_and_the_next_recorder_clears_the_stale_aside_files()
    {
        var earlier = WriteEarlierRecording();
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
        using var crashed = new TrafficRecorder(AsideOptions(clock), simulation.CreateTransport());
        var (_, token) = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = crashed });

        // The process dies here: what is on disk is what a crash leaves (the recorder is never committed nor disposed).
        var onDisk = Snapshot();
        var aside = Directory.GetFiles(_folder, "traffic.jsonl.partial*");
        var asideText = string.Concat(aside.Select(File.ReadAllText));

        // The next run's recorder at the same path, whose start fails too.
        using (new TrafficRecorder(AsideOptions(clock), new RecordingHandler()))
        {
        }

        Assert.Multiple(() =>
        {
            Assert.That(onDisk, Is.EqualTo(earlier), "the crash left the earlier recording and its rotated files byte for byte");
            Assert.That(crashed.Rotations, Is.GreaterThan(0), "the aside file rotated (aside too)");
            Assert.That(aside, Has.Length.EqualTo(crashed.Rotations + 1));
            Assert.That(asideText, Does.Not.Contain(token), "the aside files hold no token either");
            Assert.That(asideText, Does.Not.Contain(AccountToken));
            Assert.That(Snapshot(), Is.EqualTo(earlier), "the next recorder leaves the earlier recording alone too");
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty, "and deletes the stale aside files");
        });
    }

    [Test]
    public async Task A_committed_recording_replaces_the_earlier_one_begins_with_the_registration_and_replays()
    {
        WriteEarlierRecording();
        Played live;
        long rotations;
        bool? committedAtRegistration = null;
        using (var clock = new VirtualClock())
        {
            var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, AccountToken = AccountToken });
            using var recorder = new TrafficRecorder(AsideOptions(clock), simulation.CreateTransport());
            (live, _) = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = AccountToken, TimeProvider = clock, Transport = recorder }, () =>
            {
                committedAtRegistration = recorder.IsCommitted;
                recorder.Commit();
                recorder.Commit(); // a second commit does nothing
            });
            Assert.That(recorder.Exchanges, Is.EqualTo(live.Requests));
            Assert.That(recorder.IsCommitted, Is.True);
            rotations = recorder.Rotations;
        }

        var files = TrafficRecording.Files(_path);
        var exchanges = await TrafficRecording.ReadAsync(_path); // a line of the earlier recording would not read as an exchange
        var replay = await ReplayTransport.LoadAsync(_path);
        Played replayed;
        using (var clock = new VirtualClock())
        {
            (replayed, _) = await PlayAsync(clock, new SpaceTradersClientOptions { AccountToken = "another-account-token", TimeProvider = clock, Transport = replay });
        }

        Assert.Multiple(() =>
        {
            Assert.That(committedAtRegistration, Is.False, "not committed before the call");
            Assert.That(rotations, Is.GreaterThan(0), "the recording rotated");
            Assert.That(files, Has.Count.EqualTo(rotations + 1), "its rotated files, aside before the commit, replaced the earlier ones");
            Assert.That(Directory.GetFiles(_folder, "*.partial*"), Is.Empty, "nothing is left aside");
            Assert.That(exchanges[0].Path, Is.EqualTo("/v2/register"), "the recording begins with the registration");
            Assert.That(exchanges, Has.Count.EqualTo(live.Requests), "every exchange, before and after the commit");
            Assert.That(exchanges.Select(e => e.At), Is.Ordered);
            Assert.That(replayed.Results, Is.EqualTo(live.Results), "the committed recording replays with the same results");
            Assert.That(replay.Unmatched, Is.Empty);
            Assert.That(replay.Remaining, Is.Zero);
        });
    }

    [Test]
    public void Without_the_option_the_recording_is_in_place_from_the_start_and_a_commit_changes_nothing()
    {
        WriteEarlierRecording();
        using var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = _path }, new RecordingHandler());

        Assert.That(recorder.IsCommitted, Is.True);
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "traffic.jsonl" }), "replaced as it is created, as before");
        recorder.Commit();
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "traffic.jsonl" }));
    }

    [Test]
    public void A_commit_after_the_dispose_is_refused()
    {
        var recorder = new TrafficRecorder(new TrafficRecorderOptions { Path = _path, ReplaceOnCommit = true }, new RecordingHandler());
        recorder.Dispose();

        Assert.Throws<ObjectDisposedException>(recorder.Commit);
        Assert.That(Directory.GetFiles(_folder), Is.Empty);
    }

    /// <summary>Written aside until the commit, in files of 4 KiB (the game's traffic rotates) with room for all of them.</summary>
    private TrafficRecorderOptions AsideOptions(TimeProvider clock) =>
        new() { Path = _path, MaxFileBytes = 4096, MaxFiles = 50, TimeProvider = clock, Secrets = { AccountToken }, ReplaceOnCommit = true };

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
        TrafficRecording.Files(_path).ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f));

    /// <summary>What a game parsed: every result as the SDK's JSON, in the order the calls were made.</summary>
    private sealed record Played(IReadOnlyList<string> Results, long Requests);

    /// <summary>Registers (then calls <paramref name="registered"/>, if given), reads the fleet and markets, flies to a market, docks, refuels and reads the agent.</summary>
    private static async Task<(Played Played, string Token)> PlayAsync(VirtualClock clock, SpaceTradersClientOptions options, Action? registered = null)
    {
        var results = new List<string>();
        long requests = 0;
        string token = string.Empty;
        options.Observers.Add(new CountingObserver(() => Interlocked.Increment(ref requests)));
        await clock.RunActorAsync("recorded bot", async ct =>
        {
            var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "RECORDER", FactionSymbol.Cosmic, ct);
            registered?.Invoke();
            using (client)
            {
                token = registration.Token;
                results.Add(Json(registration.Agent));
                var ships = await client.Fleet.GetMyShipsAsync(cancellationToken: ct);
                results.Add(Json(ships.Items));
                var ship = ships.Items.First(s => s.Registration.Role.ToString() == "COMMAND");
                var system = ship.Nav.SystemSymbol;
                var markets = await client.Systems.GetSystemWaypointsAsync(system, traits: [WaypointTraitSymbol.Marketplace], cancellationToken: ct);
                results.Add(Json(markets.Items));
                var target = markets.Items.First(w => w.Symbol != ship.Nav.WaypointSymbol).Symbol;
                results.Add(Json(await client.Systems.GetMarketAsync(system, target, cancellationToken: ct)));
                results.Add(Json(await client.Fleet.OrbitShipAsync(ship.Symbol, cancellationToken: ct)));
                var flight = await client.Fleet.NavigateShipAsync(ship.Symbol, target, cancellationToken: ct);
                results.Add(Json(flight));
                await clock.DelayUntilAsync(flight.Nav.Route.Arrival, ct);
                results.Add(Json(await client.Fleet.DockShipAsync(ship.Symbol, cancellationToken: ct)));
                results.Add(Json(await client.Systems.GetMarketAsync(system, target, cancellationToken: ct)));
                results.Add(Json(await client.Agents.GetMyAgentAsync(cancellationToken: ct)));
                results.Add(Json((await client.Contracts.GetContractsAsync(cancellationToken: ct)).Items));
            }
        }, CancellationToken.None);

        return (new Played(results, requests), token);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)SpaceTradersJson.Options.GetTypeInfo(typeof(T)));

    private sealed class CountingObserver(Action counted) : Diagnostics.IRequestObserver
    {
        public void OnRequestCompleted(Diagnostics.RequestRecord record) => counted();
    }
}
