using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Sdk.Tests.Resilience;

[TestFixture]
public sealed class SpaceTradersPipelineTests
{
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.secret-agent-token.signature";
    private static readonly Uri BaseAddress = new("https://api.example.test/v2/");

    [Test]
    public async Task A_game_429_pauses_until_its_reset_and_the_request_goes_back_to_the_front()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new ScriptedTransport(clock, (request, n) =>
            n == 1 ? GameRateLimited(clock.GetUtcNow().AddSeconds(3)) : Ok());
        using var pipeline = Pipeline(clock, transport, out var observer);

        await RunAsync(clock, async ct =>
        {
            var first = clock.RunActorAsync("first", c => pipeline.SendAsync(Post("my/ships/A-1/extract"), c), ct);
            var second = clock.RunActorAsync("second", async c =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(0.5), c);
                await pipeline.SendAsync(Post("my/ships/A-2/extract"), c);
            }, ct);
            await Task.CompletedTask;
        });
        await WaitForAsync(() => transport.Calls.Count == 3);

        Assert.That(transport.Calls.Select(c => c.Path), Is.EqualTo(new[] { "/v2/my/ships/A-1/extract", "/v2/my/ships/A-1/extract", "/v2/my/ships/A-2/extract" }),
            "the requeued request goes before one that queued while the pools were paused");
        Assert.That(transport.Calls[1].At - start, Is.EqualTo(TimeSpan.FromSeconds(3)), "resumed exactly at the server's reset, no extra sleep");
        var extract = observer.Records.Single(r => r.Endpoint == "/my/ships/{shipSymbol}/extract" && r.RateLimited == 1);
        Assert.That(extract.Attempts, Is.EqualTo(2));
        Assert.That(extract.StatusCode, Is.EqualTo(200));
        Assert.That(extract.Priority, Is.EqualTo(RequestPriority.Normal));
    }

    /// <summary>
    /// A game 429 read from its body alone (no rate-limit headers) whose fields are not the types the docs show: it
    /// is still the game's limiter (code 429) and is requeued, never an <see cref="InvalidOperationException"/> or a
    /// <see cref="FormatException"/> from reading it.
    /// </summary>
    [TestCase("""{"error":{"message":"You have reached your API limit.","code":429,"data":{"type":"IP Address","remaining":null,"reset":"RESET"}}}""")]
    [TestCase("""{"error":{"message":"You have reached your API limit.","code":429,"data":{"type":"IP Address","remaining":"0","reset":"RESET"}}}""")]
    [TestCase("""{"error":{"message":"You have reached your API limit.","code":429.0,"data":{"type":"IP Address","remaining":0,"reset":"RESET"}}}""")]
    [TestCase(""" {"error":"You have reached your API limit."}""")]
    public async Task A_game_429_body_with_unexpected_field_types_is_still_requeued(string body)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1
            ? new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent(body.Replace("RESET", clock.GetUtcNow().AddSeconds(2).ToString("O"), StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            }
            : Ok());
        using var pipeline = Pipeline(clock, transport, out var observer);

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(observer.Records.Single().RateLimited, Is.EqualTo(1));
    }

    [Test]
    public async Task An_html_429_without_headers_gets_capped_exponential_backoff_and_does_not_pause_the_limiter()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new ScriptedTransport(clock, (_, n) => n <= 2 ? HtmlRateLimited() : Ok());
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), JitterSeed = 1 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(3));
        var firstGap = transport.Calls[1].At - transport.Calls[0].At;
        var secondGap = transport.Calls[2].At - transport.Calls[1].At;
        Assert.That(firstGap, Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
        Assert.That(secondGap, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.That(observer.Records.Single().RateLimited, Is.EqualTo(2));
        Assert.That(transport.Calls[0].At, Is.EqualTo(start));
    }

    [Test]
    public async Task A_503_is_retried_up_to_the_attempt_limit_then_returned()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => Maintenance());
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { MaxAttempts = 3, JitterSeed = 2 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/dock"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(transport.Calls, Has.Count.EqualTo(3));
        Assert.That(observer.Records.Single().Attempts, Is.EqualTo(3));
    }

    [Test]
    public void A_post_whose_connection_dropped_after_sending_is_not_retried()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var pipeline = Pipeline(clock, transport, out _);

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/purchase"), ct)));

        Assert.That(transport.Calls, Has.Count.EqualTo(1));
        Assert.That(error!.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}/purchase"));
        Assert.That(error.Message, Does.Not.Contain(Token));
    }

    [Test]
    public async Task A_get_whose_connection_dropped_is_retried_and_a_post_that_never_connected_is_retried()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (request, n) => n switch
        {
            1 => throw new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"),
            2 => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
            _ => Ok(),
        });
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { JitterSeed = 3 });

        var get = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_post_that_times_out_is_reported_as_unknown_outcome_and_a_get_is_retried()
    {
        using var clock = new VirtualClock();
        var slowOnce = 0;
        var transport = ScriptedTransport.Async(clock, async (request, ct) =>
        {
            if (request.Method == HttpMethod.Get && Interlocked.Increment(ref slowOnce) > 1)
            {
                return Ok();
            }

            await clock.DelayAsync(TimeSpan.FromMinutes(5), ct);
            return Ok();
        });
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { AttemptTimeout = TimeSpan.FromSeconds(10), JitterSeed = 4 });

        Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/refuel"), ct)));
        Assert.That(async () => (await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_retry_after_given_as_a_date_is_honoured()
    {
        // HTTP allows Retry-After as seconds or as a date; a proxy in front of the game may send the date. Reading only
        // the seconds form ignored the date and retried at once.
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var until = start.AddSeconds(20);
        until = new DateTimeOffset(until.UtcTicks - (until.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);   // an HTTP date has whole seconds
        var transport = new ScriptedTransport(clock, (_, n) =>
        {
            if (n > 1)
            {
                return Ok();
            }

            var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>503 Service Unavailable</html>", Encoding.UTF8, "text/html") };
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(until);
            return busy;
        });
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromMinutes(1), JitterSeed = 3 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
        Assert.That(transport.Calls[1].At, Is.EqualTo(until), "sent again when the server said, not at once");
    }

    [Test]
    public async Task A_game_429_whose_reset_is_already_past_on_our_clock_waits_its_retry_after()
    {
        // The server's clock runs behind the client's: the x-ratelimit-reset it names is already past here. Taking it
        // as said let the requeued request go at once, into the same empty pools, again and again until the requeue
        // limit gave up. Retry-After is relative, so no clock skew bends it.
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? GameRateLimited(clock.GetUtcNow().AddSeconds(-2)) : Ok());
        using var pipeline = Pipeline(clock, transport, out _);

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/extract"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
        Assert.That(transport.Calls[1].At - start, Is.EqualTo(TimeSpan.FromSeconds(3)), "the Retry-After of 3 s");
    }

    [Test]
    public async Task Waiting_for_the_rate_limiter_does_not_count_toward_the_attempt_timeout()
    {
        // A game 429 pauses the pools for two minutes; the requeued purchase waits them out in the queue. That wait
        // is not a request without an answer: with a 10 s attempt timeout the purchase must still go out, once more.
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? GameRateLimited(clock.GetUtcNow().AddMinutes(2)) : Ok());
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { AttemptTimeout = TimeSpan.FromSeconds(10), JitterSeed = 12 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/purchase"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
        Assert.That(observer.Records.Single().QueueWait, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void Cancellation_during_backoff_ends_the_call_at_once()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => Maintenance());
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { BaseDelay = TimeSpan.FromMinutes(1), JitterSeed = 5 });

        Assert.That(
            () => RunAsync(clock, async ct =>
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10), clock);
                return await pipeline.SendAsync(Get("my/agent"), cts.Token);
            }),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(transport.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_full_queue_fails_fast_with_a_clear_exception_and_sends_nothing()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => Ok());
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero, QueueLimit = 0, StaticPoolSize = 0, BurstPoolSize = 1 }, clock);
        using var pipeline = Pipeline(clock, transport, out _, limiter: limiter);

        Assert.That(async () => (await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var error = Assert.ThrowsAsync<RequestQueueFullException>(() => RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct)));
        Assert.That(error!.Message, Does.Contain("GET /my/agent"));
        Assert.That(transport.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_priority_override_on_the_request_wins_over_the_endpoint_default()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => Ok());
        using var pipeline = Pipeline(clock, transport, out var observer);

        var request = Get("systems/X1-A/waypoints");
        SpaceTradersRequestOptions.SetPriority(request, RequestPriority.Critical);
        await RunAsync(clock, ct => pipeline.SendAsync(request, ct));
        await RunAsync(clock, ct => pipeline.SendAsync(Get("systems/X1-A/waypoints"), ct));

        Assert.That(observer.Records.Select(r => r.Priority), Is.EqualTo(new[] { RequestPriority.Critical, RequestPriority.Background }));
    }

    [TestCase("30", 1 + 4, TestName = "Rate-limit headers on a success correct the limiter when they count the burst pool")]
    [TestCase("10", 1 + 4, TestName = "Rate-limit headers on a success correct the limiter out of any pool larger than a second's")]
    [TestCase("2", 1 + 30, TestName = "Rate-limit headers on a success counting a second's pool leave the burst pool alone")]
    [TestCase(null, 1 + 30, TestName = "Rate-limit headers on a success without the pool's size leave the burst pool alone")]
    public async Task Rate_limit_headers_on_a_success_correct_the_burst_pool_only_when_they_count_it(string? limit, int available)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) =>
        {
            var response = Ok();
            response.Headers.Add("x-ratelimit-type", "IP Address");
            response.Headers.Add("x-ratelimit-remaining", "4");
            response.Headers.Add("x-ratelimit-reset", clock.GetUtcNow().AddSeconds(50).ToString("O"));
            if (limit is not null)
            {
                response.Headers.Add("x-ratelimit-limit", limit);
            }

            return response;
        });
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);
        using var pipeline = Pipeline(clock, transport, out _, limiter: limiter);

        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        // One request took a point of the per-second pool; the burst pool has 30 unless the answer corrected it to 4.
        Assert.That(limiter.GetStatistics(new PermitRequest(RequestPriority.Normal))!.CurrentAvailablePermits, Is.EqualTo(available));
    }

    /// <summary>
    /// Three 502s in a row (the DDoS layer asking for a wait of minutes): the limiter pauses all sending for 60 s on
    /// the client's clock, the retry and a request queued meanwhile both go when the pause ends, one warning is logged.
    /// With pacing off the DDoS layer is the same, so is the pause.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task Three_502s_in_a_row_pause_all_sending_for_a_minute(bool paced)
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new ScriptedTransport(clock, (_, n) => n <= 3 ? Fault("502") : Ok("""{"data":{"symbol":"A-1"}}"""));
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { JitterSeed = 3 }, limiter: limiter, loggerFactory: loggerFactory, paced: paced);

        await RunAsync(clock, async ct =>
        {
            _ = clock.RunActorAsync("ship", c => pipeline.SendAsync(Get("my/ships/A-1"), c), ct);
            _ = clock.RunActorAsync("other", async c =>
            {
                await clock.DelayAsync(TimeSpan.FromSeconds(20), c);
                await pipeline.SendAsync(Get("my/agent"), c);
            }, ct);
            await Task.CompletedTask;
        });
        await WaitForAsync(() => observer.Records.Count == 2);

        var pausedAt = transport.Calls[2].At;
        Assert.Multiple(() =>
        {
            Assert.That(pausedAt - start, Is.LessThan(TimeSpan.FromSeconds(20)), "the streak ended before the other request queued");
            Assert.That(transport.Calls.Skip(3).Select(c => c.At), Is.EqualTo(new[] { pausedAt.AddSeconds(60), pausedAt.AddSeconds(60) }), "nothing went out during the pause");
            Assert.That(transport.Calls.Skip(3).Select(c => c.Path), Is.EqualTo(new[] { "/v2/my/ships/A-1", "/v2/my/agent" }));
            Assert.That(observer.Records.Select(r => r.StatusCode), Is.All.EqualTo(200));
            Assert.That(limiter.BadGatewayPauses, Is.EqualTo(1));
            Assert.That(logs.Messages.Count(m => m.Contains("in a row were 502", StringComparison.Ordinal)), Is.EqualTo(1), "one warning");
            Assert.That(observer.Records.Single(r => r.Endpoint == "/my/agent").QueueWait, Is.EqualTo(pausedAt.AddSeconds(60) - start - TimeSpan.FromSeconds(20)), "the pause is queue wait");
        });
    }

    /// <summary>A streak of zero is the pause's own switch: off, paced or not, 502s in a row are only retried.</summary>
    [Test]
    public async Task With_the_streak_set_to_zero_502s_in_a_row_are_only_retried([Values] bool paced)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n <= 3 ? Fault("502") : Ok("""{"data":{"symbol":"A-1"}}"""));
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero, BadGatewayStreak = 0 }, clock);
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { JitterSeed = 3 }, limiter: limiter, paced: paced);

        using var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(transport.Calls, Has.Count.EqualTo(4));
            Assert.That(transport.Calls[3].At - transport.Calls[2].At, Is.LessThan(TimeSpan.FromSeconds(30)), "only backoff, no pause");
            Assert.That(limiter.BadGatewayPauses, Is.Zero);
        });
    }

    /// <summary>Sporadic 502s, each followed by a good answer, are retried after their backoff as before: no pause.</summary>
    [Test]
    public async Task Sporadic_502s_are_only_retried()
    {
        using var clock = new VirtualClock();
        var start = clock.GetUtcNow();
        var transport = new ScriptedTransport(clock, (_, n) => n % 3 != 0 ? Fault("502") : Ok("""{"data":{"symbol":"A-1"}}"""));
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { JitterSeed = 4 }, limiter: limiter);

        await RunAsync(clock, async ct =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await pipeline.SendAsync(Get("my/ships/A-1"), ct);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(transport.Calls, Has.Count.EqualTo(30), "two 502s and a good answer, ten times");
            Assert.That(limiter.BadGatewayPauses, Is.Zero);
            var gaps = transport.Calls.Zip(transport.Calls.Skip(1), (a, b) => b.At - a.At);
            Assert.That(gaps, Is.All.LessThan(TimeSpan.FromSeconds(30)), "only backoff between attempts");
        });
    }

    [Test]
    public void The_token_never_reaches_logs_or_exception_messages()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (request, n) => n < 3 || request.Method == HttpMethod.Post
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, $"server closed while sending Bearer {Token}")
            : Ok());
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var pipeline = Pipeline(clock, transport, out _, loggerFactory: loggerFactory, retry: new RetryOptions { JitterSeed = 6 });

        Assert.That(async () => await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct)), Throws.Nothing);
        // Orbit is idempotent (retried like a GET), so the action whose outcome is unknown is a refuel.
        var post = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/refuel"), ct)));

        Assert.That(logs.Messages, Is.Not.Empty);
        Assert.That(logs.Messages, Has.None.Contains(Token));
        Assert.That(post!.Message, Does.Not.Contain(Token));
        Assert.That(ThrottlingHandler.AccountKey(Token), Does.Not.Contain(Token).And.StartsWith("agent-"));
    }

    [TestCase("500")]
    [TestCase("502")]
    [TestCase("503")]
    [TestCase("504")]
    [TestCase("html-429")]
    [TestCase("truncated")]
    [TestCase("malformed")]
    [TestCase("empty")]
    [TestCase("connection-refused")]
    [TestCase("response-ended")]
    [TestCase("io")]
    public async Task A_get_is_retried_on_any_transient_fault_and_then_reads_the_good_answer(string fault)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? Fault(fault) : Ok("""{"data":{"symbol":"A-1"}}"""));
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { JitterSeed = 7 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"data":{"symbol":"A-1"}}"""));
        Assert.That(transport.Calls, Has.Count.EqualTo(2), "one fault, one retry");
        Assert.That(transport.Calls[1].At - transport.Calls[0].At, Is.GreaterThan(TimeSpan.Zero), "the retry waited (backoff)");
        Assert.That(observer.Records.Single().Attempts, Is.EqualTo(2));
    }

    [TestCase("502", OutcomeUnknownCause.GatewayError)]
    [TestCase("503", OutcomeUnknownCause.GatewayError)]
    [TestCase("504", OutcomeUnknownCause.GatewayError)]
    [TestCase("500", OutcomeUnknownCause.ServerError)]
    [TestCase("html-429", OutcomeUnknownCause.InfrastructureRateLimit)]
    [TestCase("response-ended", OutcomeUnknownCause.ResponseLost)]
    [TestCase("io", OutcomeUnknownCause.ResponseLost)]
    [TestCase("truncated", OutcomeUnknownCause.UnreadableResponse)]
    [TestCase("malformed", OutcomeUnknownCause.UnreadableResponse)]
    public void An_action_whose_outcome_is_unknown_is_sent_once_and_reported_as_such(string fault, OutcomeUnknownCause cause)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? Fault(fault) : Ok());
        using var pipeline = Pipeline(clock, transport, out _);

        var error = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/sell"), ct)));

        Assert.That(transport.Calls, Has.Count.EqualTo(1), "never resent blindly");
        Assert.That(error!.Cause, Is.EqualTo(cause));
        Assert.That(error.Endpoint, Is.EqualTo("/my/ships/{shipSymbol}/sell"));
        Assert.That(error.RequestId, Is.EqualTo(transport.Calls[0].RequestId));
        Assert.That(error.Outcome, Is.EqualTo(cause == OutcomeUnknownCause.UnreadableResponse ? ActionOutcome.Applied : ActionOutcome.Unknown),
            "a success status says the action ran, even when its body cannot be read");
    }

    [TestCase("connection-refused")]
    [TestCase("maintenance")]
    public async Task An_action_that_cannot_have_run_is_sent_again(string fault)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? Fault(fault) : Ok());
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { JitterSeed = 8 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/purchase"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
    }

    [TestCase("my/ships/A-1/orbit")]
    [TestCase("my/ships/A-1/dock")]
    public async Task Orbit_and_dock_are_idempotent_and_retried_like_reads(string path)
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? Fault("504") : Ok());
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { JitterSeed = 9 });

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Post(path), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_patch_of_the_flight_mode_is_idempotent_and_retried()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? Fault("response-ended") : Ok());
        using var pipeline = Pipeline(clock, transport, out _, retry: new RetryOptions { JitterSeed = 10 });

        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(BaseAddress, "my/ships/A-1/nav")) { Content = new StringContent("""{"flightMode":"BURN"}""", Encoding.UTF8, "application/json") };
        var response = await RunAsync(clock, ct => pipeline.SendAsync(request, ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(transport.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_game_error_with_a_code_is_returned_at_once_even_on_a_5xx_status()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("""{"error":{"message":"Ship action is still on cooldown.","code":4000}}""", Encoding.UTF8, "application/json"),
        });
        using var pipeline = Pipeline(clock, transport, out _);

        var response = await RunAsync(clock, ct => pipeline.SendAsync(Get("my/ships/A-1"), ct));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(transport.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Every_attempt_and_requeue_of_a_call_carries_the_same_request_id_and_each_call_its_own()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n switch
        {
            1 => GameRateLimited(clock.GetUtcNow().AddSeconds(1)),
            2 => Fault("502"),
            3 => Fault("connection-refused"),
            _ => Ok(),
        });
        using var pipeline = Pipeline(clock, transport, out var observer, retry: new RetryOptions { JitterSeed = 11 });

        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));
        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        var ids = transport.Calls.Select(c => c.RequestId).ToList();
        Assert.That(ids, Has.Count.EqualTo(5));
        Assert.That(ids, Has.None.Null.And.None.Empty);
        Assert.That(ids.Take(4).Distinct().Count(), Is.EqualTo(1), "a requeue, a retry after a 502 and one after a refused connection keep the id");
        Assert.That(ids[4], Is.Not.EqualTo(ids[0]), "the next call has an id of its own");
        Assert.That(observer.Records.Select(r => r.RequestId), Is.EqualTo(new[] { ids[0], ids[4] }));
    }

    [Test]
    public async Task A_request_id_the_caller_set_is_kept()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) => Ok());
        using var pipeline = Pipeline(clock, transport, out var observer);

        var request = Get("my/agent");
        request.Headers.Add(SpaceTradersRequestOptions.RequestIdHeader, "mine-1");
        await RunAsync(clock, ct => pipeline.SendAsync(request, ct));

        Assert.That(transport.Calls.Single().RequestId, Is.EqualTo("mine-1"));
        Assert.That(observer.Records.Single().RequestId, Is.EqualTo("mine-1"));
    }

    [Test]
    public async Task Delayed_means_waiting_longer_than_the_threshold_and_the_raw_wait_is_kept()
    {
        using var clock = new VirtualClock();
        // The first call is paused by a game 429 for 0.5 s, the second for 3 s, the third goes at once.
        var transport = new ScriptedTransport(clock, (_, n) => n switch
        {
            1 => GameRateLimited(clock.GetUtcNow().AddSeconds(0.5)),
            3 => GameRateLimited(clock.GetUtcNow().AddSeconds(3)),
            _ => Ok(),
        });
        using var pipeline = Pipeline(clock, transport, out var observer);

        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));
        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));
        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        Assert.That(observer.Records.Select(r => r.QueueWait), Is.EqualTo(new[] { TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), TimeSpan.Zero }),
            "the raw wait is kept for percentiles");
        Assert.That(observer.Records.Select(r => r.Delayed), Is.EqualTo(new[] { false, true, false }),
            "only a wait longer than the 1 s default threshold counts as delayed");
    }

    [Test]
    public async Task The_delayed_threshold_is_configurable()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, n) => n == 1 ? GameRateLimited(clock.GetUtcNow().AddSeconds(0.5)) : Ok());
        using var pipeline = Pipeline(clock, transport, out var observer, delayedThreshold: TimeSpan.FromSeconds(0.25));

        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        Assert.That(observer.Records.Single().Delayed, Is.True);
    }

    [TestCase(true, 200, false, null, "Return")]
    [TestCase(true, 200, true, null, "Retry")]
    [TestCase(false, 201, true, null, "OutcomeUnknown")]
    [TestCase(true, 500, false, 500, "Retry")]
    [TestCase(false, 500, false, 500, "OutcomeUnknown")]
    [TestCase(false, 503, false, 503, "Retry")]
    [TestCase(false, 503, false, null, "OutcomeUnknown")]
    [TestCase(false, 502, false, 4000, "Return")]
    [TestCase(false, 500, false, 3000, "OutcomeUnknown")]
    [TestCase(true, 500, false, 3000, "Retry")]
    [TestCase(false, 500, false, 3002, "OutcomeUnknown")]
    [TestCase(false, 503, false, 3100, "Retry")]
    [TestCase(true, 503, false, 3100, "Retry")]
    [TestCase(false, 429, false, null, "OutcomeUnknown")]
    [TestCase(true, 429, false, null, "Retry")]
    [TestCase(false, 400, false, 4214, "Return")]
    [TestCase(true, 409, false, 4000, "Return")]
    public void The_retry_rule(bool idempotent, int status, bool unreadable, int? gameCode, string expected)
        => Assert.That(RetryHandler.Classify(idempotent, status, unreadable, gameCode).Verdict.ToString(), Is.EqualTo(expected));

    private static HttpResponseMessage Fault(string fault) => fault switch
    {
        "500" => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("""{"error":{"message":"Internal server error","code":500}}""", Encoding.UTF8, "application/json") },
        "502" => Html(HttpStatusCode.BadGateway),
        "503" => Html(HttpStatusCode.ServiceUnavailable),
        "504" => Html(HttpStatusCode.GatewayTimeout),
        "maintenance" => Maintenance(),
        "html-429" => HtmlRateLimited(),
        "truncated" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new BrokenContent("""{"data":{"symbol":"A-1","nav":{"""u8.ToArray()) },
        "malformed" => Ok("""{"data":{"symbol":"A-1","na"""),
        "empty" => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) },
        "connection-refused" => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"),
        "response-ended" => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
        "io" => throw new IOException("Connection reset by peer"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static HttpResponseMessage Html(HttpStatusCode status) => new(status)
    {
        Content = new StringContent($"<html><head><title>{(int)status}</title></head><body>{status}</body></html>", Encoding.UTF8, "text/html"),
    };

    private static HttpMessageInvoker Pipeline(
        VirtualClock clock,
        ScriptedTransport transport,
        out RecordingObserver observer,
        RetryOptions? retry = null,
        PriorityRateLimiter? limiter = null,
        ILoggerFactory? loggerFactory = null,
        TimeSpan? delayedThreshold = null,
        bool paced = true)
    {
        observer = new RecordingObserver();
        var options = new SpaceTradersClientOptions
        {
            Token = Token,
            BaseAddress = BaseAddress,
            TimeProvider = clock,
            Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero, Enabled = paced },
            Retry = retry ?? new RetryOptions { JitterSeed = 0 },
            LoggerFactory = loggerFactory,
        };
        if (delayedThreshold is { } threshold)
        {
            options.DelayedThreshold = threshold;
        }

        options.Observers.Add(observer);
        limiter ??= new PriorityRateLimiter(options.Throttling, clock);
        return new HttpMessageInvoker(SpaceTradersPipeline.Create(options, limiter, transport));
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(BaseAddress, path));

    private static HttpRequestMessage Post(string path) => new(HttpMethod.Post, new Uri(BaseAddress, path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Ok(string body = """{"data":{}}""") => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Maintenance() => new(HttpStatusCode.ServiceUnavailable)
    {
        Content = new StringContent("""{"error":{"message":"The server is down for maintenance.","code":503}}""", Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage HtmlRateLimited() => new(HttpStatusCode.TooManyRequests)
    {
        Content = new StringContent("<html><head><title>429</title></head><body>429 Too Many Requests</body></html>", Encoding.UTF8, "text/html"),
    };

    private static HttpResponseMessage GameRateLimited(DateTimeOffset reset)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent(
                """{"error":{"message":"You have reached your API limit.","code":429,"data":{"type":"IP Address","retryAfter":3,"limitBurst":30,"limitPerSecond":2,"remaining":0,"reset":"RESET"}}}""".Replace("RESET", reset.ToString("O"), StringComparison.Ordinal),
                Encoding.UTF8,
                "application/json"),
        };
        response.Headers.Add("Retry-After", "3");
        response.Headers.Add("x-ratelimit-type", "IP Address");
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", reset.ToString("O"));
        return response;
    }

    /// <summary>Runs <paramref name="body"/> as a root actor, so virtual time moves while it waits.</summary>
    private static async Task<T> RunAsync<T>(VirtualClock clock, Func<CancellationToken, Task<T>> body)
    {
        T result = default!;
        await clock.RunActorAsync("test", async ct => result = await body(ct), CancellationToken.None);
        return result;
    }

    private static Task RunAsync(VirtualClock clock, Func<CancellationToken, Task> body)
        => clock.RunActorAsync("test", body, CancellationToken.None);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), TimeProvider.System);
        while (!condition())
        {
            await Task.Yield();
            cts.Token.ThrowIfCancellationRequested();
        }
    }

    private sealed class ScriptedTransport : HttpMessageHandler
    {
        private readonly VirtualClock _clock;
        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

        public ScriptedTransport(VirtualClock clock, Func<HttpRequestMessage, int, HttpResponseMessage> answer)
        {
            _clock = clock;
            var count = 0;
            _answer = (request, _) => Task.FromResult(answer(request, Interlocked.Increment(ref count)));
        }

        private ScriptedTransport(VirtualClock clock, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
        {
            _clock = clock;
            _answer = answer;
        }

        public static ScriptedTransport Async(VirtualClock clock, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) => new(clock, answer);

        public List<(DateTimeOffset At, string Method, string Path, string? RequestId)> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((_clock.GetUtcNow(), request.Method.Method, request.RequestUri!.AbsolutePath, SpaceTradersRequestOptions.GetRequestId(request)));
            }

            return _answer(request, cancellationToken);
        }
    }

    /// <summary>A body that breaks off: the connection ends after the first bytes.</summary>
    private sealed class BrokenContent(byte[] start) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(start);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = start.Length * 2;
            return true;
        }
    }

    private sealed class RecordingObserver : IRequestObserver
    {
        private readonly List<RequestRecord> _records = [];

        public IReadOnlyList<RequestRecord> Records
        {
            get
            {
                lock (_records)
                {
                    return [.. _records];
                }
            }
        }

        public void OnRequestCompleted(RequestRecord record)
        {
            lock (_records)
            {
                _records.Add(record);
            }
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (provider._messages)
                {
                    provider._messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
