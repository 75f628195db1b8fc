using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// The host's lifetime: the first Ctrl+C, SIGTERM or SIGQUIT stops the application gracefully (behaviours cancelled,
/// sessions closed, records flushed, report written); a signal that comes <see cref="RepeatWindow"/> or more after the
/// first ends the process at once. The Generic Host's <c>ConsoleLifetime</c> swallows every Ctrl+C, so a run stuck in
/// its shutdown could not be ended from the keyboard.
/// </summary>
/// <remarks>
/// One stop often arrives as two signals a moment apart: <c>timeout</c> sends its signal to the process and then to the
/// process group the process is in, a service manager may signal the whole group, and <c>dotnet run</c> passes the
/// terminal's signal on to the runner, which has it from the terminal already. Taking the second for "end at once"
/// killed 3 of 5 runs stopped by <c>timeout -s TERM</c> before they wrote their report (exit 143).
/// </remarks>
/// <param name="application">The host's application lifetime, stopped on the first signal.</param>
/// <param name="clock">The clock that tells a repeated signal from a second one.</param>
internal sealed class RunnerLifetime(IHostApplicationLifetime application, TimeProvider clock) : IHostLifetime, IDisposable
{
    /// <summary>Signals this soon after the first are the same stop delivered twice: a second.</summary>
    internal static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(1);

    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Lock _gate = new();
    private long? _firstSignalAt;

    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = OnSignal()));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    /// <summary>Reacts to a stop signal.</summary>
    /// <returns><see langword="true"/> when the signal is handled here (the first, or a repeat of it); <see langword="false"/> to let it end the process.</returns>
    internal bool OnSignal()
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            if (_firstSignalAt is { } first)
            {
                // A repeat of the first is swallowed; a second signal is not cancelled: the process ends as it says.
                return clock.GetElapsedTime(first, now) < RepeatWindow;
            }

            _firstSignalAt = now;
        }

        application.StopApplication();
        return true;
    }
}

/// <summary>A lifetime that reacts to no signal, for a runner hosted inside another process (the tests).</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
