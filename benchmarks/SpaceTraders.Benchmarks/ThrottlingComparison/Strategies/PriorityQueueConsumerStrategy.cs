using System.Net;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Strategies;

/// <summary>
/// <c>priority-queue-consumer</c>: callers put their requests into a priority queue (Critical, then Normal, then
/// Background; first in first out within a priority) and wait; a single consumer takes the first request,
/// sends it, hands the response back and pauses 500 ms before the next. On a 429 from the game it waits until
/// <c>x-ratelimit-reset</c> and puts the request back at the front of its priority.
/// </summary>
/// <remarks>The consumer is an actor of the clock (<see cref="Start"/>), the "thread" of the original idea.</remarks>
public sealed class PriorityQueueConsumerStrategy : IThrottlingStrategy
{
    private static readonly HttpResponseMessage Accepted = new(HttpStatusCode.OK);

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly StrategySettings _settings;
    private readonly LinkedList<WorkItem>[] _queues = [new(), new(), new()];
    private readonly List<HttpMessageHandler> _handlers = [];
    private IClockSignal? _idle;
    private Task? _consumer;

    /// <summary>Initializes a new instance of the <see cref="PriorityQueueConsumerStrategy"/> class.</summary>
    /// <param name="clock">The clock every wait parks on.</param>
    /// <param name="settings">The consumer's pause between requests.</param>
    public PriorityQueueConsumerStrategy(TimeProvider clock, StrategySettings settings)
    {
        _clock = clock;
        _settings = settings;
    }

    /// <inheritdoc />
    public string Name => "priority-queue-consumer";

    /// <summary>Gets the consumer's task (faults surface here), once started.</summary>
    public Task? Consumer => _consumer;

    /// <inheritdoc />
    public void Start(CancellationToken cancellationToken)
        => _consumer ??= _clock.RunActorAsync("priority-queue consumer", RunConsumerAsync, cancellationToken);

    /// <inheritdoc />
    public SpaceTradersClientOptions CreateClientOptions(string token, HttpMessageHandler transport)
    {
        var handler = new QueueHandler(this, transport);
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

    private static int Index(RequestPriority priority) => priority switch
    {
        RequestPriority.Critical => 0,
        RequestPriority.Normal => 1,
        _ => 2,
    };

    /// <summary>Queues a request and waits until the consumer has sent it.</summary>
    private async Task<HttpResponseMessage> EnqueueAsync(RequestPriority priority, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var item = new WorkItem(priority, send, _clock.CreateSignal("priority queue (" + priority + ")"), cancellationToken);
        IClockSignal? wake;
        lock (_gate)
        {
            item.Node = _queues[Index(priority)].AddLast(item);
            wake = _idle;
            _idle = null;
        }

        wake?.Set();
        try
        {
            await item.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                if (item.Node?.List is { } list)
                {
                    list.Remove(item.Node);
                }
            }

            throw;
        }

        return item.Response ?? throw new HttpRequestException("The priority-queue consumer could not send the request.", item.Failure);
    }

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
            WorkItem? item = null;
            IClockSignal? idle = null;
            lock (_gate)
            {
                foreach (var queue in _queues)
                {
                    if (queue.First is { } first)
                    {
                        item = first.Value;
                        queue.RemoveFirst();
                        break;
                    }
                }

                if (item is null)
                {
                    idle = _idle = _clock.CreateSignal("priority-queue consumer idle");
                }
            }

            if (item is null)
            {
                await idle!.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            HttpResponseMessage response;
            try
            {
                item.Attempts++;
                response = await item.Send(item.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                item.Failure = ex;
                item.Signal.Set();
                await _clock.DelayAsync(_settings.ConsumerInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (BaselineHandler.IsGameRateLimited(response) && item.Attempts < _settings.MaxAttempts)
            {
                var reset = BaselineHandler.ResetOf(response) ?? _clock.GetUtcNow().AddSeconds(1);
                response.Dispose();
                lock (_gate)
                {
                    item.Node = _queues[Index(item.Priority)].AddFirst(item);
                }

                await _clock.DelayUntilAsync(reset, cancellationToken).ConfigureAwait(false);
                continue;
            }

            item.Response = response;
            if (!item.Signal.Set() && !ReferenceEquals(response, Accepted))
            {
                response.Dispose(); // The caller gave up meanwhile.
            }

            await _clock.DelayAsync(_settings.ConsumerInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class WorkItem(RequestPriority priority, Func<CancellationToken, Task<HttpResponseMessage>> send, IClockSignal signal, CancellationToken cancellationToken)
    {
        public RequestPriority Priority { get; } = priority;

        public Func<CancellationToken, Task<HttpResponseMessage>> Send { get; } = send;

        public IClockSignal Signal { get; } = signal;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public LinkedListNode<WorkItem>? Node { get; set; }

        public int Attempts { get; set; }

        public HttpResponseMessage? Response { get; set; }

        public Exception? Failure { get; set; }
    }

    private sealed class QueueHandler(PriorityQueueConsumerStrategy strategy, HttpMessageHandler transport) : BaselineHandler(transport)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => strategy.EnqueueAsync(PriorityOf(request), ct => SendToTransportAsync(request, ct), cancellationToken);
    }
}
