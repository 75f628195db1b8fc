using Microsoft.Extensions.Logging;
using SpaceTraders.Dashboard.Views;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>Everything the routes share: the source, the options, the payloads and the assets (one per dashboard).</summary>
internal sealed class DashboardHost
{
    public DashboardHost(DashboardSource source, DashboardOptions options, ILoggerFactory? loggers)
    {
        Source = source;
        Options = options;
        Views = new DashboardViews(source, options);
        Payloads = new PayloadCache(Views, options, source is Sources.HistorySource);
        Assets = new StaticAssets();
        Logger = loggers?.CreateLogger("SpaceTraders.Dashboard") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public DashboardSource Source { get; }

    public DashboardOptions Options { get; }

    public DashboardViews Views { get; }

    public PayloadCache Payloads { get; }

    public StaticAssets Assets { get; }

    public ILogger Logger { get; }
}
