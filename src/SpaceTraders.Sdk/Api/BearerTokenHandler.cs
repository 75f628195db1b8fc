using System.Net.Http.Headers;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Resets;

namespace SpaceTraders.Sdk.Api;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to every request: the agent token, or the account token on
/// <c>POST /register</c> when one is configured. Requests without a token go out anonymous (the public
/// endpoints allow that). The tokens are read once, when the client is built.
/// </summary>
/// <remarks>
/// Once the client knows the server has reset (<see cref="ServerResetWatch"/>), the agent token is dead: a request that
/// would carry it throws <see cref="ServerResetException"/> without being sent, except the status endpoint (<c>GET /</c>),
/// which goes out anonymous, and <c>POST /register</c>.
/// </remarks>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue? _agent;
    private readonly AuthenticationHeaderValue? _account;
    private readonly ServerResetWatch? _resets;
    private readonly string _basePath;

    /// <summary>Initializes a new instance of the <see cref="BearerTokenHandler"/> class.</summary>
    /// <param name="options">The client's options, for <see cref="SpaceTradersClientOptions.Token"/> and <see cref="SpaceTradersClientOptions.AccountToken"/>.</param>
    /// <param name="resets">The client's view of server resets, or <see langword="null"/> for none.</param>
    public BearerTokenHandler(SpaceTradersClientOptions options, ServerResetWatch? resets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _agent = string.IsNullOrEmpty(options.Token) ? null : new AuthenticationHeaderValue("Bearer", options.Token);
        _account = string.IsNullOrEmpty(options.AccountToken) ? null : new AuthenticationHeaderValue("Bearer", options.AccountToken);
        _resets = resets;
        _basePath = HttpDefaults.BasePath(options);
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null)
        {
            // The operation from the Refit method that built the request; from its path only for a request built
            // some other way (the public pipeline under a caller's own HttpClient).
            var endpoint = EndpointCatalog.Find(request, _basePath);
            var token = endpoint?.OperationId == "register" ? _account ?? _agent : _agent;
            if (token is not null && ReferenceEquals(token, _agent) && _resets?.Detected is { } reset)
            {
                if (endpoint?.OperationId != "get-status")
                {
                    var named = endpoint?.Template ?? (request.RequestUri is { } uri ? EndpointCatalog.RelativePath(uri, _basePath) : string.Empty);
                    throw new ServerResetException(reset, request.Method.Method, named, apiError: null);
                }

                token = null;   // the status is public: read it without the dead token
            }

            if (token is not null)
            {
                request.Headers.Authorization = token;
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
