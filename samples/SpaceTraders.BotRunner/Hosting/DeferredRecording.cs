using System.Net;
using System.Net.Http.Headers;
using SpaceTraders.Sdk.Recording;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// The <c>--record</c> recording of the built-in simulator, started only once the run has: a <see cref="TrafficRecorder"/>
/// replaces the earlier recording at its path (and its rotated files) as it is created, and a start that fails (the
/// registration refused) must leave that recording alone. Until <see cref="StartAsync"/>, exchanges go straight to the
/// game and are held in memory; <see cref="StartAsync"/> creates the recorder and records the held exchanges first, each
/// at its own time, so the recording still begins with the registration. Disposed without a start, no file is touched.
/// </summary>
/// <remarks>The exchanges before the start are the registration's, one at a time; after it, every request goes through the recorder.</remarks>
internal sealed class DeferredRecording : HttpMessageHandler
{
    private readonly HeldAnswers _game;
    private readonly HttpMessageInvoker _direct;
    private readonly HeldClock _clock;
    private readonly Func<HttpMessageHandler, TimeProvider, TrafficRecorder> _createRecorder;
    private readonly Lock _gate = new();
    private readonly List<HeldExchange> _held = [];
    private HttpMessageInvoker? _recording;

    /// <summary>Initializes a new instance of the <see cref="DeferredRecording"/> class.</summary>
    /// <param name="game">The game's transport; owned from now on.</param>
    /// <param name="clock">The game's clock, which times the exchanges.</param>
    /// <param name="createRecorder">Creates the recorder over a transport, with the clock it reads the exchanges' times from.</param>
    public DeferredRecording(HttpMessageHandler game, TimeProvider clock, Func<HttpMessageHandler, TimeProvider, TrafficRecorder> createRecorder)
    {
        _game = new HeldAnswers(game);
        _direct = new HttpMessageInvoker(_game, disposeHandler: false);
        _clock = new HeldClock(clock);
        _createRecorder = createRecorder;
    }

    /// <summary>Gets the recorder, once started.</summary>
    public TrafficRecorder? Recorder { get; private set; }

    /// <summary>Creates the recorder (replacing the earlier recording now) and records the exchanges held until now.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The recorder.</returns>
    public async Task<TrafficRecorder> StartAsync(CancellationToken cancellationToken)
    {
        var recorder = _createRecorder(_game, _clock);
        using var invoker = new HttpMessageInvoker(recorder, disposeHandler: false);
        List<HeldExchange> held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        foreach (var exchange in held)
        {
            _game.Answer(exchange);
            _clock.At = exchange.At;
            try
            {
                using var request = exchange.Request();
                using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (exchange.Failure is not null)
            {
                // Recorded as the failure it was.
            }
            finally
            {
                _clock.At = null;
            }
        }

        Recorder = recorder;
        Volatile.Write(ref _recording, new HttpMessageInvoker(recorder, disposeHandler: false));
        return recorder;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Volatile.Read(ref _recording) is { } recording)
        {
            return await recording.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var at = _clock.GetUtcNow();
        var requestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestContentHeaders = request.Content?.Headers.ToList();
        HttpResponseMessage response;
        try
        {
            response = await _direct.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Hold(new HeldExchange(at, request.Method, request.RequestUri, [.. request.Headers], requestBody, requestContentHeaders, null, ex));
            throw;
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var answer = new HeldAnswer(response.StatusCode, response.Version, [.. response.Headers], [.. response.Content.Headers], body);
            Hold(new HeldExchange(at, request.Method, request.RequestUri, [.. request.Headers], requestBody, requestContentHeaders, answer, null));
            return answer.Response(request);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _direct.Dispose();
            _recording?.Dispose();
            if (Recorder is { } recorder)
            {
                recorder.Dispose(); // and the game's transport under it
            }
            else
            {
                _game.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Hold(HeldExchange exchange)
    {
        lock (_gate)
        {
            _held.Add(exchange);
        }
    }

    /// <summary>A response as it came, to give again.</summary>
    private sealed record HeldAnswer(
        HttpStatusCode Status,
        Version Version,
        List<KeyValuePair<string, IEnumerable<string>>> Headers,
        List<KeyValuePair<string, IEnumerable<string>>> ContentHeaders,
        byte[] Body)
    {
        public HttpResponseMessage Response(HttpRequestMessage request)
        {
            var response = new HttpResponseMessage(Status) { Version = Version, RequestMessage = request, Content = new ByteArrayContent(Body) };
            Copy(Headers, response.Headers);
            Copy(ContentHeaders, response.Content.Headers);
            return response;
        }
    }

    /// <summary>One exchange before the start: the request as sent, and its answer or its failure.</summary>
    private sealed record HeldExchange(
        DateTimeOffset At,
        HttpMethod Method,
        Uri? Uri,
        List<KeyValuePair<string, IEnumerable<string>>> Headers,
        byte[]? Body,
        List<KeyValuePair<string, IEnumerable<string>>>? ContentHeaders,
        HeldAnswer? Answer,
        HttpRequestException? Failure)
    {
        public HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(Method, Uri);
            Copy(Headers, request.Headers);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                Copy(ContentHeaders ?? [], request.Content.Headers);
            }

            return request;
        }
    }

    private static void Copy(IEnumerable<KeyValuePair<string, IEnumerable<string>>> from, HttpHeaders to)
    {
        foreach (var (name, values) in from)
        {
            to.TryAddWithoutValidation(name, values);
        }
    }

    /// <summary>The game's transport, which first gives the held answers when the recorder asks them again.</summary>
    private sealed class HeldAnswers(HttpMessageHandler game) : DelegatingHandler(game)
    {
        private readonly Queue<HeldExchange> _answers = new();

        public void Answer(HeldExchange exchange)
        {
            lock (_answers)
            {
                _answers.Enqueue(exchange);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HeldExchange? held;
            lock (_answers)
            {
                _answers.TryDequeue(out held);
            }

            return held switch
            {
                null => base.SendAsync(request, cancellationToken),
                { Failure: { } failure } => Task.FromException<HttpResponseMessage>(failure),
                _ => Task.FromResult(held.Answer!.Response(request)),
            };
        }
    }

    /// <summary>The game's clock, which tells the recorder the time of the held exchange it records.</summary>
    private sealed class HeldClock(TimeProvider clock) : TimeProvider
    {
        private long _atTicks;

        public DateTimeOffset? At
        {
            get => Interlocked.Read(ref _atTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            set => Interlocked.Exchange(ref _atTicks, value?.UtcTicks ?? 0);
        }

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => At ?? clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => clock.CreateTimer(callback, state, dueTime, period);
    }
}
