using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace SpaceTraders.Simulator.Hosting;

/// <summary>
/// The simulator served over HTTP by ASP.NET Core (Kestrel): one catch-all endpoint under <c>/v2/</c> feeds the
/// same pipeline as the in-process transport. Dispose to stop.
/// </summary>
/// <remarks>
/// A request body is read only after the request is authenticated and within the rate limit, and only up to 1 MiB
/// (413 beyond, <see cref="RequestBodyReader"/>); an answer given without reading the body closes the connection
/// rather than draining it. A dropped connection (faults) is aborted: before the request is handled, or after it was
/// handled without writing the response. <c>SocketsHttpHandler</c> reports both as a reset connection
/// (<see cref="HttpRequestError.Unknown"/> with an <see cref="IOException"/> inside): over a real socket a client
/// cannot tell whether the server acted, only the in-process transport says so.
/// </remarks>
public sealed class SimulatorHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHttpServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the API's base address, ending in <c>/v2/</c> (for example <c>http://127.0.0.1:5800/v2/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Waits until the host shuts down (Ctrl+C, SIGTERM, or <see cref="StopAsync"/>).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes on shutdown.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server gracefully.</summary>
    /// <param name="cancellationToken">Makes the stop ungraceful.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Builds and starts the HTTP host for <paramref name="simulation"/>.</summary>
    /// <param name="simulation">The simulation to serve.</param>
    /// <param name="url">The URL to bind; port 0 picks a free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    internal static async Task<SimulatorHttpServer> StartAsync(Simulation simulation, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentException.ThrowIfNullOrEmpty(url);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(Simulation).Assembly.GetName().Name });
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyReader.MaxBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(simulation);
        var app = builder.Build();
        var server = simulation.Server;
        RequestDelegate handle = context => HandleAsync(server, context);
        app.Map("/v2", handle);
        app.Map("/v2/{**path}", handle);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        return new SimulatorHttpServer(app, new Uri(address.TrimEnd('/') + "/v2/"));
    }

    private static async Task HandleAsync(SimulatorServer server, HttpContext context)
    {
        var http = context.Request;
        var path = http.Path.Value ?? "/v2";
        var simRequest = new SimRequest
        {
            Method = http.Method.ToUpperInvariant(),
            Path = path.Length <= 3 ? "/" : path[3..],
            Query = http.QueryString.HasValue ? SimulatorTransport.ParseQuery(http.QueryString.Value!) : new Dictionary<string, string[]>(0),
            Token = BearerToken(http.Headers.Authorization.ToString()),
            ClientIp = ClientIp(context.Connection.RemoteIpAddress),
            ClientRequestId = http.Headers[SimulatorTransport.RequestIdHeader].FirstOrDefault(),
        };

        // The body stays unread until the pipeline has authenticated the request (and only up to its limit).
        KestrelBody? pending = null;
        if (http.ContentLength is > 0 || (http.ContentLength is null && http.Headers.TransferEncoding.Count > 0))
        {
            simRequest.PendingBody = pending = new KestrelBody(http);
        }

        SimResponse response;
        try
        {
            response = await server.HandleAsync(simRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away.
        }

        if (response.Drop != ConnectionDrop.None)
        {
            // Before processing or after it, the client sees the connection reset without a response.
            context.Abort();
            return;
        }

        var body = response.EncodeBody();
        var answer = context.Response;
        answer.StatusCode = response.Status;
        if (pending is { Consumed: false })
        {
            // Answered without reading the body (401, 413, 429, ...): close rather than drain what the client still sends.
            answer.Headers.Connection = "close";
        }

        foreach (var (name, value) in response.Headers)
        {
            answer.Headers[name] = value;
        }

        if (response.Status == 204)
        {
            return;
        }

        answer.ContentType = response.ContentType;
        answer.ContentLength = body.Length;
        await answer.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? BearerToken(string authorization)
        => authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;

    private static string ClientIp(IPAddress? address)
    {
        if (address is null)
        {
            return "127.0.0.1";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>A Kestrel request body, read only when the pipeline asks; Kestrel's own size limit becomes a 413.</summary>
    private sealed class KestrelBody(HttpRequest request) : PendingBody
    {
        public override long? DeclaredLength => request.ContentLength;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                return await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new RequestBodyTooLargeException("The request body is larger than the server accepts.", ex);
            }
        }
    }
}
