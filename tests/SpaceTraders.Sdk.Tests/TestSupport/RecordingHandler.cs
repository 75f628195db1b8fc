using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.TestSupport;

/// <summary>
/// A transport (for <see cref="SpaceTradersClientOptions.Transport"/>) that records what reached the bottom
/// of the SDK's pipeline, then sends it on over real HTTP.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!,
                SpaceTradersRequestOptions.GetPriority(request),
                request.Headers.Authorization?.ToString()));
        }

        return base.SendAsync(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, RequestPriority? Priority, string? Authorization);
