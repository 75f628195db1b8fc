using Microsoft.Extensions.Logging;

namespace SpaceTraders.Runtime.Maintenance;

/// <summary>
/// Watches the process's memory. Under pressure, optional work that never talks to the game (market history roll-ups)
/// asks <see cref="ShouldSkip"/> and is skipped; each skip is counted and logged, and entering pressure is reported.
/// Nothing that makes requests asks: the process's memory is not part of a game, and a request made or not made on its
/// strength made virtual-time runs of one seed give different figures from run to run.
/// </summary>
internal sealed partial class MemoryGuard
{
    private readonly MemoryGuardOptions _options;
    private readonly Action<string> _report;
    private readonly ILogger _logger;
    private long _workingSet;
    private long _skipped;
    private volatile bool _underPressure;

    public MemoryGuard(MemoryGuardOptions options, Action<string> report, ILogger logger)
    {
        _options = options;
        _report = report;
        _logger = logger;
    }

    public MemoryStatus Status => new(Interlocked.Read(ref _workingSet), _underPressure, Interlocked.Read(ref _skipped));

    /// <summary>Reads the process's memory and updates the pressure flag.</summary>
    public void Check()
    {
        var workingSet = Environment.WorkingSet;
        Interlocked.Exchange(ref _workingSet, workingSet);
        bool pressure;
        string limit;
        if (_options.WorkingSetLimitBytes is { } bytes)
        {
            pressure = workingSet >= bytes;
            limit = $"the working set limit of {bytes / (1024 * 1024)} MB";
        }
        else
        {
            var info = GC.GetGCMemoryInfo();
            pressure = info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes;
            limit = "the garbage collector's high memory load threshold";
        }

        var was = _underPressure;
        _underPressure = pressure;
        if (pressure && !was)
        {
            var message = $"Memory pressure: working set {workingSet / (1024 * 1024)} MB reached {limit}; optional work (market history roll-ups) is skipped until it eases.";
            LogPressure(message);
            _report(message);
        }
        else if (!pressure && was)
        {
            LogEased(workingSet / (1024 * 1024));
        }
    }

    /// <summary>Looks at memory now and says whether optional <paramref name="work"/> should be skipped; counts and logs the skip.</summary>
    public bool ShouldSkip(string work)
    {
        Check();
        if (!_underPressure)
        {
            return false;
        }

        Interlocked.Increment(ref _skipped);
        LogSkipped(work);
        return true;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "{Message}")]
    private partial void LogPressure(string message);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Memory pressure eased: working set {WorkingSetMegabytes} MB")]
    private partial void LogEased(long workingSetMegabytes);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Skipped under memory pressure: {Work}")]
    private partial void LogSkipped(string work);
}
