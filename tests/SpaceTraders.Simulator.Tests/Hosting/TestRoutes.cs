using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Hosting;

/// <summary>
/// A small stand-in API for pipeline tests, independent of the game: register, an agent route, an optional-agent
/// route with paging, a ship action that takes the ship lock, and handlers that fail.
/// </summary>
internal sealed class TestRoutes
{
    public static readonly JsonTypeInfo<JsonNode> Json = (JsonTypeInfo<JsonNode>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonNode));

    private int _actions;

    /// <summary>Gets how many ship actions the handler has run (faults that drop the request do not reach it).</summary>
    public int Actions => Volatile.Read(ref _actions);

    public static (Simulation Simulation, TestRoutes Routes) Create(TimeProvider clock, Action<SimulationOptions>? configure = null)
    {
        var options = new SimulationOptions { Seed = 7, Clock = clock };
        configure?.Invoke(options);
        var routes = new TestRoutes();
        return (new Simulation(options, routes.Map), routes);
    }

    public void Map(RouteTable table)
    {
        table.Map("POST", "/register", Register, RouteAuth.Account);
        table.Map("GET", "/", request => SimResponse.Ok(new JsonObject { ["status"] = "up", ["agent"] = request.AgentSymbol }, Json), RouteAuth.OptionalAgent);
        table.Map("GET", "/my/agent", request => SimResponse.Ok(Data(new JsonObject { ["symbol"] = request.AgentSymbol }), Json), RouteAuth.Agent);
        table.Map("GET", "/systems", Systems, RouteAuth.OptionalAgent);
        table.Map("GET", "/my/ships/{shipSymbol}", request => SimResponse.Ok(Data(new JsonObject { ["symbol"] = request.RouteValues["shipSymbol"] }), Json), RouteAuth.Agent);
        table.Map("POST", "/my/ships/{shipSymbol}/extract", Extract, RouteAuth.Agent, locksShip: true);
        table.Map("POST", "/boom", _ => throw new InvalidOperationException("kaput"), RouteAuth.Anonymous);
        table.Map("POST", "/my/ships/{shipSymbol}/cooldown-error", request => throw new GameErrorException(
            4000,
            409,
            "Ship action is still on cooldown for 42 second(s).",
            new JsonObject { ["cooldown"] = new JsonObject { ["shipSymbol"] = request.RouteValues["shipSymbol"], ["remainingSeconds"] = 42 } },
            Json), RouteAuth.Agent, locksShip: true);
        table.Map("GET", "/echo/{a}/{b}", request => SimResponse.Ok(
            new JsonObject
            {
                ["a"] = request.RouteValues["a"],
                ["b"] = request.RouteValues["b"],
                ["traits"] = new JsonArray([.. (request.Query.TryGetValue("traits", out var t) ? t : []).Select(v => JsonValue.Create(v))]),
            },
            Json), RouteAuth.Anonymous);
    }

    private static JsonObject Data(JsonNode node) => new() { ["data"] = node };

    private static SimResponse Register(SimRequest request)
    {
        var body = request.ReadBody(Json) ?? throw new GameErrorException(422, 422, "A body is required.");
        var symbol = body["symbol"]!.GetValue<string>().ToUpperInvariant();
        var token = request.IssueAgentToken(symbol);
        return SimResponse.Created(Data(new JsonObject { ["token"] = token, ["agent"] = new JsonObject { ["symbol"] = symbol } }), Json);
    }

    private static SimResponse Systems(SimRequest request)
    {
        var (page, limit) = request.ReadPaging();
        return SimResponse.Ok(new JsonObject { ["data"] = new JsonArray(), ["meta"] = new JsonObject { ["total"] = 0, ["page"] = page, ["limit"] = limit } }, Json);
    }

    private SimResponse Extract(SimRequest request)
    {
        Interlocked.Increment(ref _actions);
        return SimResponse.Created(Data(new JsonObject { ["ship"] = request.RouteValues["shipSymbol"], ["extracted"] = 3 }), Json);
    }
}

/// <summary>Request shortcuts for the tests.</summary>
internal static class TestHttp
{
    public static async Task<string> RegisterAsync(this HttpClient http, string symbol)
    {
        using var response = await http.PostAsync("register", JsonBody($$"""{"symbol":"{{symbol}}","faction":"COSMIC"}"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), text);
        return JsonNode.Parse(text)!["data"]!["token"]!.GetValue<string>();
    }

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = JsonBody(json);
        }

        return request;
    }

    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(this HttpClient http, HttpMethod method, string path, string? token = null, string? json = null)
    {
        using var request = Request(method, path, token, json);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static JsonNode Error(this JsonNode? body) => body?["error"] ?? throw new AssertionException("The body has no error envelope: " + body?.ToJsonString());
}
