using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTraders.Dashboard.Endpoints;

namespace SpaceTraders.Dashboard;

/// <summary>
/// The dashboard as a web server of its own (Kestrel), for a host that is not an ASP.NET Core application (the bot
/// runner, a console program, a test): start it with a source and a URL, print <see cref="Address"/>, dispose it at the end.
/// </summary>
/// <example>
/// <code>
/// await using var runtime = new FleetRuntime(options);
/// await using var dashboard = await DashboardServer.StartAsync(DashboardSource.ForRuntime(runtime), new DashboardServerOptions(), ct);
/// Console.WriteLine($"Dashboard: {dashboard.Address}");      // http://127.0.0.1:5080/
/// await runtime.RunAsync(ct);
/// </code>
/// </example>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DashboardSource _source;
    private readonly bool _ownsSource;

    private DashboardServer(WebApplication app, DashboardSource source, bool ownsSource, Uri address)
    {
        _app = app;
        _source = source;
        _ownsSource = ownsSource;
        Address = address;
    }

    /// <summary>Gets the address the dashboard answers on (with the real port when the URL asked for port 0).</summary>
    public Uri Address { get; }

    /// <summary>Starts the dashboard on <see cref="DashboardServerOptions.Url"/>.</summary>
    /// <param name="source">What it shows.</param>
    /// <param name="options">Where it listens and its settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http URL.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public static async Task<DashboardServer> StartAsync(DashboardSource source, DashboardServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DashboardServerOptions();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The dashboard URL '{options.Url}' is not an absolute http URL such as http://127.0.0.1:5080.", nameof(options));
        }

        await source.CheckAsync(cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ApplicationName = "SpaceTraders.Dashboard" });
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));

        // A socket's reads and writes continue on the thread that completed them instead of hopping to the thread pool
        // (Kestrel's I/O queues): an open page's push costs one thread wake-up a second, not three, in a process whose
        // thread pool the fleet keeps busy. Safe here: no handler of the dashboard blocks a thread.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is { } loggers)
        {
            builder.Services.AddSingleton(loggers);
        }

        if (IsLoopback(url))
        {
            // Bound to this machine only: also refuse other host names (a web page that rebinds a name to 127.0.0.1).
            builder.Services.Configure<HostFilteringOptions>(filtering =>
            {
                filtering.AllowedHosts = ["localhost", "127.0.0.1", "[::1]", url.Host];
                filtering.IncludeFailureMessage = false;
            });
        }

        builder.Services.AddSpaceTradersDashboard(source, options.Configure);
        var app = builder.Build();
        if (IsLoopback(url))
        {
            app.UseHostFiltering();
        }

        app.MapSpaceTradersDashboard();
        DashboardEndpoints.MapNotFound(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The address in use, say: release the host (and its metrics listener) instead of leaving it to the finalizer.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var address = bound is null ? url : new UriBuilder(bound) { Host = url.Host }.Uri;
        return new DashboardServer(app, source, options.OwnsSource, address);
    }

    /// <summary>Stops the server (open pages see the stream end) and disposes the source when it owns it.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Open streams are cut when the timeout passes.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownsSource)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>Where a <see cref="DashboardServer"/> listens and how it behaves.</summary>
public sealed class DashboardServerOptions
{
    /// <summary>
    /// Gets or sets the URL to listen on. Loopback keeps the dashboard to this machine (and refuses other host names);
    /// use <c>http://0.0.0.0:5080</c> only on purpose, to show it to the network. Port 0 picks a free port
    /// (<see cref="DashboardServer.Address"/> tells which). The default value is <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Gets or sets a callback that changes the dashboard's options. The default value is <see langword="null"/>.</summary>
    public Action<DashboardOptions>? Configure { get; set; }

    /// <summary>Gets or sets where the server logs (failures of pages; Kestrel's own). The default value is <see langword="null"/> (nowhere).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets a value indicating whether disposing the server disposes the source. The default value is <see langword="false"/>.</summary>
    public bool OwnsSource { get; set; }
}
