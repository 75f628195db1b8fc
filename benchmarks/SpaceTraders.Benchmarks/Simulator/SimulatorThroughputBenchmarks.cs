using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Benchmarks.Simulator;

/// <summary>
/// Requests per second through the simulator's in-process transport with its rate limiting off:
/// <c>GET /my/ships/{s}</c> and <c>POST /my/ships/{s}/extract</c>, with a raw <see cref="HttpClient"/> (the
/// response body read as bytes) and through <see cref="SpaceTradersClient"/> (its throttling off; Refit, the
/// pipeline and the deserializer included). Requests per second is one over the mean time of one call, on one thread.
/// The "server only" rows call the simulator's request pipeline directly (authentication, routing, the ship lock, the
/// handler and the JSON encoding of the body) without <see cref="HttpClient"/> and its message objects.
/// </summary>
/// <remarks>
/// Extraction needs the ship off cooldown and with room in its hold. Every extract call first moves the virtual
/// clock (driven by hand, no actors) past the cooldown the last extraction started (80 s for the command frigate)
/// and empties the hold through the game state (not a request); both cost well under a microsecond and are inside
/// the measured time. Every measured extract answers 201 (checked).
/// </remarks>
[MemoryDiagnoser]
public class SimulatorThroughputBenchmarks
{
    private const string AgentSymbol = "SPEED";
    private VirtualClock _clock = null!;
    private Simulation _simulation = null!;
    private HttpClient _raw = null!;
    private SpaceTradersClient _client = null!;
    private string _token = null!;
    private string _ship = null!;
    private string _shipPath = null!;
    private string _extractPath = null!;
    private TimeSpan _cooldown;

    /// <summary>Registers an agent, flies its command ship to the engineered asteroid of its system and extracts once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _clock = new VirtualClock();
        _simulation = new Simulation(new SimulationOptions { Seed = 1, Clock = _clock });
        _simulation.RateLimits.Enabled = false;
        _raw = _simulation.CreateHttpClient();

        using var registered = Json(Send(HttpMethod.Post, "register", $$"""{"symbol":"{{AgentSymbol}}","faction":"COSMIC"}"""));
        var data = registered.RootElement.GetProperty("data");
        var token = _token = data.GetProperty("token").GetString()!;
        _ship = data.GetProperty("ships")[0].GetProperty("symbol").GetString()!;
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _shipPath = "my/ships/" + _ship;
        _extractPath = _shipPath + "/extract";

        var game = _simulation.Game!;
        var home = game.Universe.FindWaypoint(game.FindAgent(AgentSymbol)!.Headquarters)!.System;
        var asteroid = home.Waypoints.First(w => w.Type == "ENGINEERED_ASTEROID").Symbol;
        Send(HttpMethod.Post, _shipPath + "/orbit", null).Dispose();
        using (var navigated = Json(Send(HttpMethod.Post, _shipPath + "/navigate", $$"""{"waypointSymbol":"{{asteroid}}"}""")))
        {
            var arrival = navigated.RootElement.GetProperty("data").GetProperty("nav").GetProperty("route").GetProperty("arrival").GetString()!;
            _clock.AdvanceTo(DateTimeOffset.Parse(arrival, CultureInfo.InvariantCulture));
        }

        using (var extracted = Json(Send(HttpMethod.Post, _extractPath, null)))
        {
            _cooldown = TimeSpan.FromSeconds(extracted.RootElement.GetProperty("data").GetProperty("cooldown").GetProperty("totalSeconds").GetInt32());
        }

        _client = new SpaceTradersClient(new SpaceTradersClientOptions
        {
            Token = token,
            BaseAddress = Simulation.DefaultBaseAddress,
            Transport = _simulation.CreateTransport(),
            Throttling = new ThrottlingOptions { Enabled = false },
        });
    }

    /// <summary>Disposes the clients and the clock.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
        _clock.Dispose();
    }

    /// <summary><c>GET /my/ships/{s}</c> with a raw <see cref="HttpClient"/>.</summary>
    /// <returns>The body's length.</returns>
    [Benchmark(Description = "GET ship, raw HttpClient")]
    public async Task<int> GetShipRaw()
    {
        using var response = await _raw.GetAsync(_shipPath).ConfigureAwait(false);
        return Check(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false), (int)response.StatusCode, 200);
    }

    /// <summary><c>POST /my/ships/{s}/extract</c> with a raw <see cref="HttpClient"/>.</summary>
    /// <returns>The body's length.</returns>
    [Benchmark(Description = "POST extract, raw HttpClient")]
    public async Task<int> ExtractRaw()
    {
        ReadyToExtract();
        using var response = await _raw.PostAsync(_extractPath, content: null).ConfigureAwait(false);
        return Check(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false), (int)response.StatusCode, 201);
    }

    /// <summary><c>GET /my/ships/{s}</c> through <see cref="SpaceTradersClient"/>.</summary>
    /// <returns>The ship.</returns>
    [Benchmark(Description = "GET ship, SpaceTradersClient")]
    public Task<Ship> GetShipSdk() => _client.Fleet.GetMyShipAsync(_ship);

    /// <summary><c>POST /my/ships/{s}/extract</c> through <see cref="SpaceTradersClient"/>.</summary>
    /// <returns>The extraction.</returns>
    [Benchmark(Description = "POST extract, SpaceTradersClient")]
    public Task<ExtractResourcesResult> ExtractSdk()
    {
        ReadyToExtract();
        return _client.Fleet.ExtractResourcesAsync(_ship);
    }

    /// <summary><c>GET /my/ships/{s}</c> through the server pipeline alone, the body encoded.</summary>
    /// <returns>The body's length.</returns>
    [Benchmark(Description = "GET ship, server only")]
    public async Task<int> GetShipServer()
    {
        var response = await _simulation.Server.HandleAsync(Request("GET", "/" + _shipPath), CancellationToken.None).ConfigureAwait(false);
        return Check(response.EncodeBody().Span, response.Status, 200);
    }

    /// <summary><c>POST /my/ships/{s}/extract</c> through the server pipeline alone, the body encoded.</summary>
    /// <returns>The body's length.</returns>
    [Benchmark(Description = "POST extract, server only")]
    public async Task<int> ExtractServer()
    {
        ReadyToExtract();
        var response = await _simulation.Server.HandleAsync(Request("POST", "/" + _extractPath), CancellationToken.None).ConfigureAwait(false);
        return Check(response.EncodeBody().Span, response.Status, 201);
    }

    private SimRequest Request(string method, string path) => new() { Method = method, Path = path, Token = _token };

    private static int Check(ReadOnlySpan<byte> body, int status, int expected)
        => status == expected ? body.Length : throw new InvalidOperationException($"HTTP {status}: {Encoding.UTF8.GetString(body)}");

    private static JsonDocument Json(HttpResponseMessage response)
    {
        using (response)
        {
            return JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
    }

    /// <summary>Moves virtual time past the cooldown and empties the hold, so the next extraction succeeds.</summary>
    private void ReadyToExtract()
    {
        _clock.Advance(_cooldown);
        var cargo = _simulation.Game!.FindShip(_ship)!.Cargo;
        while (cargo.Items.Count > 0)
        {
            cargo.Remove(cargo.Items[0].Symbol, cargo.Items[0].Units);
        }
    }

    private HttpResponseMessage Send(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = _raw.SendAsync(request).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            response.Dispose();
            throw new InvalidOperationException($"{method} {path}: HTTP {(int)response.StatusCode}: {text}");
        }

        return response;
    }
}
