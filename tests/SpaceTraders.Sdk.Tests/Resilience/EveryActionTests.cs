using System.Net;
using System.Text;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Resilience;

/// <summary>
/// Every action of the catalog, answered 504: an idempotent one is retried; any other is sent exactly once and ends
/// in a result rebuilt from its read-back or in the typed outcome-unknown error, never in a resend or a raw 504.
/// </summary>
[TestFixture]
public sealed class EveryActionTests
{
    private const string Ship = "BADGER-1";

    private static readonly Dictionary<string, Func<SpaceTradersClient, CancellationToken, Task>> Actions = new(StringComparer.Ordinal)
    {
        ["register"] = (c, ct) => c.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic, cancellationToken: ct),
        ["accept-contract"] = (c, ct) => c.Contracts.AcceptContractAsync("contract-1", cancellationToken: ct),
        ["deliver-contract"] = (c, ct) => c.Contracts.DeliverContractAsync("contract-1", Ship, TradeSymbol.IronOre, 1, cancellationToken: ct),
        ["fulfill-contract"] = (c, ct) => c.Contracts.FulfillContractAsync("contract-1", cancellationToken: ct),
        ["purchase-ship"] = (c, ct) => c.Fleet.PurchaseShipAsync(new ShipType("SHIP_MINING_DRONE"), "X1-DF55-A1", cancellationToken: ct),
        ["create-chart"] = (c, ct) => c.Fleet.CreateChartAsync(Ship, cancellationToken: ct),
        ["extract-resources"] = (c, ct) => c.Fleet.ExtractResourcesAsync(Ship, cancellationToken: ct),
        ["extract-resources-with-survey"] = (c, ct) => c.Fleet.ExtractResourcesWithSurveyAsync(Ship, Survey(), cancellationToken: ct),
        ["jettison"] = (c, ct) => c.Fleet.JettisonCargoAsync(Ship, TradeSymbol.IronOre, 1, cancellationToken: ct),
        ["jump-ship"] = (c, ct) => c.Fleet.JumpShipAsync(Ship, "X1-AB12-C3", cancellationToken: ct),
        ["install-ship-module"] = (c, ct) => c.Fleet.InstallShipModuleAsync(Ship, new ShipModuleSymbol("MODULE_CARGO_HOLD_I"), cancellationToken: ct),
        ["remove-ship-module"] = (c, ct) => c.Fleet.RemoveShipModuleAsync(Ship, new ShipModuleSymbol("MODULE_CARGO_HOLD_I"), cancellationToken: ct),
        ["install-mount"] = (c, ct) => c.Fleet.InstallMountAsync(Ship, new ShipMountSymbol("MOUNT_SURVEYOR_I"), cancellationToken: ct),
        ["remove-mount"] = (c, ct) => c.Fleet.RemoveMountAsync(Ship, new ShipMountSymbol("MOUNT_SURVEYOR_I"), cancellationToken: ct),
        ["navigate-ship"] = (c, ct) => c.Fleet.NavigateShipAsync(Ship, "X1-DF55-B7", cancellationToken: ct),
        ["negotiate-contract"] = (c, ct) => c.Fleet.NegotiateContractAsync(Ship, cancellationToken: ct),
        ["purchase-cargo"] = (c, ct) => c.Fleet.PurchaseCargoAsync(Ship, TradeSymbol.IronOre, 1, cancellationToken: ct),
        ["ship-refine"] = (c, ct) => c.Fleet.RefineShipAsync(Ship, TradeSymbol.Iron, cancellationToken: ct),
        ["refuel-ship"] = (c, ct) => c.Fleet.RefuelShipAsync(Ship, cancellationToken: ct),
        ["repair-ship"] = (c, ct) => c.Fleet.RepairShipAsync(Ship, cancellationToken: ct),
        ["create-ship-ship-scan"] = (c, ct) => c.Fleet.CreateShipShipScanAsync(Ship, cancellationToken: ct),
        ["create-ship-system-scan"] = (c, ct) => c.Fleet.CreateShipSystemScanAsync(Ship, cancellationToken: ct),
        ["create-ship-waypoint-scan"] = (c, ct) => c.Fleet.CreateShipWaypointScanAsync(Ship, cancellationToken: ct),
        ["scrap-ship"] = (c, ct) => c.Fleet.ScrapShipAsync(Ship, cancellationToken: ct),
        ["sell-cargo"] = (c, ct) => c.Fleet.SellCargoAsync(Ship, TradeSymbol.IronOre, 1, cancellationToken: ct),
        ["siphon-resources"] = (c, ct) => c.Fleet.SiphonResourcesAsync(Ship, cancellationToken: ct),
        ["create-survey"] = (c, ct) => c.Fleet.CreateSurveyAsync(Ship, cancellationToken: ct),
        ["transfer-cargo"] = (c, ct) => c.Fleet.TransferCargoAsync(Ship, "BADGER-2", TradeSymbol.IronOre, 1, cancellationToken: ct),
        ["warp-ship"] = (c, ct) => c.Fleet.WarpShipAsync(Ship, "X1-AB12-C3", cancellationToken: ct),
        ["supply-construction"] = (c, ct) => c.Systems.SupplyConstructionAsync("X1-DF55", "X1-DF55-A1", Ship, TradeSymbol.FabMats, 1, cancellationToken: ct),
        ["orbit-ship"] = (c, ct) => c.Fleet.OrbitShipAsync(Ship, cancellationToken: ct),
        ["dock-ship"] = (c, ct) => c.Fleet.DockShipAsync(Ship, cancellationToken: ct),
        ["patch-ship-nav"] = (c, ct) => c.Fleet.PatchShipNavAsync(Ship, ShipNavFlightMode.Burn, cancellationToken: ct),
    };

    public static IEnumerable<TestCaseData> NonIdempotent()
        => EndpointCatalog.All.Where(e => !e.IsIdempotent).Select(e => new TestCaseData(e.OperationId).SetName("An action answered 504 is sent once: " + e.OperationId));

    public static IEnumerable<TestCaseData> Idempotent()
        => EndpointCatalog.All.Where(e => e.IsIdempotent && !e.IsSafe).Select(e => new TestCaseData(e.OperationId).SetName("An idempotent action answered 504 is retried: " + e.OperationId));

    [Test]
    public void Every_action_of_the_catalog_is_tried_here()
        => Assert.That(Actions.Keys, Is.EquivalentTo(EndpointCatalog.All.Where(e => !e.IsSafe).Select(e => e.OperationId)));

    [TestCaseSource(nameof(NonIdempotent))]
    public Task An_action_answered_504_is_sent_once_and_reconciled_or_reported(string operationId)
        => AssertSentOnceAndReconciledAsync(operationId, new GameTransport(_ => false), OutcomeUnknownCause.GatewayError);

    public static IEnumerable<TestCaseData> NonIdempotentServerSide()
        => EndpointCatalog.All.Where(e => !e.IsIdempotent).Select(e => new TestCaseData(e.OperationId).SetName("An action answered 500 with code 3000 is sent once: " + e.OperationId));

    /// <summary>
    /// The live server's <c>responseSerializationError</c> (3000) comes after the action ran, while its answer was
    /// written: a 500 with that code is an unknown outcome to reconcile, not a game refusal returned as one (a caller
    /// that took it for "not done" would buy, sell or extract a second time).
    /// </summary>
    [TestCaseSource(nameof(NonIdempotentServerSide))]
    public Task An_action_answered_500_with_a_server_side_code_is_sent_once_and_reconciled_or_reported(string operationId)
        => AssertSentOnceAndReconciledAsync(operationId, new GameTransport(_ => false, ServerSideError), OutcomeUnknownCause.ServerError);

    /// <summary>
    /// Plays one action against a transport whose first answer leaves the outcome unknown: the action is sent once,
    /// never resent blindly, and ends with a result rebuilt from a read-back or a typed <see cref="RequestOutcomeUnknownException"/>.
    /// </summary>
    private static async Task AssertSentOnceAndReconciledAsync(string operationId, GameTransport transport, OutcomeUnknownCause cause)
    {
        var endpoint = EndpointCatalog.FindByOperationId(operationId)!;
        using var clock = new VirtualClock();
        var observer = new Records();
        Exception? failure = null;

        await PlayAsync(clock, transport, observer, async (client, ct) =>
        {
            try
            {
                await Actions[operationId](client, ct);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });

        var sends = observer.All.Where(r => r.Method == endpoint.Method && r.Endpoint == endpoint.Template).ToList();
        Assert.That(sends, Has.Count.EqualTo(1), "one logical call");
        Assert.That(sends[0].Attempts, Is.EqualTo(1), "sent once: never resent blindly");
        Assert.That(failure, Is.Null.Or.InstanceOf<RequestOutcomeUnknownException>(), "a result rebuilt from the read-back, or the typed error");
        if (failure is RequestOutcomeUnknownException unknown)
        {
            Assert.That(unknown.RequestId, Is.EqualTo(sends[0].RequestId));
            Assert.That(unknown.Cause, Is.EqualTo(cause));
        }

        if (operationId != "register")
        {
            Assert.That(observer.All.Count(r => r.Method == "GET"), Is.GreaterThan(0), "the state was read back");
        }
    }

    [Test]
    public async Task A_read_answered_500_with_a_server_side_code_is_retried()
    {
        using var clock = new VirtualClock();
        var reads = 0;
        var transport = new GameTransport(_ => true, ServerSideError, failRead: () => Interlocked.Increment(ref reads) == 1);
        var observer = new Records();

        await PlayAsync(clock, transport, observer, (client, ct) => client.Agents.GetMyAgentAsync(cancellationToken: ct));

        var read = observer.All.Single(r => r.Method == "GET");
        Assert.That((read.Attempts, read.StatusCode), Is.EqualTo((2, 200)));
    }

    [TestCaseSource(nameof(Idempotent))]
    public async Task An_idempotent_action_answered_504_is_retried_and_succeeds(string operationId)
    {
        var endpoint = EndpointCatalog.FindByOperationId(operationId)!;
        using var clock = new VirtualClock();
        var transport = new GameTransport(count => count > 1);
        var observer = new Records();

        await PlayAsync(clock, transport, observer, (client, ct) => Actions[operationId](client, ct));

        var send = observer.All.Single(r => r.Method == endpoint.Method && r.Endpoint == endpoint.Template);
        Assert.That((send.Attempts, send.StatusCode), Is.EqualTo((2, 200)));
        Assert.That(observer.All.Count(r => r.Method == "GET"), Is.Zero, "nothing to reconcile");
    }

    private static async Task PlayAsync(VirtualClock clock, GameTransport transport, Records observer, Func<SpaceTradersClient, CancellationToken, Task> play)
    {
        var options = new SpaceTradersClientOptions
        {
            Token = "token",
            AccountToken = "account",
            BaseAddress = new Uri("https://api.example.test/v2/"),
            TimeProvider = clock,
            Transport = transport,
            Throttling = new ThrottlingOptions { Enabled = false },
            Retry = new RetryOptions { JitterSeed = 1, ResendWhenNotApplied = false },
        };
        options.Observers.Add(observer);
        using var client = new SpaceTradersClient(options);
        await clock.RunActorAsync("action", ct => play(client, ct), CancellationToken.None);
    }

    private static Survey Survey() => new()
    {
        Signature = "X1-DF55-B7-BD8B6B",
        Symbol = "X1-DF55-B7",
        Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }],
        Expiration = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Size = SurveySize.Small,
    };

    /// <summary>A 500 whose body carries the live server's <c>responseSerializationError</c> code (3000).</summary>
    private static HttpResponseMessage ServerSideError() => new(HttpStatusCode.InternalServerError)
    {
        Content = new StringContent("""{"error":{"message":"Failed to serialize the response.","code":3000,"requestId":"req-3000"}}""", Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage GatewayTimeout() => new(HttpStatusCode.GatewayTimeout)
    {
        Content = new StringContent("<html><title>504 Gateway Time-out</title></html>", Encoding.UTF8, "text/html"),
    };

    /// <summary>
    /// Answers every action with <c>failure</c> (504 unless given; until <c>succeedFrom</c> says otherwise), a read
    /// with <c>failure</c> while <c>failRead</c> says so, and every other read with its operation's fixture.
    /// </summary>
    private sealed class GameTransport(Func<int, bool> succeedFrom, Func<HttpResponseMessage>? failure = null, Func<bool>? failRead = null) : HttpMessageHandler
    {
        private int _actions;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath["/v2".Length..];
            var endpoint = EndpointCatalog.Find(request.Method.Method, path)!;
            if ((!endpoint.IsSafe && !succeedFrom(Interlocked.Increment(ref _actions))) || (endpoint.IsSafe && failRead?.Invoke() == true))
            {
                return Task.FromResult((failure ?? GatewayTimeout)());
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Fixtures.Read(endpoint.OperationId), Encoding.UTF8, "application/json"),
            });
        }
    }

    private sealed class Records : IRequestObserver
    {
        private readonly List<RequestRecord> _records = [];

        public IReadOnlyList<RequestRecord> All
        {
            get
            {
                lock (_records)
                {
                    return [.. _records];
                }
            }
        }

        public void OnRequestCompleted(RequestRecord record)
        {
            lock (_records)
            {
                _records.Add(record);
            }
        }
    }
}
