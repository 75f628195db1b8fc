using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.BotRunner.Display;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// A whole run of the runner stopped (Ctrl+C) while a behaviour ignores its cancellation: the stop's bound fires on the
/// runner's wall clock, a fake the test moves (no sleeps), and the run still ends with its report. The game runs at
/// <c>--time-scale 0.1</c>, where the 30 game seconds of the abandon timeout last 300 real seconds: only the wall bound
/// can end this stop within the test's guard, and only when it is set on the runner's wall clock.
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class StopBoundRunTests
{
    private const string StuckActivity = "stuck: deaf to cancellation";

    /// <summary>Gets the folder with the stubborn fixture plugin alone (see the test project).</summary>
    private static string StubbornPlugins => Path.Combine(TestContext.CurrentContext.TestDirectory, "stubborn-plugins");

    [Test]
    public async Task A_stop_with_a_stuck_behaviour_ends_at_the_wall_bound_with_the_report_written(CancellationToken guard)
    {
        var bound = new RuntimeOptions().AbandonWallTimeout;
        var wallStart = new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var wall = new ArmedTimers(wallStart);
        using var stop = new CancellationTokenSource();
        var view = new StopWhenStuckView(stop, () => wall.Next(bound));

        // The first timer of the bound's length set from Ctrl+C on is the stuck ship's bound: the conductor has ended by
        // then (it only assigns), and the store's flush (the same length) is armed only once every actor has stopped.
        var run = RunnerRuns.RunAsync(["--seed", "7", "--time-scale", "0.1", "--plugins", StubbornPlugins, "--conductor", "stubborn-fleet"], stop.Token, view, wallClock: wall);
        await Task.WhenAny(view.Stopped, run).WaitAsync(guard);
        Assert.That(view.Stopped.IsCompleted, Is.True, () => "the stuck behaviour never ran: " + (run.IsCompleted ? run.Result.All : string.Empty));
        await view.BoundArmed!.WaitAsync(guard);

        wall.Advance(bound - TimeSpan.FromTicks(1));
        Assert.Multiple(() =>
        {
            // On a bound of real time, the runtime would have stopped (and the runner armed its report's flush, a
            // timer of the same length) before this: the stuck session would already be abandoned.
            Assert.That(view.Snapshot!().Problems, Is.Empty, "the stuck behaviour is still waited for a tick before its bound");
            Assert.That(run.IsCompleted, Is.False, "and the run goes on");
        });
        wall.Advance(TimeSpan.FromTicks(1));
        var result = await run.WaitAsync(guard);

        var report = result.Report;
        Assert.That(report, Is.Not.Null, result.All);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(report!.Ended, Is.EqualTo("cancelled"));
            Assert.That(report.Problems, Has.One.Contains($"stubborn@stubborn1 did not end within {bound} of real time after the runtime's stop (cancelled); the runtime stopped waiting for it."), "the stuck session was abandoned at the wall bound");
            Assert.That(report.Behaviours.Single(b => b.Id == "stubborn").Sessions, Is.EqualTo(1), "and is in the report");
            Assert.That(report.WallSeconds, Is.EqualTo(bound.TotalSeconds).Within(0.001), "the run's real time is the fake wall clock's: no other wall wait had to pass");
        });
    }

    /// <summary>
    /// Presses Ctrl+C once the stuck behaviour runs (the ship's activity says so), after asking <paramref name="watchBound"/>
    /// to watch for the stop's bound, then watches the run to its end.
    /// </summary>
    private sealed class StopWhenStuckView(CancellationTokenSource stop, Func<Task> watchBound) : RunView
    {
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stopped => _stopped.Task;

        public Task? BoundArmed { get; private set; }

        public Func<RuntimeSnapshot>? Snapshot { get; private set; }

        public override async Task WatchAsync(RunHeader header, Func<RuntimeSnapshot> snapshot, Task run, CancellationToken cancellationToken)
        {
            while (!run.IsCompleted)
            {
                if (!_stopped.Task.IsCompleted && snapshot().Agents.SelectMany(a => a.Ships).Any(s => s.Activity == StuckActivity))
                {
                    Snapshot = snapshot;
                    BoundArmed = watchBound();
                    await stop.CancelAsync();
                    _stopped.TrySetResult();
                }

                await PauseAsync(run, TimeSpan.FromMilliseconds(5), cancellationToken);
            }
        }
    }

    /// <summary>A fake wall clock that tells when the next timer of a given length is created on it.</summary>
    private sealed class ArmedTimers(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentQueue<(TimeSpan DueTime, TaskCompletionSource Armed)> _waiting = new();

        /// <summary>Completes once a timer of <paramref name="dueTime"/> is created from now on.</summary>
        public Task Next(TimeSpan dueTime)
        {
            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((dueTime, armed));
            return armed.Task;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            foreach (var waiter in _waiting.Where(w => w.DueTime == dueTime))
            {
                waiter.Armed.TrySetResult();
            }

            return timer;
        }
    }
}
