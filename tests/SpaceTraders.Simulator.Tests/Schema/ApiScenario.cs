using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.Timing;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Schema;

/// <summary>
/// Drives the simulator through the in-process transport and records every exchange (method, path, status, body).
/// Setup that would take many game hours (moving a ship across the galaxy, stocking cargo) is done on the world directly;
/// every response recorded comes from the API.
/// </summary>
internal sealed class ApiScenario : IDisposable
{
    private readonly HttpClient _http;

    public ApiScenario(SimulationOptions? options = null)
    {
        Clock = new VirtualClock();
        options ??= new SimulationOptions();
        options.Clock = Clock;
        options.RateLimits.Enabled = false;
        Simulation = new Simulation(options);
        _http = Simulation.CreateHttpClient();
    }

    public VirtualClock Clock { get; }

    public Simulation Simulation { get; }

    public GameState Game => Simulation.Game!;

    public List<Exchange> Exchanges { get; } = [];

    public string? Token { get; set; }

    public JsonNode Get(string path, int expected = 200) => Send("GET", path, null, expected);

    public JsonNode Post(string path, object? body = null, int expected = 201) => Send("POST", path, body, expected);

    public JsonNode Patch(string path, object body, int expected = 200) => Send("PATCH", path, body, expected);

    public JsonNode Send(string method, string path, object? body, int expected, string? token = "")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        var bearer = token == string.Empty ? Token : token;
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            var json = body as string ?? (body is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(body));
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = _http.Send(request);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var status = (int)response.StatusCode;
        var parsed = text.Length == 0 ? null : JsonNode.Parse(text);
        Exchanges.Add(new Exchange(method, "/" + path.TrimStart('/'), status, text));
        if (status != expected)
        {
            throw new AssertionException($"{method} /{path.TrimStart('/')}: expected {expected} but got {status}: {text}");
        }

        return parsed ?? new JsonObject();
    }

    /// <summary>Runs <paramref name="change"/> on the world under its lock (test setup only).</summary>
    public void OnWorld(Action<GameState> change)
    {
        using (Game.Sync.EnterScope())
        {
            change(Game);
        }
    }

    public Ship Ship(string symbol) => Game.FindShip(symbol) ?? throw new AssertionException("No ship " + symbol);

    /// <summary>Puts a ship at a waypoint, docked or in orbit, as if it had flown there.</summary>
    public void Teleport(string shipSymbol, Waypoint waypoint, string status) => OnWorld(_ =>
    {
        var ship = Ship(shipSymbol);
        ship.Location = waypoint;
        ship.Origin = waypoint;
        ship.DepartureTime = Clock.GetUtcNow();
        ship.Arrival = Clock.GetUtcNow();
        ship.Status = status;
    });

    public void GiveCargo(string shipSymbol, string good, int units) => OnWorld(_ => Ship(shipSymbol).Cargo.Add(good, units));

    public void ClearCargo(string shipSymbol) => OnWorld(_ =>
    {
        var cargo = Ship(shipSymbol).Cargo;
        foreach (var item in cargo.Items.ToList())
        {
            cargo.Remove(item.Symbol, item.Units);
        }
    });

    /// <summary>Lets every cooldown end.</summary>
    public void WaitOutCooldowns() => Clock.Advance(TimeSpan.FromMinutes(10));

    public void AdvanceTo(string isoTime)
    {
        var target = DateTimeOffset.Parse(isoTime, System.Globalization.CultureInfo.InvariantCulture);
        if (target > Clock.GetUtcNow())
        {
            Clock.AdvanceTo(target);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        Clock.Dispose();
    }
}

/// <summary>One recorded request and response.</summary>
internal sealed record Exchange(string Method, string Path, int Status, string Body);
