using Refit;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Serialization;

namespace SpaceTraders.Sdk.Api;

/// <summary>The Refit settings every Api interface of one client runs with.</summary>
internal static class ApiSettings
{
    /// <summary>
    /// Creates the settings: the SDK's JSON context, the tolerant response reader, its error mapping, and exceptions
    /// from the handlers passed through unchanged.
    /// </summary>
    /// <param name="options">The client's options.</param>
    /// <param name="telemetry">The client's instruments.</param>
    /// <returns>New settings.</returns>
    public static RefitSettings Create(SpaceTradersClientOptions options, SpaceTradersTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var errors = new ApiErrorFactory(options);
        var settings = RefitSettings.ForJsonContext(SpaceTradersJsonContext.Default);
        settings.ExceptionFactory = errors.CreateAsync;
        settings.DeserializationExceptionFactory = errors.CreateDeserializationException;

        // Responses go through the tolerant reader; request bodies are written by the context's serializer as before.
        settings.ContentSerializer = new ResponseContentSerializer(new ResponseReader(options, telemetry), settings.ContentSerializer);

        // Exceptions from the handler pipeline (queue full, outcome unknown, cancellation) reach the caller
        // as they are, instead of wrapped in a Refit exception that would also carry the request's headers.
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        return settings;
    }
}
