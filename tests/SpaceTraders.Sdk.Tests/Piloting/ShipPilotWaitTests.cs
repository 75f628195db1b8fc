using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Piloting;

/// <summary>
/// The two refusals the pilot waits out: a cooldown (4000) and a ship still in transit (4214). It waits, in virtual
/// time, until the time the error gives and tries once more, and only once.
/// </summary>
[TestFixture]
public sealed class ShipPilotWaitTests
{
    private const string ShipSymbol = "BADGER-1";

    [Test]
    public async Task Docking_a_second_before_the_server_counts_the_arrival_waits_for_the_arrival_it_gives_and_docks_again()
    {
        using var clock = new VirtualClock();
        var arrival = clock.GetUtcNow().AddSeconds(10);
        var serverArrival = arrival.AddSeconds(1);
        var transport = new GameTransport(clock, (request, n) => n == 1 ? InTransit(serverArrival) : Answer("dock-ship"));

        await PlayAsync(clock, transport, Ship(status: "IN_TRANSIT", arrival: arrival), (pilot, ct) => pilot.DockAsync(ct));

        Assert.That(transport.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v2/my/ships/BADGER-1/dock", "/v2/my/ships/BADGER-1/dock" }));
        // Server timestamps are whole milliseconds cut from a finer clock, so each wait ends a millisecond after the time.
        Assert.That(transport.Calls[0].At, Is.EqualTo(arrival.AddMilliseconds(1)), "the pilot docked at the arrival it knew");
        Assert.That(transport.Calls[1].At, Is.EqualTo(serverArrival.AddMilliseconds(1)), "and again at the arrival the error gave");
    }

    [Test]
    public async Task An_extraction_refused_for_a_cooldown_waits_for_its_expiry_and_extracts_again()
    {
        using var clock = new VirtualClock();
        var expiry = clock.GetUtcNow().AddSeconds(37);
        var transport = new GameTransport(clock, (request, n) => n == 1 ? Cooldown(expiry, remaining: 37) : Answer("extract-resources", 201));

        Extraction? extraction = null;
        await PlayAsync(clock, transport, Ship(status: "IN_ORBIT"), async (pilot, ct) => extraction = await pilot.ExtractAsync(survey: null, ct));

        Assert.That(extraction, Is.Not.Null);
        Assert.That(transport.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v2/my/ships/BADGER-1/extract", "/v2/my/ships/BADGER-1/extract" }));
        Assert.That(transport.Calls[1].At, Is.EqualTo(expiry.AddMilliseconds(1)));
    }

    [Test]
    public void A_second_in_transit_refusal_is_thrown_the_pilot_tries_once_more_only()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new GameTransport(clock, (_, n) => InTransit(clock.GetUtcNow().AddSeconds(5)));

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => PlayAsync(clock, transport, Ship(status: "IN_ORBIT"), (pilot, ct) => pilot.JettisonAsync(TradeSymbol.IronOre, 1, ct)))!;

        Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.ShipInTransit));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
        Assert.That(transport.Calls[1].At - start, Is.EqualTo(TimeSpan.FromSeconds(5.001)));
    }

    [Test]
    public void A_second_cooldown_refusal_is_thrown_the_pilot_tries_once_more_only()
    {
        using var clock = new VirtualClock();
        var transport = new GameTransport(clock, (_, _) => Cooldown(clock.GetUtcNow().AddSeconds(3), remaining: 3));

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => PlayAsync(clock, transport, Ship(status: "IN_ORBIT"), (pilot, ct) => pilot.SurveyAsync(ct)))!;

        Assert.That(error.IsCooldown, Is.True);
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
    }

    /// <summary>A survey the server cannot verify (4220) is retired and the pilot extracts without it, as after 4224 or 4221.</summary>
    [Test]
    public async Task An_extraction_refused_for_a_survey_the_server_cannot_verify_retires_it_and_extracts_without_it()
    {
        using var clock = new VirtualClock();
        var survey = new Survey
        {
            Signature = "X1-DF55-AF1-BAD",
            Symbol = "X1-DF55-AF1",
            Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }],
            Expiration = clock.GetUtcNow().AddHours(1),
            Size = SurveySize.Small,
        };
        var transport = new GameTransport(clock, (request, n) => n == 1
            ? GameError(HttpStatusCode.BadRequest, ErrorCodes.ShipSurveyVerification, new JsonObject { ["signature"] = survey.Signature, ["symbol"] = survey.Symbol })
            : Answer("extract-resources", 201));
        Extraction? extraction = null;
        SpaceTraders.Sdk.Caches.SurveyStatus status = default;

        SpaceTradersClient? shared = null;

        await PlayAsync(
            clock,
            transport,
            Ship(status: "IN_ORBIT"),
            async (pilot, ct) =>
            {
                extraction = await pilot.ExtractAsync(survey, ct);
                status = shared!.Surveys.GetStatus(survey.Signature);
            },
            client =>
            {
                shared = client;
                client.Surveys.Add(survey);
            });

        Assert.That(extraction, Is.Not.Null);
        Assert.That(transport.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v2/my/ships/BADGER-1/extract/survey", "/v2/my/ships/BADGER-1/extract" }));
        Assert.That(status, Is.EqualTo(SpaceTraders.Sdk.Caches.SurveyStatus.Invalid));
    }

    [Test]
    public void Other_game_errors_are_not_retried()
    {
        using var clock = new VirtualClock();
        var transport = new GameTransport(clock, (_, _) => GameError(HttpStatusCode.BadRequest, 4203, new JsonObject { ["shipSymbol"] = ShipSymbol, ["fuelRequired"] = 10, ["fuelAvailable"] = 1 }));

        Assert.ThrowsAsync<SpaceTradersApiException>(() => PlayAsync(clock, transport, Ship(status: "IN_ORBIT"), (pilot, ct) => pilot.JettisonAsync(TradeSymbol.IronOre, 1, ct)));

        Assert.That(transport.Calls, Has.Count.EqualTo(1));
    }

    private static async Task PlayAsync(VirtualClock clock, GameTransport transport, JsonObject ship, Func<ShipPilot, CancellationToken, Task> play, Action<SpaceTradersClient>? prepare = null)
    {
        var options = new SpaceTradersClientOptions
        {
            Token = "token",
            BaseAddress = new Uri("https://api.example.test/v2/"),
            TimeProvider = clock,
            Transport = transport,
            Throttling = new ThrottlingOptions { Enabled = false },
        };
        using var client = new SpaceTradersClient(options);
        client.State.Apply(JsonSerializer.Deserialize<Ship>(ship.ToJsonString(), SpaceTradersJson.Options)!);
        prepare?.Invoke(client);
        var pilot = new ShipPilot(client, ShipSymbol);
        await clock.RunActorAsync("pilot", ct => play(pilot, ct), CancellationToken.None);
    }

    private static JsonObject Ship(string status, DateTimeOffset? arrival = null)
    {
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!["data"]!.DeepClone().AsObject();
        ship["symbol"] = ShipSymbol;
        ship["nav"]!["status"] = status;
        ship["nav"]!["route"]!["arrival"] = (arrival ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToString("O");
        ship["cooldown"] = new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = 0, ["remainingSeconds"] = 0 };
        ship["cargo"] = new JsonObject
        {
            ["capacity"] = 40,
            ["units"] = 5,
            ["inventory"] = new JsonArray(new JsonObject { ["symbol"] = "IRON_ORE", ["name"] = "Iron ore", ["description"] = "Ore.", ["units"] = 5 }),
        };
        return ship;
    }

    private static HttpResponseMessage Answer(string operationId, int status = 200)
        => new((HttpStatusCode)status) { Content = new StringContent(Fixtures.Read(operationId), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage InTransit(DateTimeOffset arrival)
        => GameError(HttpStatusCode.BadRequest, ErrorCodes.ShipInTransit, new JsonObject
        {
            ["departureSymbol"] = "X1-DF55-B7",
            ["destinationSymbol"] = "X1-DF55-A1",
            ["arrival"] = arrival.ToString("O"),
            ["departureTime"] = arrival.AddMinutes(-5).ToString("O"),
            ["secondsToArrival"] = 1,
        });

    private static HttpResponseMessage Cooldown(DateTimeOffset expiration, int remaining)
        => GameError(HttpStatusCode.Conflict, ErrorCodes.CooldownConflict, new JsonObject
        {
            ["cooldown"] = new JsonObject { ["shipSymbol"] = ShipSymbol, ["totalSeconds"] = 70, ["remainingSeconds"] = remaining, ["expiration"] = expiration.ToString("O") },
        });

    private static HttpResponseMessage GameError(HttpStatusCode status, int code, JsonNode data)
        => new(status)
        {
            Content = new StringContent(new JsonObject { ["error"] = new JsonObject { ["message"] = "refused", ["code"] = code, ["data"] = data } }.ToJsonString(), Encoding.UTF8, "application/json"),
        };

    /// <summary>Answers every request from a script, recording when (on the virtual clock) each arrived.</summary>
    private sealed class GameTransport(VirtualClock clock, Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _count;

        public List<(DateTimeOffset At, string Path)> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((clock.GetUtcNow(), request.RequestUri!.AbsolutePath));
            }

            return Task.FromResult(answer(request, Interlocked.Increment(ref _count)));
        }
    }
}
