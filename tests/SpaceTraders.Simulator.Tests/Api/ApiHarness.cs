using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Api;

/// <summary>
/// A world and its routes, called directly (no transport): requests are routed through the game's own
/// <see cref="RouteTable"/>, time moves only with <see cref="Advance"/>.
/// </summary>
internal sealed class ApiHarness : IDisposable
{
    public ApiHarness(int seed = 42, WorldOptions? options = null, RandomStreams streams = RandomStreams.Shared)
    {
        Clock = new VirtualClock();
        Game = new GameState(seed, Clock, options, streams: streams);
        Routes = new RouteTable();
        ApiRoutes.MapAll(Routes, Game);
        Tokens = new AgentTokens(AgentTokens.CreateKey("api-harness"), DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime));
    }

    public VirtualClock Clock { get; }

    public GameState Game { get; }

    public RouteTable Routes { get; }

    public AgentTokens Tokens { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void Advance(TimeSpan delta) => Clock.Advance(delta);

    public void Advance(int seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>Routes and runs one request; game errors propagate as <see cref="GameErrorException"/>.</summary>
    public SimResponse Send(string method, string pathAndQuery, string? agent = null, string? json = null)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in pathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
                query[key] = query.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
            }
        }

        var route = Routes.Match(method, path, out var values) ?? throw new AssertionException($"No route for {method} {path}.");
        var request = new SimRequest
        {
            Method = method,
            Path = path,
            RouteValues = values,
            Query = query,
            Body = json is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(json),
            AgentSymbol = agent,
            Now = Now,
            Tokens = Tokens,
        };
        return route.Handler(request);
    }

    /// <summary>Sends a request, asserts the status and returns the JSON body.</summary>
    public JsonNode Call(string method, string pathAndQuery, string? agent = null, string? json = null, int status = 200)
    {
        var response = Send(method, pathAndQuery, agent, json);
        Assert.That(response.Status, Is.EqualTo(status), $"{method} {pathAndQuery}");
        return ToJson(response) ?? throw new AssertionException($"{method} {pathAndQuery} answered without a body.");
    }

    /// <summary>Sends a request that must fail with a game error and returns it.</summary>
    public GameErrorException Fail(string method, string pathAndQuery, string? agent = null, string? json = null)
    {
        try
        {
            var response = Send(method, pathAndQuery, agent, json);
            throw new AssertionException($"{method} {pathAndQuery} succeeded with {response.Status}: {ToJson(response)?.ToJsonString()}");
        }
        catch (GameErrorException error)
        {
            return error;
        }
    }

    public static JsonNode? ToJson(SimResponse response) =>
        response.Body is null ? null : JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(response.Body, response.BodyType!));

    public static JsonNode? DataOf(GameErrorException error) =>
        error.Data is null ? null : JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(error.Data, error.DataType!));

    /// <summary>Registers an agent (COSMIC by default) and returns its symbol and the register payload.</summary>
    public (string Agent, JsonNode Data) Register(string symbol, string faction = "COSMIC")
    {
        var data = Call("POST", "/register", json: $$"""{"symbol":"{{symbol}}","faction":"{{faction}}"}""", status: 201)["data"]!;
        return (data["agent"]!["symbol"]!.GetValue<string>(), data);
    }

    /// <summary>Gets a ship of the game.</summary>
    public Ship Ship(string symbol) => Game.FindShip(symbol) ?? throw new AssertionException($"No ship {symbol}.");

    /// <summary>Gets the headquarters system of a faction.</summary>
    public StarSystem HomeSystem(string faction = "COSMIC") => Game.Universe.Headquarters[faction].System;

    /// <summary>
    /// Flies a ship to a waypoint of its system in CRUISE and waits for the arrival; it ends in orbit. A test's ship
    /// gets a full tank first, and one that a full tank cannot carry there (a live-sized system is 1,600 units across)
    /// drifts instead.
    /// </summary>
    public void FlyTo(string ship, string agent, Waypoint destination)
    {
        var current = Ship(ship);
        if (current.Location == destination)
        {
            Call("POST", $"/my/ships/{ship}/orbit", agent);
            return;
        }

        Call("POST", $"/my/ships/{ship}/orbit", agent);
        current.Fuel = current.FuelCapacity;
        if (current.FuelCapacity > 0 && current.Location.DistanceTo(destination) > current.FuelCapacity)
        {
            Call("PATCH", $"/my/ships/{ship}/nav", agent, """{"flightMode":"DRIFT"}""");
        }

        var nav = Call("POST", $"/my/ships/{ship}/navigate", agent, $$"""{"waypointSymbol":"{{destination.Symbol}}"}""")["data"]!["nav"]!;
        var arrival = DateTimeOffset.Parse(nav["route"]!["arrival"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Clock.AdvanceTo(arrival);
        if (current.FlightMode == "DRIFT")
        {
            Call("PATCH", $"/my/ships/{ship}/nav", agent, """{"flightMode":"CRUISE"}""");
        }
    }

    public void Dispose() => Clock.Dispose();
}
