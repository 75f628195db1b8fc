using System.Net;
using System.Text.Json;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Errors;

/// <summary>Error responses become <see cref="SpaceTradersApiException"/>; unreadable successes become <see cref="MalformedResponseException"/>.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ErrorMappingTests : FakeApiFixture
{
    private const string ShipPath = "/v2/my/ships/BADGER-1";

    [Test]
    public void A_cooldown_error_carries_the_code_the_cooldown_and_the_request_id()
    {
        Server.Respond("POST", ShipPath + "/extract", 409, """
            {"error":{"message":"Ship action is still on cooldown for 12 second(s).","code":4000,
              "data":{"cooldown":{"shipSymbol":"BADGER-1","totalSeconds":70,"remainingSeconds":12,"expiration":"2025-06-10T13:10:00.000Z"}},
              "requestId":"req-8f2c"}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.ExtractResourcesAsync("BADGER-1"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.CooldownConflict));
            Assert.That(error.ErrorName, Is.EqualTo("cooldownConflictError"));
            Assert.That(error.ErrorMessage, Is.EqualTo("Ship action is still on cooldown for 12 second(s)."));
            Assert.That(error.RequestId, Is.EqualTo("req-8f2c"));
            Assert.That(error.Method, Is.EqualTo("POST"));
            Assert.That(error.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}/extract"));
            Assert.That(error.IsCooldown, Is.True);
            Assert.That(error.Cooldown!.RemainingSeconds, Is.EqualTo(12));
            Assert.That(error.Cooldown.Expiration, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 13, 10, 0, TimeSpan.Zero)));
            Assert.That(error.ErrorData!.Value.GetProperty("cooldown").GetProperty("totalSeconds").GetInt32(), Is.EqualTo(70));
            Assert.That(error.IsShipInTransit, Is.False);
            Assert.That(error.Transit, Is.Null);
            Assert.That(error.Message, Does.Contain("POST /my/ships/{shipSymbol}/extract").And.Contain("409").And.Contain("4000").And.Contain("req-8f2c"));
        });
    }

    [Test]
    public void An_in_transit_error_tells_when_the_ship_arrives()
    {
        Server.Respond("POST", ShipPath + "/dock", 400, """
            {"error":{"message":"Ship is currently in-transit.","code":4214,
              "data":{"departureSymbol":"X1-DF55-B7","destinationSymbol":"X1-DF55-A1","arrival":"2025-06-10T12:05:42.000Z",
                      "departureTime":"2025-06-10T12:00:00.000Z","secondsToArrival":342}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.DockShipAsync("BADGER-1"))!;

        Assert.That(error.IsShipInTransit, Is.True);
        Assert.That(error.Transit, Is.EqualTo(new ShipInTransitError
        {
            DepartureSymbol = "X1-DF55-B7",
            DestinationSymbol = "X1-DF55-A1",
            Arrival = new DateTimeOffset(2025, 6, 10, 12, 5, 42, TimeSpan.Zero),
            DepartureTime = new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero),
            SecondsToArrival = 342,
        }));
        Assert.That(error.IsCooldown, Is.False);
        Assert.That(error.Cooldown, Is.Null);
    }

    [TestCase(4224, 409, true, false)]
    [TestCase(4221, 400, false, true)]
    public void Survey_errors_say_whether_the_survey_is_exhausted_or_expired(int code, int status, bool exhausted, bool expired)
    {
        Server.Respond("POST", ShipPath + "/extract/survey", status, $$$"""{"error":{"message":"Survey unusable.","code":{{{code}}}}}""");

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.ExtractResourcesWithSurveyAsync("BADGER-1", Survey()))!;

        Assert.That(error.IsSurveyExhausted, Is.EqualTo(exhausted));
        Assert.That(error.IsSurveyExpired, Is.EqualTo(expired));
        Assert.That((int)error.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public void A_market_purchase_without_credits_gives_the_credits_available_and_needed()
    {
        Server.Respond("POST", ShipPath + "/purchase", 400, """
            {"error":{"message":"Agent has insufficient funds.","code":4600,
              "data":{"agentCredits":1200,"totalPrice":5200,"tradeSymbol":"FUEL","units":100,"purchasePrice":52}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.PurchaseCargoAsync("BADGER-1", TradeSymbol.Fuel, 100))!;

        Assert.That(error.IsInsufficientCredits, Is.True);
        Assert.That(error.InsufficientCredits, Is.EqualTo(new InsufficientCreditsError
        {
            CreditsAvailable = 1200,
            CreditsNeeded = 5200,
            TradeSymbol = TradeSymbol.Fuel,
            Units = 100,
            PricePerUnit = 52,
        }));
    }

    [Test]
    public void A_ship_purchase_without_credits_gives_the_credits_available_and_needed()
    {
        Server.Respond("POST", "/v2/my/ships", 400, """
            {"error":{"message":"Insufficient credits.","code":4216,"data":{"creditsAvailable":175000,"creditsNeeded":2500000}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.PurchaseShipAsync(ShipType.ShipOreHound, "X1-DF55-A1"))!;

        Assert.That(error.IsInsufficientCredits, Is.True);
        Assert.That(error.InsufficientCredits!.CreditsAvailable, Is.EqualTo(175000));
        Assert.That(error.InsufficientCredits.CreditsNeeded, Is.EqualTo(2500000));
        Assert.That(error.InsufficientCredits.TradeSymbol, Is.Null);
    }

    [TestCase(4265)]
    [TestCase(4248)]
    [TestCase(4268)]
    public void Other_insufficient_credit_codes_are_recognised(int code)
    {
        Server.Respond("POST", ShipPath + "/mounts/install", 400, $$$"""{"error":{"message":"Not enough credits.","code":{{{code}}}}}""");

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.InstallMountAsync("BADGER-1", ShipMountSymbol.MountSurveyorI))!;

        Assert.That(error.IsInsufficientCredits, Is.True);
        Assert.That(error.InsufficientCredits, Is.EqualTo(new InsufficientCreditsError()));
    }

    [Test]
    public void Cargo_full_and_insufficient_fuel_are_recognised()
    {
        Server.Respond("POST", ShipPath + "/extract", 400, """{"error":{"message":"Cargo full.","code":4228,"data":{"shipSymbol":"BADGER-1"}}}""");
        Server.Respond("POST", ShipPath + "/navigate", 400, """
            {"error":{"message":"Not enough fuel.","code":4203,"data":{"shipSymbol":"BADGER-1","fuelRequired":120,"fuelAvailable":40}}}
            """);

        var full = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.ExtractResourcesAsync("BADGER-1"))!;
        var fuel = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.NavigateShipAsync("BADGER-1", "X1-DF55-Z9"))!;

        Assert.That(full.IsCargoFull, Is.True);
        Assert.That(full.IsInsufficientCredits, Is.False);
        Assert.That(fuel.IsCargoFull, Is.False);
        Assert.That(fuel.InsufficientFuel, Is.EqualTo(new InsufficientFuelError { ShipSymbol = "BADGER-1", FuelRequired = 120, FuelAvailable = 40 }));
    }

    [Test]
    public void An_unknown_code_still_gives_its_code_data_and_message()
    {
        Server.Respond("POST", ShipPath + "/orbit", 400, """{"error":{"message":"Something new.","code":4999,"data":{"answer":42}}}""");

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.OrbitShipAsync("BADGER-1"))!;

        Assert.That(error.ErrorCode, Is.EqualTo(4999));
        Assert.That(error.ErrorName, Is.Null);
        Assert.That(error.ErrorData!.Value.GetProperty("answer").GetInt32(), Is.EqualTo(42));
        Assert.That(error.GetErrorData(SpaceTradersJsonTestContext.Default.AnswerData), Is.EqualTo(new AnswerData { Answer = 42 }));
    }

    [Test]
    public void A_429_from_the_game_gives_the_rate_limit_details()
    {
        Server.Respond("GET", "/v2/my/agent", 429, """
            {"error":{"message":"You have reached your API limit.","code":429,
              "data":{"type":"IP Address","retryAfter":1,"limitBurst":30,"limitPerSecond":2,"remaining":0,"reset":"2025-06-10T12:00:01.000Z"}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.That(error.IsRateLimited, Is.True);
        Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.RateLimited));
        Assert.That(error.RateLimit, Is.EqualTo(new RateLimitError
        {
            Type = "IP Address",
            RetryAfter = 1,
            LimitBurst = 30,
            LimitPerSecond = 2,
            Remaining = 0,
            Reset = new DateTimeOffset(2025, 6, 10, 12, 0, 1, TimeSpan.Zero),
        }));
    }

    [TestCase(429, "text/html", "<html><head><title>429</title></head><body>429 Too Many Requests</body></html>")]
    [TestCase(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [TestCase(503, "text/plain", "upstream connect error")]
    public void A_non_json_error_body_still_gives_the_status_and_no_game_code(int status, string contentType, string body)
    {
        Server.Respond("GET", "/v2/my/agent", status, body, contentType);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That((int)error.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.ErrorData, Is.Null);
            Assert.That(error.RawContent, Is.EqualTo(body));
            Assert.That(error.Endpoint, Is.EqualTo("/my/agent"));
            Assert.That(error.Message, Does.Contain(contentType).And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(error.IsRateLimited, Is.EqualTo(status == 429));
            Assert.That(error.RateLimit, Is.Null);
        });
    }

    /// <summary>
    /// Some errors come from the server's web framework, not the game (an unknown route, some 404s):
    /// <c>{"message", "error", "statusCode"}</c> with no game code. Their message still says what went wrong.
    /// </summary>
    [TestCase("""{"message":"Cannot GET /v2/my/agent","error":"Not Found","statusCode":404}""", 404, "Cannot GET /v2/my/agent")]
    [TestCase("""{"message":["units must be a positive number","units must be an integer"],"error":"Bad Request","statusCode":400}""", 400, "units must be a positive number; units must be an integer")]
    public void A_framework_error_body_gives_its_message_and_no_game_code(string body, int status, string message)
    {
        Server.Respond("GET", "/v2/my/agent", status, body);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That((int)error.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.ErrorMessage, Is.EqualTo(message));
            Assert.That(error.RawContent, Is.EqualTo(body));
            Assert.That(error.Message, Does.Contain("not a SpaceTraders error").And.EndWith(": " + message));
        });
    }

    [Test]
    public void A_validation_error_names_its_fields_in_the_message()
    {
        Server.Respond("POST", ShipPath + "/purchase", 422, """
            {"error":{"message":"Request failed validation.","code":422,"data":{"units":["Number must be greater than or equal to 1"],"symbol":["Invalid enum value"]}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.PurchaseCargoAsync("BADGER-1", TradeSymbol.IronOre, 0))!;

        Assert.That(error.ErrorMessage, Is.EqualTo("Request failed validation."), "the server's message, as sent");
        Assert.That(error.Message, Does.EndWith("Request failed validation. (units: Number must be greater than or equal to 1; symbol: Invalid enum value)"));
    }

    [TestCase(404, """{"error":{"message":"Waypoint X1-DF55-Z9 not found.","code":404}}""", "HTTP 404 NotFound: Waypoint X1-DF55-Z9 not found.")]
    [TestCase(429, """{"error":{"message":"You have reached your API limit.","code":429}}""", "HTTP 429 TooManyRequests (rateLimitError): You have reached your API limit.")]
    [TestCase(409, """{"error":{"message":"Ship action is still on cooldown for 12 second(s).","code":4000}}""", "HTTP 409 Conflict, game error 4000 (cooldownConflictError): Ship action is still on cooldown for 12 second(s).")]
    public void A_code_that_is_the_http_status_is_not_called_a_game_error(int status, string body, string expected)
    {
        Server.Respond("GET", "/v2/my/agent", status, body);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.That(error.ErrorCode, Is.Not.Null, "the code is kept as sent");
        Assert.That(error.Message, Does.EndWith(" failed: " + expected));
    }

    [Test]
    public void A_validation_error_whose_message_names_the_field_is_not_repeated()
    {
        Server.Respond("POST", ShipPath + "/purchase", 422, """
            {"error":{"message":"units must be a whole number of at least 1.","code":422,"data":{"units":["units must be a whole number of at least 1."]}}}
            """);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Fleet.PurchaseCargoAsync("BADGER-1", TradeSymbol.IronOre, 0))!;

        Assert.That(error.Message, Does.EndWith("HTTP 422 UnprocessableEntity: units must be a whole number of at least 1."));
    }

    [Test]
    public void A_missing_token_error_says_which_option_to_set_when_the_client_has_none()
    {
        const string Body = """{"error":{"message":"Missing bearer token in request.","code":4103}}""";
        Server.Respond("GET", "/v2/my/agent", 401, Body);
        using var anonymous = new SpaceTradersClient(Server.Options(token: null));

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => anonymous.Agents.GetMyAgentAsync())!;
        var withToken = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.That(error.ErrorMessage, Is.EqualTo("Missing bearer token in request."));
        Assert.That(error.Message, Does.EndWith("Missing bearer token in request. The client sent no token: set SpaceTradersClientOptions.Token to the agent's token (SpaceTradersClient.RegisterAgentAsync returns a client with it)."));
        Assert.That(withToken.Message, Does.EndWith("Missing bearer token in request."), "a client that sent its token is not told to set one");
    }

    [Test]
    public void A_missing_account_token_error_says_to_set_the_account_token()
    {
        Server.Respond("POST", "/v2/register", 401, """{"error":{"message":"Missing account token.","code":4116}}""");
        using var anonymous = new SpaceTradersClient(Server.Options(token: null));

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => anonymous.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic))!;

        Assert.That(error.Message, Does.EndWith("set SpaceTradersClientOptions.AccountToken to the account token from the SpaceTraders dashboard."));
    }

    [Test]
    public void An_error_without_a_body_still_gives_the_status()
    {
        Server.Respond("GET", "/v2/my/agent", 500, string.Empty);

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(error.ErrorCode, Is.Null);
    }

    [TestCase("{\"data\":{\"symbol\":\"BADGER-1\",", TestName = "Truncated JSON")]
    [TestCase("<html>oops</html>", TestName = "HTML instead of JSON")]
    [TestCase("", TestName = "Empty body")]
    public void A_success_with_an_unreadable_body_names_the_endpoint(string body)
    {
        Server.Respond("GET", ShipPath, 200, body);

        var error = Assert.ThrowsAsync<MalformedResponseException>(() => Client.Fleet.GetMyShipAsync("BADGER-1"))!;

        Assert.That(error.Method, Is.EqualTo("GET"));
        Assert.That(error.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}"));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(error.Message, Does.Contain("GET /my/ships/{shipSymbol}"));
        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
    }

    [TestCase("{\"data\":{\"nav\":{}}}", "data.symbol", false, TestName = "A ship without its symbol")]
    [TestCase("{\"data\":{\"symbol\":null}}", "data.symbol", true, TestName = "A ship whose symbol is null")]
    [TestCase("{\"data\":null}", "data", true, TestName = "data is null")]
    [TestCase("{}", "data", false, TestName = "No data")]
    public void A_success_without_a_field_the_client_cannot_act_without_names_the_field(string body, string field, bool wasNull)
    {
        // A missing field the client can do without is read as its default instead (see TolerantReadingTests).
        Server.Respond("GET", ShipPath, 200, body);

        var error = Assert.ThrowsAsync<RequiredFieldMissingException>(() => Client.Fleet.GetMyShipAsync("BADGER-1"))!;

        Assert.That(error, Is.InstanceOf<MalformedResponseException>());
        Assert.That(error.Field, Is.EqualTo(field));
        Assert.That(error.WasNull, Is.EqualTo(wasNull));
        Assert.That(error.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}"));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(error.Message, Does.Contain("GET /my/ships/{shipSymbol}").And.Contain(field));
    }

    [Test]
    public void The_token_never_appears_in_an_exception_even_when_the_server_echoes_it()
    {
        Server.Respond("GET", "/v2/my/agent", 401, $$$"""
            {"error":{"message":"Token {{{FakeApiServer.Token}}} is invalid.","code":4104,"requestId":"{{{FakeApiServer.Token}}}"}}
            """);
        Server.Respond("GET", "/v2/my/contracts", 502, $"<html>bad gateway for Bearer {FakeApiServer.Token}</html>", "text/html");
        Server.Respond("GET", ShipPath, 200, "{\"data\":");

        var game = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Agents.GetMyAgentAsync())!;
        var proxy = Assert.ThrowsAsync<SpaceTradersApiException>(() => Client.Contracts.GetContractsAsync())!;
        var malformed = Assert.ThrowsAsync<MalformedResponseException>(() => Client.Fleet.GetMyShipAsync("BADGER-1"))!;

        Assert.That(Server.Requests.Select(r => r.Headers!["Authorization"].Single()), Has.All.EqualTo("Bearer " + FakeApiServer.Token), "the token was sent");
        foreach (var exception in new Exception[] { game, proxy, malformed })
        {
            Assert.That(exception.ToString(), Does.Not.Contain("agent-token-SECRET"));
        }

        Assert.That(game.ErrorMessage, Is.EqualTo("Token [redacted] is invalid."));
        Assert.That(game.RequestId, Is.EqualTo("[redacted]"));
        Assert.That(proxy.RawContent, Does.Not.Contain("agent-token-SECRET"));
    }

    [Test]
    public void Exceptions_built_by_hand_read_their_data_like_mapped_ones()
    {
        using var data = JsonDocument.Parse("""{"cooldown":{"shipSymbol":"BADGER-1","totalSeconds":70,"remainingSeconds":5}}""");

        var error = new SpaceTradersApiException(HttpStatusCode.Conflict, ErrorCodes.CooldownConflict, "On cooldown.", data.RootElement);

        Assert.That(error.Cooldown!.RemainingSeconds, Is.EqualTo(5));
        Assert.That(error.Cooldown.Expiration, Is.Null);
        Assert.That(error.Message, Is.EqualTo("HTTP 409 Conflict, game error 4000 (cooldownConflictError): On cooldown."));
    }

    private static Survey Survey() => new()
    {
        Signature = "X1-DF55-B7-BD8B6B",
        Symbol = "X1-DF55-B7",
        Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }],
        Expiration = new DateTimeOffset(2025, 6, 10, 13, 10, 0, TimeSpan.Zero),
        Size = SurveySize.Small,
    };
}

public sealed record AnswerData
{
    public int Answer { get; init; }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(AnswerData))]
internal sealed partial class SpaceTradersJsonTestContext : System.Text.Json.Serialization.JsonSerializerContext;
