using System.Net;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>python-bot-consumer</c>: the request consumer of a Python SpaceTraders bot whose author published weekly figures,
/// as it ran. Callers put their requests into a priority queue and wait; one consumer takes the first request, sends it,
/// and waits until 500 ms after it took it (one request per 500 ms); with nothing queued it looks again after 500 ms.
/// The queue's ordering compares the time a request was added before its priority, so it is first come first served
/// with the priority only breaking ties between requests added at the same instant: not a strict priority order. A 429
/// puts the request back at priority 0 (the most urgent; it keeps its time, so it goes first). A request that fails
/// with an exception is put back the same way and the consumer sleeps 30 s.
/// </summary>
/// <remarks>
/// The bot's priorities are numbers, lower first; the SDK's are mapped to <see cref="PriorityNumber"/>: Critical 1,
/// Normal 3, Background 5 (0 is kept for requeued requests). The consumer is an actor of the clock (<see cref="Start"/>),
/// the bot's consumer thread.
/// </remarks>
public sealed class PythonBotConsumerStrategy : IThrottlingStrategy
{
    /// <summary>The priority a request is put back at after a 429 or an exception.</summary>
    public const int RequeuePriority = 0;

    private static readonly HttpResponseMessage Accepted = new(HttpStatusCode.OK);
    private static readonly TimeSpan IdlePollFloor = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly PriorityQueue<WorkItem, (long Added, int Priority, long Sequence)> _queue = new();
    private readonly List<HttpMessageHandler> _handlers = [];
    private long _sequence;
    private Task? _consumer;

    /// <summary>Initializes a new instance of the <see cref="PythonBotConsumerStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The consumer's interval and sleep after an exception.</param>
    public PythonBotConsumerStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
    }

    /// <inheritdoc />
    public string Name => "python-bot-consumer";

    /// <summary>Gets the consumer's task (faults surface here), once started.</summary>
    public Task? Consumer => _consumer;

    /// <summary>Gets the bot's priority number of an SDK priority (lower goes first among requests added at the same instant).</summary>
    /// <param name="priority">The SDK's priority.</param>
    /// <returns>1, 3 or 5.</returns>
    public static int PriorityNumber(RequestPriority priority) => priority switch
    {
        RequestPriority.Critical => 1,
        RequestPriority.Normal => 3,
        _ => 5,
    };

    /// <inheritdoc />
    public void Start(CancellationToken cancellationToken)
        => _consumer ??= _clock.RunActorAsync("python-bot consumer", RunConsumerAsync, cancellationToken);

    /// <inheritdoc />
    public SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport)
    {
        var handler = new ConsumerHandler(this, transport);
        _handlers.Add(handler);
        return BaselineHandler.PassThroughOptions(token, _clock, handler);
    }

    /// <inheritdoc />
    public async ValueTask AcquireReleaseAsync(RequestPriority priority, CancellationToken cancellationToken)
        => await EnqueueAsync(priority, static _ => Task.FromResult(Accepted), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handler in _handlers)
        {
            handler.Dispose();
        }
    }

    /// <summary>Queues a request and waits until the consumer has sent it (and it was not a 429).</summary>
    /// <param name="priority">The request's priority.</param>
    /// <param name="send">Sends the request once.</param>
    /// <param name="cancellationToken">Gives up waiting.</param>
    /// <returns>The response.</returns>
    internal async Task<HttpResponseMessage> EnqueueAsync(RequestPriority priority, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var item = new WorkItem(send, _clock.CreateSignal("python-bot queue (" + priority + ")"), _clock.GetUtcNow().UtcTicks, cancellationToken);
        lock (_gate)
        {
            Put(item, PriorityNumber(priority));
        }

        try
        {
            await item.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                item.Abandoned = true; // The consumer drops it when it comes up.
            }

            throw;
        }

        return item.Response!;
    }

    private void Put(WorkItem item, int priority) => _queue.Enqueue(item, (item.Added, priority, _sequence++));

    private async Task RunConsumerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConsumeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with the run.
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WorkItem? item;
            lock (_gate)
            {
                do
                {
                    _queue.TryDequeue(out item, out _);
                }
                while (item is { Abandoned: true });
            }

            if (item is null)
            {
                // Nothing queued: look again after an interval (at least a millisecond, so an unpaced consumer does not spin).
                await _clock.DelayAsync(_settings.ConsumerInterval > IdlePollFloor ? _settings.ConsumerInterval : IdlePollFloor, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var next = _clock.GetUtcNow() + _settings.ConsumerInterval;
            HttpResponseMessage response;
            try
            {
                response = await item.Send(item.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (item.CancellationToken.IsCancellationRequested)
            {
                continue; // The caller gave up while its request was on the way.
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    Put(item, RequeuePriority);
                }

                await _clock.DelayAsync(_settings.PythonExceptionSleep, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (BaselineHandler.IsGameRateLimited(response))
            {
                response.Dispose();
                lock (_gate)
                {
                    Put(item, RequeuePriority);
                }
            }
            else
            {
                item.Response = response;
                if (!item.Signal.Set() && !ReferenceEquals(response, Accepted))
                {
                    response.Dispose(); // The caller gave up meanwhile.
                }
            }

            await _clock.DelayUntilAsync(next, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class WorkItem(Func<CancellationToken, Task<HttpResponseMessage>> send, IClockSignal signal, long added, CancellationToken cancellationToken)
    {
        public Func<CancellationToken, Task<HttpResponseMessage>> Send { get; } = send;

        public IClockSignal Signal { get; } = signal;

        public long Added { get; } = added;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public bool Abandoned { get; set; }

        public HttpResponseMessage? Response { get; set; }
    }

    private sealed class ConsumerHandler(PythonBotConsumerStrategy strategy, HttpMessageHandler transport) : BaselineHandler(transport)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => strategy.EnqueueAsync(PriorityOf(request), ct => SendToTransportAsync(request, ct), cancellationToken);
    }
}
