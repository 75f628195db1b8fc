using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Dashboard.Tests.Support;

namespace SpaceTraders.Dashboard.Tests.Api;

/// <summary>
/// The pushed updates, paced on a fake real-time clock: a page gets the payload at once, and after the game changes it
/// gets the new payload within one update interval (1 s; the issue asks for 2 s at x20), without asking again.
/// </summary>
[TestFixture]
public sealed class StreamTests
{
    [Test]
    public async Task A_change_reaches_an_open_stream_within_one_update_interval()
    {
        var live = LiveDashboardFixture.Dashboard;
        var push = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await DashboardServer.StartAsync(
            DashboardSource.ForRuntime(live.Fleet.Runtime),
            new DashboardServerOptions { Url = "http://127.0.0.1:0", Configure = o => { o.PushClock = push; o.ExportMetrics = false; } });
        using var http = new HttpClient { BaseAddress = server.Address };
        using var response = await http.GetAsync("/api/stream?path=overview", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await ReadEventAsync(reader);
        Assert.That(first.Type, Is.EqualTo("update"));
        var firstAt = first.Data.GetProperty("header").GetProperty("at").GetInt64();
        Assert.That(firstAt, Is.EqualTo(live.Fleet.Runtime.GetSnapshot().At.ToUnixTimeMilliseconds()));

        await live.Fleet.AdvanceAsync(TimeSpan.FromMinutes(1));
        var next = ReadEventAsync(reader);
        var waited = TimeSpan.Zero;
        while (!next.IsCompleted && waited < TimeSpan.FromSeconds(5))
        {
            push.Advance(TimeSpan.FromSeconds(1));
            waited += TimeSpan.FromSeconds(1);

            // Give the server a moment of real time to send what the fake second released.
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System));
        }

        Assert.That(next.IsCompleted, Is.True, "an update came");
        var second = await next;
        Assert.Multiple(() =>
        {
            Assert.That(waited, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(2)), "within the 2 seconds the issue allows");
            Assert.That(second.Data.GetProperty("header").GetProperty("at").GetInt64(), Is.EqualTo(live.Fleet.Runtime.GetSnapshot().At.ToUnixTimeMilliseconds()));
            Assert.That(second.Data.GetProperty("header").GetProperty("at").GetInt64() - firstAt, Is.GreaterThanOrEqualTo(60_000));
        });
    }

    [Test]
    public async Task An_unknown_path_streams_a_problem_not_an_error()
    {
        var live = LiveDashboardFixture.Dashboard;
        using var response = await live.Http.GetAsync("/api/stream?path=ships/NOBODY-1", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await ReadEventAsync(reader);
        Assert.That(first.Type, Is.EqualTo("problem"));
        Assert.That(first.Data.GetProperty("status").GetInt32(), Is.EqualTo(404));
    }

    private static async Task<(string Type, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        string? type = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return (type ?? "message", JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line[5..].TrimStart());
            }
        }

        throw new EndOfStreamException("The stream ended.");
    }
}
