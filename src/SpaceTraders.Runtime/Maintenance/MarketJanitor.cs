using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Dispatching;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Maintenance;

/// <summary>
/// The background janitor: every <see cref="RuntimeOptions.JanitorInterval"/>, rolls market observations past the raw
/// window into hourly summaries and prunes what is past retention; skipped under memory pressure.
/// </summary>
internal sealed partial class MarketJanitor
{
    private readonly IRecordSink _records;
    private readonly TimeProvider _clock;
    private readonly RuntimeOptions _options;
    private readonly MemoryGuard _memory;
    private readonly Func<bool> _stopping;
    private readonly ILogger _logger;
    private readonly Doorbell _bell;
    private long _runs;

    /// <summary>Initializes a new instance of the <see cref="MarketJanitor"/> class.</summary>
    /// <param name="records">The store's record sink (the roll-up rewrites what it wrote).</param>
    /// <param name="clock">The runtime's clock.</param>
    /// <param name="options">The interval and the market-history windows.</param>
    /// <param name="memory">The memory guard (a roll-up is skipped under pressure).</param>
    /// <param name="stopping">Whether the runtime is stopping.</param>
    /// <param name="logger">Where it logs.</param>
    public MarketJanitor(IRecordSink records, TimeProvider clock, RuntimeOptions options, MemoryGuard memory, Func<bool> stopping, ILogger logger)
    {
        _records = records;
        _clock = clock;
        _options = options;
        _memory = memory;
        _stopping = stopping;
        _logger = logger;
        _bell = new Doorbell(clock, "market janitor");
    }

    /// <summary>Gets how many roll-ups ran.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    public void Wake() => _bell.Ring();

    public async Task RunAsync()
    {
        var clock = _clock;
        var interval = _options.JanitorInterval;
        var next = clock.GetUtcNow() + interval;
        while (!_stopping())
        {
            await _bell.WaitUntilAsync(next, CancellationToken.None).ConfigureAwait(false);
            if (_stopping())
            {
                return;
            }

            var now = clock.GetUtcNow();
            if (now < next)
            {
                continue;
            }

            next = now + interval;
            if (_memory.ShouldSkip("market history roll-up"))
            {
                continue;
            }

            try
            {
                var report = await _records.RollUpMarketHistoryAsync(now, _options.MarketHistory, CancellationToken.None).ConfigureAwait(false);
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
