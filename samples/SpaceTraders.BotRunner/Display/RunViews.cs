using SpaceTraders.Runtime;
using Spectre.Console;

namespace SpaceTraders.BotRunner.Display;

/// <summary>
/// Shows a run while it lasts. A view is not a game actor: it samples <see cref="FleetRuntime.GetSnapshot"/> on real
/// time (<see cref="TimeProvider.System"/>) from outside the clock, so it never holds up virtual time.
/// </summary>
internal abstract class RunView
{
    /// <summary>Shows the run until <paramref name="run"/> completes (or <paramref name="cancellationToken"/> stops the view only).</summary>
    /// <param name="header">What the runner knows about the run.</param>
    /// <param name="snapshot">Takes the runtime's snapshot.</param>
    /// <param name="run">The runtime's run.</param>
    /// <param name="cancellationToken">Stops watching; the run goes on.</param>
    /// <returns>A task that completes when the run has completed and the view has drawn its last frame.</returns>
    public abstract Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken);

    /// <summary>Waits for the run to complete or <paramref name="interval"/> of real time to pass.</summary>
    /// <param name="run">The run.</param>
    /// <param name="interval">The longest wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes at the first of the two.</returns>
    protected static async Task PauseAsync(Task run, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tick = Task.Delay(interval, TimeProvider.System, stop.Token);
        await Task.WhenAny(run, tick).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }
}

/// <summary>The live console view (Spectre.Console), redrawn four times a real second.</summary>
internal sealed class LiveView(IAnsiConsole console) : RunView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc />
    public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
    {
        var live = console.Live(ConsoleDashboard.Render(header, snapshot(), ShipRows()))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom);
        await live.StartAsync(async context =>
        {
            while (!run.IsCompleted && !cancellationToken.IsCancellationRequested)
            {
                context.UpdateTarget(ConsoleDashboard.Render(header, snapshot(), ShipRows()));
                context.Refresh();
                await PauseAsync(run, Refresh, cancellationToken).ConfigureAwait(false);
            }

            context.UpdateTarget(ConsoleDashboard.Render(header, snapshot(), ShipRows()));
            context.Refresh();
        }).ConfigureAwait(false);
    }

    /// <summary>Fits the ship table to the terminal: what the other panels leave, at least five rows.</summary>
    private int ShipRows()
    {
        var height = console.Profile.Height;
        return Math.Max(5, height - 40);
    }
}

/// <summary>A status line every few real seconds: for logs, CI and terminals without cursor control.</summary>
internal sealed class StatusLinesView(TextWriter output, TimeSpan interval) : RunView
{
    /// <inheritdoc />
    public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
    {
        while (!run.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            await PauseAsync(run, interval, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ConsoleDashboard.StatusLine(header, snapshot()).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>No view while the run lasts (<c>--quiet</c>).</summary>
internal sealed class QuietView : RunView
{
    /// <inheritdoc />
    public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await Task.WhenAny(run, stopped.Task).ConfigureAwait(false);
        }
    }
}
