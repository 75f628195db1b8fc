using System.Net;
using System.Reflection;

namespace SpaceTraders.Sdk.Api;

/// <summary>What every HTTP client of the SDK shares, whether built by <see cref="SpaceTradersClient"/> or by DI.</summary>
internal static class HttpDefaults
{
    /// <summary>The version path of the API, added to a base address that has no path.</summary>
    private const string ApiVersionPath = "/v2";

    /// <summary>Gets the default <c>User-Agent</c>: <c>SpaceTraders.Sdk/</c> and the package version.</summary>
    public static string UserAgent { get; } = "SpaceTraders.Sdk/" + PackageVersion();

    /// <summary>
    /// Gets the API root with a trailing <c>/</c>, which relative request paths need. A server root without a path
    /// (<c>https://api.spacetraders.io</c>, <c>http://localhost:5000/</c>) gets the API version, <c>/v2/</c>: without it
    /// every call would answer a bare 404. Any other path is kept as given (a proxy may serve the API elsewhere).
    /// </summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The base address to give the <see cref="HttpClient"/>.</returns>
    /// <exception cref="ArgumentException">The base address is missing or relative.</exception>
    public static Uri BaseAddress(SpaceTradersClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.BaseAddress ?? throw new ArgumentException("BaseAddress must be set.", nameof(options));
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException($"BaseAddress must be an absolute URI, not '{address}'.", nameof(options));
        }

        var builder = new UriBuilder(address) { Query = string.Empty, Fragment = string.Empty };
        var path = builder.Path.TrimEnd('/');
        builder.Path = (path.Length == 0 ? ApiVersionPath : path) + "/";
        return builder.Uri;
    }

    /// <summary>Gets the path of the API root, without its trailing <c>/</c> (<c>/v2</c> for the live server), to cut request paths down to endpoint paths.</summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The path.</returns>
    public static string BasePath(SpaceTradersClientOptions options) => BaseAddress(options).AbsolutePath.TrimEnd('/');

    /// <summary>Applies the base address, the user agent and an infinite timeout (the retry loop times attempts on the injected clock).</summary>
    /// <param name="client">The client to configure.</param>
    /// <param name="options">The client's options.</param>
    public static void Configure(HttpClient client, SpaceTradersClientOptions options)
    {
        client.BaseAddress = BaseAddress(options);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent ?? UserAgent);
    }

    /// <summary>Creates the transport used when <see cref="SpaceTradersClientOptions.Transport"/> is not set.</summary>
    /// <returns>A pooled handler that renews connections every few minutes (so DNS changes are seen).</returns>
    public static SocketsHttpHandler CreateTransport() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    };

    private static string PackageVersion()
    {
        var version = typeof(HttpDefaults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(HttpDefaults).Assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
