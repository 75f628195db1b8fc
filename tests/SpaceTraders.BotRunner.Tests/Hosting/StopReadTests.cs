using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Runtime;
using SpaceTraders.Sdk;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>
/// The reads after a stop (Ctrl+C, SIGTERM) are bounded in real time, not in game time: at <c>--time-scale 0.1</c> the
/// report's gate read waited for the game's rate limit ten times longer in real time and held the stop for 20 to 36 s.
/// Here the game's clock is a fake that never moves (any scale, however slow) and the real clock a fake the test moves.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class StopReadTests
{
    [Test]
    public async Task After_a_stop_the_gate_read_gives_up_within_its_real_time_bound_whatever_the_game_clock_does(CancellationToken cancellationToken)
    {
        using var server = WireMockServer.Start();
        var limited = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create()
            .WithStatusCode(429)
            .WithHeader("Content-Type", "application/json")
            .WithHeader("Retry-After", "1")
            .WithHeader("x-ratelimit-type", "IP Address")
            .WithHeader("x-ratelimit-remaining", "0")
            .WithHeader("x-ratelimit-reset", limited.AddSeconds(1).ToString("O"))
            .WithBody("""{"error":{"message":"You have reached your API limit.","code":429,"data":{"type":"IP Address","retryAfter":1,"limitBurst":30,"limitPerSecond":2,"remaining":0}}}"""));
        var game = new FakeTimeProvider(limited);
        var wall = new FakeTimeProvider(limited);
        var agent = new SpaceTradersClientOptions { Token = "agent-token", BaseAddress = new Uri(server.Url + "/v2/"), TimeProvider = game };

        var read = BotRun.ReadGateAsync(agent, BotRun.StopGateReadTimeout, wall);
        await WaitForRequestAsync(server, cancellationToken);
        wall.Advance(BotRun.StopGateReadTimeout - TimeSpan.FromMilliseconds(1));
        Assert.That(read.IsCompleted, Is.False, "the read waits for the game's rate limit while the real bound lasts");

        wall.Advance(TimeSpan.FromMilliseconds(1));
        var (gate, missing) = await read.WaitAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(BotRun.StopGateReadTimeout, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(5)), "a stop is prompt");
            Assert.That(gate, Is.Null);
            Assert.That(missing, Does.Contain("did not finish within 3 s"));
            Assert.That(game.GetUtcNow(), Is.EqualTo(limited), "no game time passed: the bound is real time");
        });
    }

    [Test]
    public async Task The_runtime_bounds_its_stop_on_the_runner_s_wall_clock(CancellationToken cancellationToken)
    {
        // A wall clock that never moves: the run and its stop must not need it to (virtual time), and it sees the bounds set.
        var wall = new BoundsSeen(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var defaults = new RuntimeOptions();

        var run = await RunnerRuns.RunAsync(["--virtual-time", "--seed", "7", "--duration", "00:10:00", "--conductor", "sample-fleet"], cancellationToken, wallClock: wall);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.All);
            Assert.That(wall.DueTimes, Does.Contain(defaults.FinalReadTimeout), "the stop's final read is bounded on the runner's wall clock");
            Assert.That(wall.DueTimes, Does.Contain(defaults.ShutdownFlushTimeout), "and so is the store's flush at the stop");
        });
    }

    /// <summary>Waits until the read has reached the fake server (so that it waits for the game's clock, not for its start).</summary>
    private static async Task WaitForRequestAsync(WireMockServer server, CancellationToken cancellationToken)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        while (server.LogEntries.Count == 0 && await poll.WaitForNextTickAsync(cancellationToken))
        {
        }
    }

    /// <summary>A fake wall clock that keeps the length of every timer set on it.</summary>
    private sealed class BoundsSeen(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

        public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _dueTimes.Enqueue(dueTime);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
