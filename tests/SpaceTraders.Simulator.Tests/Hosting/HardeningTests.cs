using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>
/// The simulator server against abuse: tokens nobody can forge, no body read before the request is authenticated,
/// a 1 MiB body limit, and bounded memory under a flood of anonymous uploads.
/// </summary>
[TestFixture]
public sealed class HardeningTests
{
    private const int MiB = 1024 * 1024;

    [Test]
    public async Task A_token_forged_from_the_seed_is_rejected_and_returns_nothing_of_the_agent()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 42, Clock = clock });
        using var http = simulation.CreateHttpClient();
        await http.RegisterAsync("VICTIM");

        // What anyone could mint before: an HS256 token keyed from the default seed, naming someone else's agent.
        var forged = ForgeFromSeed(42, "VICTIM", "2026-01-01");
        var (status, body, _) = await http.SendAsync(HttpMethod.Get, "my/agent", forged);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(body.Error()["code"]!.GetValue<int>(), Is.EqualTo(4104));
        Assert.That(body!.ToJsonString(), Does.Not.Contain("credits"));
    }

    [Test]
    public async Task Tokens_are_signed_with_a_key_of_each_simulation_unless_a_fixed_one_is_given()
    {
        using var clock = new VirtualClock();
        var first = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        var second = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        var fixedA = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, TokenSigningKey = "test-key" });
        var fixedB = new Simulation(new SimulationOptions { Seed = 5, Clock = clock, TokenSigningKey = "test-key" });
        using var firstHttp = first.CreateHttpClient();
        using var secondHttp = second.CreateHttpClient();
        using var fixedAHttp = fixedA.CreateHttpClient();
        using var fixedBHttp = fixedB.CreateHttpClient();

        var firstToken = await firstHttp.RegisterAsync("TWIN");
        var secondToken = await secondHttp.RegisterAsync("TWIN");
        var fixedToken = await fixedAHttp.RegisterAsync("TWIN");
        var fixedTokenAgain = await fixedBHttp.RegisterAsync("TWIN");

        Assert.That(secondToken, Is.Not.EqualTo(firstToken), "same seed, same agent, same time: still another key");
        Assert.That((await secondHttp.SendAsync(HttpMethod.Get, "my/agent", firstToken)).Status, Is.EqualTo(401));
        Assert.That(fixedTokenAgain, Is.EqualTo(fixedToken), "a fixed key makes tokens reproducible");
        Assert.That((await fixedBHttp.SendAsync(HttpMethod.Get, "my/agent", fixedToken)).Status, Is.EqualTo(200));
    }

    [TestCase(null, 4103)]
    [TestCase("forged", 4104)]
    public async Task An_unauthenticated_request_is_answered_without_reading_its_body(string? token, int code)
    {
        using var clock = new VirtualClock();
        var (simulation, routes) = TestRoutes.Create(clock);
        using var http = simulation.CreateHttpClient();
        var body = new WatchedContent(30 * MiB, declareLength: true);
        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/X-1/extract", token is null ? null : ForgeFromSeed(7, "X", simulation.ResetDate));
        request.Content = body;

        using var response = await http.SendAsync(request);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync()).Error();

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(code));
        Assert.That(body.BytesRead, Is.Zero, "the body was never read");
        Assert.That(routes.Actions, Is.Zero);
    }

    [Test]
    public async Task A_rate_limited_request_is_answered_without_reading_its_body()
    {
        using var clock = new VirtualClock();
        var (simulation, _) = TestRoutes.Create(clock);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("LIMITED");
        for (var i = 0; i < 31; i++)
        {
            (await http.SendAsync(HttpMethod.Get, "my/agent", token)).Response.Dispose();
        }

        var body = new WatchedContent(1000, declareLength: true);
        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/LIMITED-1/extract", token);
        request.Content = body;
        using var response = await http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(body.BytesRead, Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Bodies_up_to_1_MiB_are_read_and_larger_ones_get_413(bool declareLength)
    {
        using var clock = new VirtualClock();
        var (simulation, routes) = TestRoutes.Create(clock, o => o.RateLimits.Enabled = false);
        using var http = simulation.CreateHttpClient();
        var token = await http.RegisterAsync("BIG");

        using var fits = TestHttp.Request(HttpMethod.Post, "my/ships/BIG-1/extract", token);
        fits.Content = new WatchedContent(MiB, declareLength);
        using var fitsResponse = await http.SendAsync(fits);
        var tooLarge = new WatchedContent(MiB + 1, declareLength);
        using var over = TestHttp.Request(HttpMethod.Post, "my/ships/BIG-1/extract", token);
        over.Content = tooLarge;
        using var overResponse = await http.SendAsync(over);
        var error = System.Text.Json.Nodes.JsonNode.Parse(await overResponse.Content.ReadAsStringAsync()).Error();

        Assert.That((int)fitsResponse.StatusCode, Is.EqualTo(201));
        Assert.That((int)overResponse.StatusCode, Is.EqualTo(413));
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo(413));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("1048576 bytes"));
        Assert.That(tooLarge.BytesRead, declareLength ? Is.Zero : Is.LessThanOrEqualTo(MiB + (64 * 1024)), "a declared length over the limit is refused unread; an undeclared one is read no further than the limit");
        Assert.That(routes.Actions, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_http_host_refuses_a_chunked_body_over_1_MiB_with_413_and_closes_the_connection()
    {
        using var clock = new VirtualClock();
        var (simulation, routes) = TestRoutes.Create(clock, o => o.RateLimits.Enabled = false);
        await using var server = await simulation.StartHttpServerAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await http.RegisterAsync("CHUNKY");

        using var request = TestHttp.Request(HttpMethod.Post, "my/ships/CHUNKY-1/extract", token);
        request.Content = new WatchedContent(2 * MiB, declareLength: false);
        HttpStatusCode? status = null;
        try
        {
            using var response = await http.SendAsync(request);
            status = response.StatusCode;
            Assert.That(response.Headers.ConnectionClose, Is.True);
        }
        catch (HttpRequestException)
        {
            // The server may close while the client is still sending; either way nothing was executed.
        }

        var after = await http.SendAsync(HttpMethod.Get, "my/agent", token);

        Assert.That(status, Is.Null.Or.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(routes.Actions, Is.Zero);
        Assert.That(after.Status, Is.EqualTo(200), "the server keeps serving");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Bodies_being_read_at_once_stay_within_their_budget()
    {
        var reader = new RequestBodyReader(maxBuffered: 2 * RequestBodyReader.MaxBodyBytes);
        var stalled = new StalledBody();
        var first = new SimRequest { PendingBody = stalled };
        var secondBody = new StalledBody();
        var second = new SimRequest { PendingBody = secondBody };
        var third = new SimRequest { PendingBody = new StalledBody(declared: 10) };

        var firstRead = reader.ReadAsync(first, CancellationToken.None).AsTask();
        var secondRead = reader.ReadAsync(second, CancellationToken.None).AsTask();
        var thirdOutcome = await reader.ReadAsync(third, CancellationToken.None);
        var reservedWhileStalled = reader.Reserved;
        stalled.Finish();
        var firstOutcome = await firstRead;

        Assert.That(thirdOutcome, Is.EqualTo(BodyReadOutcome.Busy), "two undeclared bodies hold the whole budget");
        Assert.That(reservedWhileStalled, Is.EqualTo(2 * RequestBodyReader.MaxBodyBytes));
        Assert.That(firstOutcome, Is.EqualTo(BodyReadOutcome.Read));
        Assert.That(secondRead.IsCompleted, Is.False);
        Assert.That(reader.Reserved, Is.EqualTo(RequestBodyReader.MaxBodyBytes), "the finished read gave its reservation back");
        secondBody.Finish();
        Assert.That(await secondRead, Is.EqualTo(BodyReadOutcome.Read));
        Assert.That(reader.Reserved, Is.Zero);
    }

    /// <summary>
    /// 100 parallel anonymous uploads of 30 MB each (half to an agent route, half to the open <c>POST /register</c>; half
    /// with a declared length, half chunked) against the command-line server in a child process, so that its working set
    /// is measured alone. Before the change the server read every body before checking the token (40 such uploads took
    /// it to 2.35 GB).
    /// </summary>
    [Test]
    [CancelAfter(180_000)]
    public async Task A_flood_of_anonymous_30_MB_uploads_leaves_the_server_under_300_MB(CancellationToken cancellationToken)
    {
        await using var server = await SimulatorProcess.StartAsync("--rate-limit", "off", "--seed", "3");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 200 };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var before = server.WorkingSet;

        var uploads = Enumerable.Range(0, 100).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, i % 2 == 0 ? $"my/ships/FLOOD-{i}/purchase" : "register")
            {
                Content = new WatchedContent(30L * 1000 * 1000, declareLength: i % 4 < 2),
            };
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                return "closed"; // The server answered and closed while the client was still sending.
            }
        });
        var outcomes = await Task.WhenAll(uploads);
        var peak = server.PeakWorkingSet;
        var status = await http.SendAsync(HttpMethod.Get, "");

        TestContext.Out.WriteLine($"working set before {before / MiB} MiB, peak {peak / MiB} MiB; outcomes: "
            + string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.That(peak, Is.LessThan(300L * MiB));
        Assert.That(outcomes, Has.None.EqualTo("201").And.None.EqualTo("200"), "no upload was accepted");
        Assert.That(status.Status, Is.EqualTo(200), "the server still serves");
    }

    /// <summary>Mints a token the way the simulator did when its key came from the seed.</summary>
    private static string ForgeFromSeed(int seed, string agent, string resetDate)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("spacetraders-simulator/" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"identifier":"{{agent}}","version":"v2.3.0","reset_date":"{{resetDate}}","reset":0,"iat":1767225600,"sub":"agent-token"}"""));
        var unsigned = header + "." + payload;
        return unsigned + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
    }

    /// <summary>A body of zeros written in 64 KB chunks (never held whole), counting how much of it the server read.</summary>
    private sealed class WatchedContent(long length, bool declareLength) : HttpContent
    {
        private static readonly byte[] Chunk = new byte[64 * 1024];
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var left = length;
            while (left > 0)
            {
                var count = (int)Math.Min(Chunk.Length, left);
                await stream.WriteAsync(Chunk.AsMemory(0, count));
                Interlocked.Add(ref _read, count);
                left -= count;
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return declareLength;
        }
    }

    /// <summary>A pending body that gives no bytes until <see cref="Finish"/>.</summary>
    private sealed class StalledBody(long? declared = null) : PendingBody
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override long? DeclaredLength => declared;

        public void Finish() => _finished.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            await _finished.Task.WaitAsync(cancellationToken);
            return 0;
        }
    }
}
