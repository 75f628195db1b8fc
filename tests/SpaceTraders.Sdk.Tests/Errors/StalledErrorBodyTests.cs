using System.Net;
using System.Text;
using SpaceTraders.Sdk.Errors;

namespace SpaceTraders.Sdk.Tests.Errors;

/// <summary>
/// The body of an error response is read by the pipeline, with the call's token and capped, never by the error
/// mapping (which Refit calls without a token): one that stalls after its headers does not hold a call past its
/// cancellation, and one that never ends is not read to its end.
/// </summary>
[TestFixture]
public sealed class StalledErrorBodyTests
{
    [TestCase(400)]
    [TestCase(409)]
    [TestCase(500)]
    public async Task Cancelling_the_call_ends_it_while_the_error_body_stalls(int status)
    {
        var transport = new StallingTransport((HttpStatusCode)status);
        using var client = new SpaceTradersClient(new SpaceTradersClientOptions
        {
            Token = "agent-token",
            BaseAddress = new Uri("https://api.example.test/v2/"),
            Transport = transport,
        });
        using var cancel = new CancellationTokenSource();

        var call = client.Agents.GetMyAgentAsync(cancellationToken: cancel.Token);
        await transport.BodyRead.Task;
        Assert.That(call.IsCompleted, Is.False, "the call waits for the rest of the error body");
        await cancel.CancelAsync();

        // The minute only keeps a regression from hanging the run (it would fail with a TimeoutException).
        Assert.That(async () => await call.WaitAsync(TimeSpan.FromMinutes(1), TimeProvider.System), Throws.InstanceOf<OperationCanceledException>());
    }

    [TestCase(400)]
    [TestCase(429)]
    public void An_error_body_that_never_ends_is_read_only_up_to_the_cap(int status)
    {
        var transport = new EndlessTransport((HttpStatusCode)status);
        using var client = new SpaceTradersClient(new SpaceTradersClientOptions
        {
            Token = "agent-token",
            BaseAddress = new Uri("https://api.example.test/v2/"),
            Transport = transport,
            Retry = new() { MaxAttempts = 1 },
        });

        var error = Assert.ThrowsAsync<SpaceTradersApiException>(() => client.Agents.GetMyAgentAsync())!;

        Assert.That(error.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(error.RawContent, Has.Length.EqualTo(ApiErrorFactory.MaxRawContentChars));
        Assert.That(transport.Served, Is.LessThanOrEqualTo(ApiErrorFactory.MaxErrorBodyChars * 4 + 16 * 1024), "bytes handed out by the body");
    }

    /// <summary>Answers with the status and an HTML body of <c>x</c> that never ends (it breaks off after 16 MiB, so a regression ends).</summary>
    private sealed class EndlessTransport(HttpStatusCode status) : HttpMessageHandler
    {
        private readonly EndlessStream _stream = new();

        public long Served => _stream.Served;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(_stream);
            content.Headers.ContentType = new("text/html");
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>Hands out <c>x</c> for every read, counting the bytes.</summary>
    private sealed class EndlessStream : AsyncReadStream
    {
        public long Served { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Served >= 16 * 1024 * 1024)
            {
                throw new IOException("The test body broke off after 16 MiB.");
            }

            var count = Math.Min(buffer.Length, 16 * 1024);
            buffer.Span[..count].Fill((byte)'x');
            Served += count;
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>Answers with the status and error headers, then a body that sends a few bytes and never the rest.</summary>
    private sealed class StallingTransport(HttpStatusCode status) : HttpMessageHandler
    {
        public TaskCompletionSource BodyRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new StallingStream(Encoding.UTF8.GetBytes("""{"error":{"message":"Ship"""), BodyRead));
            content.Headers.ContentType = new("application/json");
            content.Headers.ContentLength = 4096;
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>Gives its first bytes, then waits on every read for the reader's token and nothing else.</summary>
    private sealed class StallingStream(byte[] start, TaskCompletionSource bodyRead) : AsyncReadStream
    {
        private bool _started;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_started)
            {
                _started = true;
                start.CopyTo(buffer);
                return start.Length;
            }

            bodyRead.TrySetResult();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            return 0;
        }
    }

    /// <summary>A stream read only asynchronously, as the pipeline reads bodies.</summary>
    private abstract class AsyncReadStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read synchronously");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
