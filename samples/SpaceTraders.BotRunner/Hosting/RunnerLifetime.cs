using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// The host's lifetime: the first Ctrl+C, SIGTERM or SIGQUIT stops the application gracefully (behaviours cancelled,
/// sessions closed, records flushed, report written); a second signal ends the process at once. The Generic Host's
/// <c>ConsoleLifetime</c> swallows every Ctrl+C, so a run stuck in its shutdown could not be ended from the keyboard.
/// </summary>
/// <param name="application">The host's application lifetime, stopped on the first signal.</param>
internal sealed class RunnerLifetime(IHostApplicationLifetime application) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signals;

    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
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

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            context.Cancel = true;
            application.StopApplication();
        }

        // A second signal is not cancelled: the process ends as the signal says.
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
