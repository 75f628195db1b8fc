using SpaceTraders.Runtime.Dispatching;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>The park-aware waits the dispatcher and the fleet board are built on, under the virtual clock.</summary>
[TestFixture]
public sealed class DoorbellAndBoardTests
{
    [Test]
    public async Task A_doorbell_wakes_its_waiter_at_the_ring_or_at_the_timeout_and_keeps_an_early_ring()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var results = new List<(bool Rung, TimeSpan At)>();
        var bell = new Doorbell(clock, "test");

        Task? ringer = null;
        Task? waiter = null;
        await clock.RunActorAsync("root", _ =>
        {
            ringer = clock.RunActorAsync("ringer", async ct =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(5), ct);
                bell.Ring();
            }, CancellationToken.None);
            waiter = clock.RunActorAsync("waiter", async ct =>
            {
                results.Add((await bell.WaitAsync(TimeSpan.FromSeconds(2), ct), clock.GetUtcNow() - start));
                results.Add((await bell.WaitAsync(TimeSpan.FromMinutes(1), ct), clock.GetUtcNow() - start));
                bell.Ring();
                results.Add((await bell.WaitAsync(TimeSpan.FromMinutes(1), ct), clock.GetUtcNow() - start));
                results.Add((await bell.WaitUntilAsync(clock.GetUtcNow() + TimeSpan.FromSeconds(3), ct), clock.GetUtcNow() - start));
            }, CancellationToken.None);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(ringer!, waiter!);

        Assert.That(results, Is.EqualTo(new[]
        {
            (false, TimeSpan.FromSeconds(2)),
            (true, TimeSpan.FromSeconds(5)),
            (true, TimeSpan.FromSeconds(5)),
            (false, TimeSpan.FromSeconds(8)),
        }));
    }

    [Test]
    public async Task The_fleet_board_posts_claims_and_wakes_watchers_of_a_prefix()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var board = new FleetBoard(clock);
        var seen = new List<(bool Changed, TimeSpan At)>();
        var claims = new List<bool>();

        Task? watcher = null;
        Task? poster = null;
        await clock.RunActorAsync("root", ct =>
        {
            watcher = clock.RunActorAsync("watcher", async wct =>
            {
                seen.Add((await board.WaitForChangeAsync("hauler/", TimeSpan.FromMinutes(1), wct), clock.GetUtcNow() - start));
                seen.Add((await board.WaitForChangeAsync("hauler/", TimeSpan.FromSeconds(10), wct), clock.GetUtcNow() - start));
            }, CancellationToken.None);
            poster = clock.RunActorAsync("poster", async pct =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(3), pct);
                board.Post("miner/A", "at B1");
                await clock.DelayAsync(TimeSpan.FromSeconds(4), pct);
                claims.Add(board.TryClaim("hauler/A", "X1-A1"));
                claims.Add(board.TryClaim("hauler/A", "X1-B2"));
            }, CancellationToken.None);
            return Task.CompletedTask;
        }, CancellationToken.None);
        await Task.WhenAll(watcher!, poster!);

        Assert.That(seen, Is.EqualTo(new[] { (true, TimeSpan.FromSeconds(7)), (false, TimeSpan.FromSeconds(17)) }), "the miner's note is not a hauler's");
        Assert.That(claims, Is.EqualTo(new[] { true, false }));
        Assert.That(board.TryRead<string>("hauler/A", out var value) ? value : null, Is.EqualTo("X1-A1"));
        Assert.That(board.TryRead<int>("hauler/A", out _), Is.False, "a note of another type is not read");
        Assert.That(board.ReadAll<string>(string.Empty).Select(n => n.Key), Is.EqualTo(new[] { "hauler/A", "miner/A" }));
        Assert.That(board.Remove("miner/A"), Is.True);
        Assert.That(board.Remove("miner/A"), Is.False);
    }
}
