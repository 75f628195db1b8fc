using System.Net.Http.Headers;

namespace SpaceTraders.Sdk.Api;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to every request: the agent token, or the account token on
/// <c>POST /register</c> when one is configured. Requests without a token go out anonymous (the public
/// endpoints allow that). The tokens are read once, when the client is built.
/// </summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue? _agent;
    private readonly AuthenticationHeaderValue? _account;

    /// <summary>Initializes a new instance of the <see cref="BearerTokenHandler"/> class.</summary>
    /// <param name="options">The client's options, for <see cref="SpaceTradersClientOptions.Token"/> and <see cref="SpaceTradersClientOptions.AccountToken"/>.</param>
    public BearerTokenHandler(SpaceTradersClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _agent = string.IsNullOrEmpty(options.Token) ? null : new AuthenticationHeaderValue("Bearer", options.Token);
        _account = string.IsNullOrEmpty(options.AccountToken) ? null : new AuthenticationHeaderValue("Bearer", options.AccountToken);
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null)
        {
            var token = IsRegister(request) ? _account ?? _agent : _agent;
            if (token is not null)
            {
                request.Headers.Authorization = token;
            }
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsRegister(HttpRequestMessage request)
        => request.Method == HttpMethod.Post
            && request.RequestUri is { } uri
            && (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).EndsWith("/register", StringComparison.Ordinal);
}
