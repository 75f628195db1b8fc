using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using SpaceTraders.Dashboard.Views;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>
/// The dashboard's routes: pages, the JSON API, the event stream and the static assets. Every one answers GET and HEAD
/// (monitoring probes and <c>curl -I</c>): a HEAD gets the GET's status and headers without the body (the server drops
/// what the handler writes).
/// </summary>
internal static partial class DashboardEndpoints
{
    /// <summary>How long a stream stays quiet at most: then a comment is sent, so proxies keep it open.</summary>
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>The methods every route answers (mapped at each call, so the request delegate generator still compiles them).</summary>
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    private static ReadOnlySpan<byte> UpdateEvent => "event: update\ndata: "u8;

    private static ReadOnlySpan<byte> DeltaEvent => "event: delta\ndata: "u8;

    private static ReadOnlySpan<byte> ProblemEvent => "event: problem\ndata: "u8;

    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    private static ReadOnlySpan<byte> KeepAliveComment => ": keep-alive\n\n"u8;

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty);
        group.AddEndpointFilter(ContainFailuresAsync);

        group.MapMethods("/", GetAndHead, (DashboardHost host) => Page(host, "overview", "Overview", "overview"));
        group.MapMethods("/ships", GetAndHead, (DashboardHost host) => Page(host, "ships", "Ships", "ships"));
        group.MapMethods("/ships/{symbol}", GetAndHead, (string symbol, DashboardHost host, CancellationToken ct) => CheckedPageAsync(host, "ship", symbol, "ships/" + symbol, $"Ship '{symbol}'", ct));
        group.MapMethods("/behaviours", GetAndHead, (DashboardHost host) => Page(host, "behaviours", "Behaviours", "behaviours"));
        group.MapMethods("/behaviours/{key}", GetAndHead, (string key, DashboardHost host, CancellationToken ct) => CheckedPageAsync(host, "behaviour", key, "behaviours/" + key, $"Behaviour '{key}'", ct));
        group.MapMethods("/markets", GetAndHead, (DashboardHost host) => Page(host, "markets", "Markets", "markets"));
        group.MapMethods("/markets/{waypoint}", GetAndHead, (string waypoint, DashboardHost host, CancellationToken ct) => CheckedPageAsync(host, "market", waypoint, "markets/" + waypoint, $"Market '{waypoint}'", ct));
        group.MapMethods("/system", GetAndHead, async (DashboardHost host, CancellationToken ct) =>
            await host.Views.DefaultSystemAsync(ct).ConfigureAwait(false) is { } system
                ? Results.Redirect("/system/" + Uri.EscapeDataString(system))
                : NotFoundPage(host, "A system with ships"));
        group.MapMethods("/system/{symbol}", GetAndHead, (string symbol, DashboardHost host, CancellationToken ct) => CheckedPageAsync(host, "system", symbol, "system/" + symbol, $"System '{symbol}'", ct));

        group.MapMethods("/api/stream", GetAndHead, (string path, HttpContext context, DashboardHost host) => StreamAsync(Normalize(path), context, host));
        group.MapMethods("/api/{**path}", GetAndHead, async (string path, DashboardHost host, CancellationToken ct) =>
        {
            var result = await host.Payloads.GetAsync(Normalize(path), ct).ConfigureAwait(false);
            return Json(result.Status, result.Full);
        });

        group.MapMethods("/assets/{**file}", GetAndHead, (string file, HttpContext context, DashboardHost host) =>
        {
            if (!host.Assets.TryGet(file, out var asset))
            {
                return Results.NotFound();
            }

            var headers = context.Response.GetTypedHeaders();
            headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
            headers.ETag = asset.Tag;
            var asked = context.Request.GetTypedHeaders().IfNoneMatch;
            if (asked.Any(t => t.Compare(asset.Tag, useStrongComparison: false)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType);
        });
        return group;
    }

    /// <summary>The 404 page for anything else (mapped by <see cref="DashboardServer"/>, which owns the whole site).</summary>
    public static void MapNotFound(IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback((HttpContext context, DashboardHost host) =>
            context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                ? Json(404, Views.DashboardViews.NotFound("Path", context.Request.Path).Full)
                : NotFoundPage(host, $"The page '{context.Request.Path}'"));

    private static string Normalize(string path) => path.Trim('/');

    private static IResult Page(DashboardHost host, string page, string title, string api) =>
        Results.Content(PageShell.Render(page, title, api, host.Source.Description), "text/html; charset=utf-8");

    private static IResult NotFoundPage(DashboardHost host, string what) =>
        Results.Content(PageShell.NotFound(what, host.Source.Description), "text/html; charset=utf-8", statusCode: 404);

    private static async Task<IResult> CheckedPageAsync(DashboardHost host, string page, string key, string api, string what, CancellationToken cancellationToken)
    {
        var result = await host.Payloads.GetAsync(api, cancellationToken).ConfigureAwait(false);
        return result.Status == 404 ? NotFoundPage(host, what) : Page(host, page, key, api);
    }

    private static IResult Json(int status, byte[] utf8) =>
        Results.Text(utf8, status == 200 ? "application/json; charset=utf-8" : "application/problem+json; charset=utf-8", statusCode: status);

    /// <summary>
    /// Pushes a path's payload as server-sent events whenever it changed, checking every update interval (real time),
    /// until the page goes: first the whole payload (<c>update</c>); then, where the path has them (the overview), only
    /// the changes since the payload sent before (<c>delta</c>: the figures of the moment and the timelines' new points),
    /// else the whole payload again; <c>problem</c> for a 404 or 503. The JSON is built once per interval for every page
    /// and written as it is (UTF-8), so a watched dashboard costs the runner little.
    /// </summary>
    private static async Task StreamAsync(string path, HttpContext context, DashboardHost host)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A probe: the stream's headers, no events.
            return;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var clock = host.Options.PushClock;
        var writer = response.BodyWriter;
        long sent = 0;
        var lastSent = clock.GetTimestamp();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var build = await host.Payloads.GetAsync(path, cancellationToken).ConfigureAwait(false);
                if (build.Version != sent)
                {
                    WriteEvent(writer, build, sent);
                    sent = build.Version;
                    lastSent = clock.GetTimestamp();
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (clock.GetElapsedTime(lastSent) >= KeepAlive)
                {
                    writer.Write(KeepAliveComment);
                    lastSent = clock.GetTimestamp();
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (!await PauseAsync(host.Options.UpdateInterval, clock, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went.
        }
    }

    /// <summary>Writes <paramref name="build"/> as one event: its delta when the page has the build before, else the whole payload.</summary>
    private static void WriteEvent(IBufferWriter<byte> writer, PayloadBuild build, long sent)
    {
        if (build.Status != 200)
        {
            writer.Write(ProblemEvent);
            writer.Write(build.Full);
        }
        else if (sent != 0 && build.DeltaBasis == sent && build.Delta is { } delta)
        {
            writer.Write(DeltaEvent);
            writer.Write(delta);
        }
        else
        {
            writer.Write(UpdateEvent);
            writer.Write(build.Full);
        }

        writer.Write(EventEnd);
    }

    private static async Task<bool> PauseAsync(TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Adds the security headers, and turns a failure into a 500 without any detail of the code (logged instead).</summary>
    private static async ValueTask<object?> ContainFailuresAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            var host = http.RequestServices.GetRequiredService<DashboardHost>();
            LogFailed(host.Logger, ex, http.Request.Path);
            return http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                ? Results.Problem(title: "The dashboard failed", detail: "See the log.", statusCode: 500)
                : Results.Content(PageShell.Failed(host.Source.Description), "text/html; charset=utf-8", statusCode: 500);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Error, Message = "Dashboard request {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string path);
}
