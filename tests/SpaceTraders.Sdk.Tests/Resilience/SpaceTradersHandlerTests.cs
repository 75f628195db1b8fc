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
public sealed class SpaceTradersHandlerTests
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
        Assert.That(extract.Priority, Is.EqualTo(RequestPriority.Critical));
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

    [Test]
    public async Task Rate_limit_headers_on_a_success_correct_the_limiter()
    {
        using var clock = new VirtualClock();
        var transport = new ScriptedTransport(clock, (_, _) =>
        {
            var response = Ok();
            response.Headers.Add("x-ratelimit-type", "IP Address");
            response.Headers.Add("x-ratelimit-remaining", "4");
            response.Headers.Add("x-ratelimit-reset", clock.GetUtcNow().AddSeconds(50).ToString("O"));
            return response;
        });
        using var limiter = new PriorityRateLimiter(new ThrottlingOptions { SafetyMargin = TimeSpan.Zero }, clock);
        using var pipeline = Pipeline(clock, transport, out _, limiter: limiter);

        await RunAsync(clock, ct => pipeline.SendAsync(Get("my/agent"), ct));

        Assert.That(limiter.GetStatistics(new PermitRequest(RequestPriority.Normal))!.CurrentAvailablePermits, Is.EqualTo(1 + 4));
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
        var post = Assert.ThrowsAsync<RequestOutcomeUnknownException>(() => RunAsync(clock, ct => pipeline.SendAsync(Post("my/ships/A-1/orbit"), ct)));

        Assert.That(logs.Messages, Is.Not.Empty);
        Assert.That(logs.Messages, Has.None.Contains(Token));
        Assert.That(post!.Message, Does.Not.Contain(Token));
        Assert.That(SpaceTradersHandler.AccountKey(Token), Does.Not.Contain(Token).And.StartsWith("agent-"));
    }

    private static HttpMessageInvoker Pipeline(
        VirtualClock clock,
        ScriptedTransport transport,
        out RecordingObserver observer,
        RetryOptions? retry = null,
        PriorityRateLimiter? limiter = null,
        ILoggerFactory? loggerFactory = null)
    {
        observer = new RecordingObserver();
        var options = new SpaceTradersClientOptions
        {
            Token = Token,
            BaseAddress = BaseAddress,
            TimeProvider = clock,
            Throttling = new ThrottlingOptions { SafetyMargin = TimeSpan.Zero },
            Retry = retry ?? new RetryOptions { JitterSeed = 0 },
            LoggerFactory = loggerFactory,
        };
        options.Observers.Add(observer);
        limiter ??= new PriorityRateLimiter(options.Throttling, clock);
        return new HttpMessageInvoker(SpaceTradersPipeline.Create(options, limiter, transport));
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(BaseAddress, path));

    private static HttpRequestMessage Post(string path) => new(HttpMethod.Post, new Uri(BaseAddress, path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK) { Content = new StringContent("""{"data":{}}""", Encoding.UTF8, "application/json") };

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

        public List<(DateTimeOffset At, string Method, string Path)> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((_clock.GetUtcNow(), request.Method.Method, request.RequestUri!.AbsolutePath));
            }

            return _answer(request, cancellationToken);
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
