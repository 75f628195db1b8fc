using System.Collections.Frozen;
using System.Reflection;
using Refit;
using SpaceTraders.Sdk.Http;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The type every operation of <see cref="EndpointCatalog"/> answers with, read once from the Refit interfaces
/// (<c>Api/</c>), so that the pipeline can read a success body while it can still retry it.
/// </summary>
internal static class ResponseTypes
{
    private static readonly FrozenDictionary<string, Type> ByEndpoint = Build();

    /// <summary>Gets the type an operation answers with.</summary>
    /// <param name="endpoint">The operation, or <see langword="null"/>.</param>
    /// <returns>The type, or <see langword="null"/> for a path outside the API.</returns>
    public static Type? For(Endpoint? endpoint)
        => endpoint is not null && ByEndpoint.TryGetValue(endpoint.ToString(), out var type) ? type : null;

    private static FrozenDictionary<string, Type> Build()
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        var interfaces = typeof(ResponseTypes).Assembly.GetTypes().Where(t => t.IsInterface && t.Namespace == "SpaceTraders.Sdk.Api");
        foreach (var (api, method) in interfaces.SelectMany(api => api.GetMethods().Select(method => (api, method))))
        {
            if (method.GetCustomAttribute<HttpMethodAttribute>() is not null
                && method.ReturnType.IsGenericType
                && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                && EndpointCatalog.FindByRefitMethod(api, method.Name) is { } endpoint)
            {
                types[endpoint.ToString()] = method.ReturnType.GetGenericArguments()[0];
            }
        }

        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
