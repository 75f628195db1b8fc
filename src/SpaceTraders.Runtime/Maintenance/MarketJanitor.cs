using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Dispatching;

namespace SpaceTraders.Runtime.Maintenance;

/// <summary>
/// The background janitor: every <see cref="RuntimeOptions.JanitorInterval"/>, rolls market observations past the raw
/// window into hourly summaries and prunes what is past retention; skipped under memory pressure.
/// </summary>
internal sealed partial class MarketJanitor
{
    private readonly Dispatcher _runtime;
    private readonly ILogger _logger;
    private readonly Doorbell _bell;
    private long _runs;

    public MarketJanitor(Dispatcher runtime)
    {
        _runtime = runtime;
        _logger = runtime.CreateLogger("SpaceTraders.Runtime.Janitor");
        _bell = new Doorbell(runtime.Clock, "market janitor");
    }

    /// <summary>Gets how many roll-ups ran.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public void Wake() => _bell.Ring();

    public async Task RunAsync()
    {
        var clock = _runtime.Clock;
        var interval = _runtime.Options.JanitorInterval;
        var next = clock.GetUtcNow() + interval;
        while (!_runtime.Stopping)
        {
            await _bell.WaitUntilAsync(next, CancellationToken.None).ConfigureAwait(false);
            if (_runtime.Stopping)
            {
                return;
            }

            var now = clock.GetUtcNow();
            if (now < next)
            {
                continue;
            }

            next = now + interval;
            if (_runtime.MemoryGuard.ShouldSkip("market history roll-up"))
            {
                continue;
            }

            try
            {
                var report = await _runtime.Store.RollUpMarketHistoryAsync(now, _runtime.Options.MarketHistory, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _runs);
                LogRolledUp(report.HoursRolledUp, report.RawPruned, report.SummariesPruned);
            }
#pragma warning disable CA1031 // The next run tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "Market history: {Hours} hour summaries written, {Raw} raw observations and {Summaries} summaries pruned")]
    private partial void LogRolledUp(int hours, int raw, int summaries);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Market history roll-up failed: {Message}")]
    private partial void LogFailed(string message);
}
