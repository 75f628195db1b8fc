using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Reporting;
using SpaceTraders.Runtime;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// The run as other parts of the host see it: the header, the runtime's snapshots while it runs, the behaviour failures,
/// and the report once written. The console views read it; a hosted service added to the host (a web dashboard) can read
/// the same. Thread-safe.
/// </summary>
internal sealed class RunFeed
{
    private readonly Lock _gate = new();
    private RunHeader? _header;
    private Func<RuntimeSnapshot>? _snapshot;
    private RunReport? _report;

    /// <summary>Gets the behaviour failures of the run (also a logging provider of the host).</summary>
    public BehaviourFailures Failures { get; } = new();

    /// <summary>Gets the run's header once the run has started.</summary>
    public RunHeader? Header
    {
        get
        {
            lock (_gate)
            {
                return _header;
            }
        }
    }

    /// <summary>Gets the report once the run has ended and written it.</summary>
    public RunReport? Report
    {
        get
        {
            lock (_gate)
            {
                return _report;
            }
        }
    }

    /// <summary>Takes the runtime's snapshot now, or <see langword="null"/> before the runtime exists.</summary>
    /// <returns>The snapshot.</returns>
    public RuntimeSnapshot? TakeSnapshot()
    {
        Func<RuntimeSnapshot>? snapshot;
        lock (_gate)
        {
            snapshot = _snapshot;
        }

        return snapshot?.Invoke();
    }

    /// <summary>Publishes a started run.</summary>
    /// <param name="header">What the runner knows about it.</param>
    /// <param name="snapshot">Takes the runtime's snapshot.</param>
    public void Started(RunHeader header, Func<RuntimeSnapshot> snapshot)
    {
        lock (_gate)
        {
            _header = header;
            _snapshot = snapshot;
        }
    }

    /// <summary>Publishes the report of the ended run.</summary>
    /// <param name="report">The report.</param>
    public void Ended(RunReport report)
    {
        lock (_gate)
        {
            _report = report;
        }
    }
}
