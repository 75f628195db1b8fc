using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Simulator;

namespace SpaceTraders.Benchmarks.Sdk;

/// <summary>
/// What the SDK costs on top of the HTTP call itself: <c>GetMyShipAsync</c> through the whole pipeline
/// (Refit, the bearer handler, the rate limiter with room to spare, the retry loop, telemetry and the
/// source-generated deserializer) against a raw <see cref="HttpClient"/> plus <see cref="JsonSerializer"/>
/// with the same source-generated context. Both read the same captured response from an in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class SdkOverheadBenchmarks
{
    private static readonly Uri BaseAddress = new("https://api.example.test/v2/");
    private SpaceTradersClient _client = null!;
    private HttpClient _raw = null!;
    private string _shipSymbol = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (shipSymbol, body) = CaptureShipResponse();
        _shipSymbol = shipSymbol;
        var transport = new CannedResponseHandler(body);
        _client = new SpaceTradersClient(new SpaceTradersClientOptions
        {
            Token = "benchmark-token",
            BaseAddress = BaseAddress,
            Transport = transport,
            Throttling = new ThrottlingOptions { StaticPoolSize = int.MaxValue / 4, BurstPoolSize = int.MaxValue / 4, SafetyMargin = TimeSpan.Zero },
        });
        _raw = new HttpClient(transport, disposeHandler: false) { BaseAddress = BaseAddress };
        _raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark-token");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient + JsonSerializer")]
    public async Task<Ship> Raw()
    {
        using var response = await _raw.GetAsync("my/ships/" + _shipSymbol);
        response.EnsureSuccessStatusCode();
        var envelope = await response.Content.ReadFromJsonAsync(SpaceTradersJsonContext.Default.DataEnvelopeShip);
        return envelope!.Data;
    }

    [Benchmark(Description = "SpaceTradersClient.Fleet.GetMyShipAsync")]
    public Task<Ship> Sdk() => _client.Fleet.GetMyShipAsync(_shipSymbol);

    /// <summary>Registers an agent on the simulator and captures the body of a real <c>GET /my/ships/{symbol}</c>.</summary>
    private static (string Symbol, byte[] Body) CaptureShipResponse()
    {
        var simulation = new Simulation(new SimulationOptions { Seed = 1 });
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();
        using var register = http.PostAsync("register", new StringContent("""{"symbol":"BENCH","faction":"COSMIC"}""", System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        using var registered = JsonDocument.Parse(register.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        var token = registered.RootElement.GetProperty("data").GetProperty("token").GetString();
        var symbol = registered.RootElement.GetProperty("data").GetProperty("ships")[0].GetProperty("symbol").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "my/ships/" + symbol);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = http.SendAsync(request).GetAwaiter().GetResult();
        return (symbol, response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
    }

    /// <summary>Answers every request with the same captured body, as a network would after the bytes arrive.</summary>
    private sealed class CannedResponseHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
