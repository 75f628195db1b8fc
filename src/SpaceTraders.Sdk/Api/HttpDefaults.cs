using System.Net;
using System.Reflection;

namespace SpaceTraders.Sdk.Api;

/// <summary>What every HTTP client of the SDK shares, whether built by <see cref="SpaceTradersClient"/> or by DI.</summary>
internal static class HttpDefaults
{
    /// <summary>Gets the default <c>User-Agent</c>: <c>SpaceTraders.Sdk/</c> and the package version.</summary>
    public static string UserAgent { get; } = "SpaceTraders.Sdk/" + PackageVersion();

    /// <summary>Gets the API root with a trailing <c>/</c>, which relative request paths need.</summary>
    /// <param name="options">The client's options.</param>
    /// <returns>The base address to give the <see cref="HttpClient"/>.</returns>
    public static Uri BaseAddress(SpaceTradersClientOptions options)
    {
        var address = options.BaseAddress ?? throw new ArgumentException("BaseAddress must be set.", nameof(options));
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException($"BaseAddress must be an absolute URI, not '{address}'.", nameof(options));
        }

        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

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
