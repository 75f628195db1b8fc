using System.Buffers.Text;
using System.Net;
using System.Text;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resets;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Resets;

/// <summary>
/// The client notices a server reset from both signals (a token rejected with 401 and 4113; a later <c>resetDate</c>
/// on the status endpoint): one typed error, one event, the old world's caches dropped, no dead token sent again.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ServerResetDetectionTests
{
    private const string AgentPath = "/v2/my/agent";

    private static readonly string Token = AgentToken("BADGER", "2026-01-04");

    private FakeApiServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.Reset();

    /// <summary>A JWT-shaped agent token whose payload carries a reset date, as the game's do (the signature is not checked by clients).</summary>
    internal static string AgentToken(string agent, string resetDate)
    {
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"identifier":"{{agent}}","version":"v2.3.0","reset_date":"{{resetDate}}","iat":1767225600,"sub":"agent-token"}"""));
        return header + "." + payload + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";
    }

    [Test]
    public void The_client_knows_its_reset_from_the_token()
    {
        using var client = new SpaceTradersClient(_server.Options(Token));
        using var opaque = new SpaceTradersClient(_server.Options(FakeApiServer.Token));

        Assert.Multiple(() =>
        {
            Assert.That(client.ResetDate, Is.EqualTo("2026-01-04"));
            Assert.That(opaque.ResetDate, Is.Null, "a token that is not a JWT says nothing");
            Assert.That(client.DetectedReset, Is.Null);
        });
    }

    [Test]
    public void A_token_rejected_with_4113_throws_the_typed_error_raises_the_event_once_and_drops_the_caches()
    {
        _server.Respond("GET", AgentPath, 401, """
            {"error":{"message":"Failed to parse token. Token reset_date does not match the server. Server resets happen on a weekly to bi-weekly frequency during alpha. After a reset, you should re-register your agent. Expected: 2026-01-11, Actual: 2026-01-04","code":4113,
              "data":{"expected":"2026-01-11","actual":"2026-01-04"},"requestId":"req-1"}}
            """);
        using var client = new SpaceTradersClient(_server.Options(Token));
        client.Markets.Record(Market("X1-OLD-A1"));
        client.World.Record(new Waypoint { Symbol = "X1-OLD-A1", SystemSymbol = "X1-OLD", Type = WaypointType.Planet, X = 1, Y = 2, Orbitals = [], Traits = [], IsUnderConstruction = false });
        var events = new List<ServerResetEventArgs>();
        client.ServerReset += (_, e) =>
        {
            // By the time the event is raised, the old world is gone from the caches.
            Assert.That(client.Markets.TryGet("X1-OLD-A1", out SpaceTraders.Sdk.Caches.MarketSnapshot? _), Is.False);
            events.Add(e);
        };

        var error = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;
        var again = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.ResetDate, Is.EqualTo("2026-01-11"));
            Assert.That(error.PreviousResetDate, Is.EqualTo("2026-01-04"));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.Endpoint, Is.EqualTo("/my/agent"));
            Assert.That(error.InnerException, Is.InstanceOf<SpaceTradersApiException>().With.Property(nameof(SpaceTradersApiException.ErrorCode)).EqualTo(ErrorCodes.TokenResetDateMismatch));
            Assert.That(error.Reset!.Signal, Is.EqualTo(ServerResetSignal.TokenRejected));
            Assert.That(error.Message, Does.Contain("2026-01-11").And.Contain("Register the agent again").And.Not.Contain(Token));
            Assert.That(events, Has.Count.EqualTo(1), "one reset, one event");
            Assert.That(events[0].ResetDate, Is.EqualTo("2026-01-11"));
            Assert.That(client.DetectedReset, Is.SameAs(events[0]));
            Assert.That(client.World.TryGetWaypoint("X1-OLD-A1", out _), Is.False, "the static world of the old galaxy is dropped");
            Assert.That(client.World.TryGetPosition("X1-OLD-A1", out _), Is.False);
            Assert.That(_server.RequestsTo("GET", AgentPath), Has.Count.EqualTo(1), "the dead token is not sent a second time");
            Assert.That(again.StatusCode, Is.Null, "the second call was refused without being sent");
            Assert.That(again.ResetDate, Is.EqualTo("2026-01-11"));
        });
    }

    [Test]
    public void A_4113_without_data_takes_its_dates_from_the_message()
    {
        _server.Respond("GET", AgentPath, 401, """
            {"error":{"message":"Failed to parse token. Token reset_date does not match the server. Expected: 2026-01-18, Actual: 2026-01-11","code":4113}}
            """);
        using var client = new SpaceTradersClient(_server.Options(FakeApiServer.Token));

        var error = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.That((error.ResetDate, error.PreviousResetDate), Is.EqualTo(("2026-01-18", "2026-01-11")));
    }

    /// <summary>
    /// The live server's answer as a public bot logged it (eseidel/space_traders, 2023-07): the body's code is the
    /// HTTP status 401, not 4113, with both reset dates in the message and in data.
    /// </summary>
    [Test]
    public void A_token_rejected_with_code_401_and_the_reset_dates_is_a_reset()
    {
        _server.Respond("GET", AgentPath, 401, """
            {"error":{"message":"Failed to parse token. Token reset_date does not match the server. Server resets happen on a weekly to bi-weekly frequency during alpha. After a reset, you should re-register your agent. Expected: 2026-01-11, Actual: 2026-01-04","code":401,"data":{"expected":"2026-01-11","actual":"2026-01-04"}}}
            """);
        using var client = new SpaceTradersClient(_server.Options(Token));
        var events = new List<ServerResetEventArgs>();
        client.ServerReset += (_, e) => events.Add(e);

        var error = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That((error.ResetDate, error.PreviousResetDate), Is.EqualTo(("2026-01-11", "2026-01-04")));
            Assert.That(error.InnerException, Is.InstanceOf<SpaceTradersApiException>().With.Property(nameof(SpaceTradersApiException.ErrorCode)).EqualTo(401));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(client.DetectedReset?.ResetDate, Is.EqualTo("2026-01-11"));
        });
    }

    /// <summary>
    /// The newer error list names 4109 <c>tokenInvalidVersionError</c>: a token of an earlier reset (FACTS.md §4).
    /// On any call but <c>POST /register</c> it is a reset, whatever the HTTP status.
    /// </summary>
    [TestCase(401)]
    [TestCase(400)]
    public void A_token_rejected_with_4109_is_a_reset(int status)
    {
        _server.Respond("GET", AgentPath, status, """{"error":{"message":"Token version does not match the server.","code":4109}}""");
        using var client = new SpaceTradersClient(_server.Options(Token));
        var events = new List<ServerResetEventArgs>();
        client.ServerReset += (_, e) => events.Add(e);

        var error = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;
        var again = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.InnerException, Is.InstanceOf<SpaceTradersApiException>().With.Property(nameof(SpaceTradersApiException.ErrorCode)).EqualTo(ErrorCodes.TokenInvalidVersion));
            Assert.That(error.PreviousResetDate, Is.EqualTo("2026-01-04"), "the reset played, from the token");
            Assert.That(error.Reset!.Signal, Is.EqualTo(ServerResetSignal.TokenRejected));
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(client.DetectedReset, Is.SameAs(events[0]));
            Assert.That(again.StatusCode, Is.Null, "the dead token is not sent again");
            Assert.That(_server.RequestsTo("GET", AgentPath), Has.Count.EqualTo(1));
        });
    }

    /// <summary>On <c>POST /register</c>, 4109 keeps the older meaning <c>registerAgentExistsError</c>: the symbol is taken.</summary>
    [Test]
    public void A_4109_from_register_is_a_taken_symbol_not_a_reset()
    {
        _server.Respond("POST", "/v2/register", 409, """{"error":{"message":"Cannot register agent. Agent symbol BADGER has already been claimed.","code":4109}}""");
        var options = _server.Options(null);
        options.AccountToken = FakeApiServer.AccountToken;
        using var client = new SpaceTradersClient(options);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => client.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.RegisterAgentExists));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(client.DetectedReset, Is.Null);
        });
    }

    [Test]
    public void A_401_with_code_401_but_no_reset_dates_stays_a_game_error()
    {
        _server.Respond("GET", AgentPath, 401, """{"error":{"message":"Unauthorized.","code":401}}""");
        using var client = new SpaceTradersClient(_server.Options(Token));

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.That(error.ErrorCode, Is.EqualTo(401));
        Assert.That(client.DetectedReset, Is.Null);
    }

    [Test]
    public void Other_401s_stay_game_errors()
    {
        _server.Respond("GET", AgentPath, 401, """{"error":{"message":"Invalid bearer token.","code":4104}}""");
        using var client = new SpaceTradersClient(_server.Options(Token));
        var raised = false;
        client.ServerReset += (_, _) => raised = true;

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.InvalidTokenRequest));
        Assert.That(raised, Is.False);
        Assert.That(client.DetectedReset, Is.Null);
    }

    [Test]
    public async Task A_later_reset_date_on_the_status_endpoint_is_a_reset()
    {
        _server.Respond("GET", "/v2/", 200, Status("2026-01-11"));
        _server.Respond("GET", AgentPath, 200, Fixtures.Read("get-my-agent"));
        using var client = new SpaceTradersClient(_server.Options(Token));
        client.Surveys.Add(new Survey { Signature = "X1-OLD-A1-1", Symbol = "X1-OLD-A1", Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }], Expiration = DateTimeOffset.MaxValue, Size = SurveySize.Large });
        var events = new List<ServerResetEventArgs>();
        client.ServerReset += (_, e) => events.Add(e);

        var status = await client.Global.GetStatusAsync();
        var refused = Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync())!;
        await client.Global.GetStatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.ResetDate, Is.EqualTo("2026-01-11"), "the status call itself returns normally");
            Assert.That(events, Has.Count.EqualTo(1));
            Assert.That(events[0].Signal, Is.EqualTo(ServerResetSignal.StatusResetDate));
            Assert.That((events[0].PreviousResetDate, events[0].ResetDate), Is.EqualTo(("2026-01-04", "2026-01-11")));
            Assert.That(client.Surveys.Count, Is.Zero, "the old surveys are dropped");
            Assert.That(refused.StatusCode, Is.Null);
            Assert.That(_server.RequestsTo("GET", AgentPath), Is.Empty, "nothing is sent with the dead token");
            var statusReads = _server.RequestsTo("GET", "/v2/");
            Assert.That(statusReads, Has.Count.EqualTo(2));
            Assert.That(statusReads[0].Headers!.ContainsKey("Authorization"), Is.True, "before the reset the status is read as the agent");
            Assert.That(statusReads[1].Headers!.ContainsKey("Authorization"), Is.False, "after it, anonymously");
        });
    }

    [Test]
    public async Task The_same_or_an_earlier_reset_date_is_no_reset()
    {
        _server.RespondInTurn("GET", "/v2/", (200, Status("2026-01-04"), "application/json"), (200, Status("2025-12-28"), "application/json"));
        using var client = new SpaceTradersClient(_server.Options(Token));
        var raised = false;
        client.ServerReset += (_, _) => raised = true;

        await client.Global.GetStatusAsync();
        await client.Global.GetStatusAsync();

        Assert.That(raised, Is.False);
        Assert.That(client.DetectedReset, Is.Null);
    }

    [Test]
    public async Task Without_a_reset_date_in_the_token_the_first_status_sets_it()
    {
        _server.RespondInTurn("GET", "/v2/", (200, Status("2026-01-04"), "application/json"), (200, Status("2026-01-11"), "application/json"));
        using var client = new SpaceTradersClient(_server.Options(FakeApiServer.Token));

        await client.Global.GetStatusAsync();
        var before = client.ResetDate;
        await client.Global.GetStatusAsync();

        Assert.That(before, Is.EqualTo("2026-01-04"));
        Assert.That(client.DetectedReset?.ResetDate, Is.EqualTo("2026-01-11"));
        Assert.That(client.DetectedReset?.PreviousResetDate, Is.EqualTo("2026-01-04"));
    }

    [Test]
    public async Task Against_the_simulator_both_signals_name_the_same_reset()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 5, Clock = clock });
        using var transport = simulation.CreateTransport();
        var options = new SpaceTradersClientOptions { TimeProvider = clock, Transport = transport };
        string? before = null, byStatus = null, byRejection = null, serverDate = null, statusDate = null;
        Exception? rejected = null;

        await clock.RunActorAsync("reset test", async ct =>
        {
            var (first, _) = await SpaceTradersClient.RegisterAgentAsync(options, "FIRST", FactionSymbol.Cosmic, ct);
            var (second, _) = await SpaceTradersClient.RegisterAgentAsync(options, "SECOND", FactionSymbol.Cosmic, ct);
            using (first)
            using (second)
            {
                before = first.ResetDate;
                await clock.DelayAsync(TimeSpan.FromHours(1), ct);
                simulation.Reset();
                serverDate = simulation.ResetDate;

                // The simulator, like the game, rejects the old token on the status read too: the client learns of the
                // reset there and reads the public status again without the token.
                statusDate = (await first.Global.GetStatusAsync(cancellationToken: ct)).ResetDate;
                byStatus = first.DetectedReset?.ResetDate;
                try
                {
                    await second.Fleet.GetMyShipsAsync(cancellationToken: ct);
                }
                catch (ServerResetException ex)
                {
                    rejected = ex;
                    byRejection = ex.ResetDate;
                }
            }
        }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo("2026-01-01"), "the simulator's tokens carry the reset date, as the game's do");
            Assert.That(serverDate, Is.Not.EqualTo(before));
            Assert.That(statusDate, Is.EqualTo(serverDate), "the status read still answers, with the new reset");
            Assert.That(byStatus, Is.EqualTo(serverDate), "the status read found the reset");
            Assert.That(rejected, Is.InstanceOf<ServerResetException>(), "the rejection signal");
            Assert.That(byRejection, Is.EqualTo(serverDate));
        });
    }

    [Test]
    public void The_dependency_injection_client_detects_resets_too()
    {
        _server.Respond("GET", AgentPath, 401, """{"error":{"message":"Expected: 2026-01-11, Actual: 2026-01-04","code":4113,"data":{"expected":"2026-01-11","actual":"2026-01-04"}}}""");
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var template = _server.Options(Token);
        Microsoft.Extensions.DependencyInjection.SpaceTradersServiceCollectionExtensions.AddSpaceTraders(services, options =>
        {
            options.Token = template.Token;
            options.BaseAddress = template.BaseAddress;
            options.Throttling = template.Throttling;
            options.Retry = template.Retry;
        });
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SpaceTradersClient>(provider);

        Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync());
        Assert.ThrowsAsync<ServerResetException>(() => client.Agents.GetMyAgentAsync());

        Assert.That(client.DetectedReset?.ResetDate, Is.EqualTo("2026-01-11"));
        Assert.That(_server.RequestsTo("GET", AgentPath), Has.Count.EqualTo(1));
    }

    private static string Status(string resetDate) => $$"""
        {"status":"SpaceTraders is currently online","version":"v2.3.0","resetDate":"{{resetDate}}","description":"d",
         "stats":{"agents":1,"ships":2,"systems":3,"waypoints":4},
         "leaderboards":{"mostCredits":[],"mostSubmittedCharts":[]},
         "serverResets":{"next":"2026-01-18T13:00:00.000Z","frequency":"weekly"},
         "announcements":[],"links":[]}
        """;

    private static Market Market(string symbol) => new()
    {
        Symbol = symbol,
        Exports = [],
        Imports = [],
        Exchange = [],
    };
}
