using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Http;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// The tolerant reader every response body goes through: the retry handler reads a success body with it while the
/// call can still be retried (a body it cannot read is a truncated or malformed answer), and the client's Refit
/// serializer (<see cref="ResponseContentSerializer"/>) returns what it read.
/// </summary>
/// <remarks>
/// A body is first read strictly (every required field present, no null where the model does not allow one): the
/// common case, one pass. Only when that fails is it walked for the required fields it lacks or sends as null
/// (<see cref="ResponseShapes"/>); with none missing, the deserializer's own error stands. A missing field the client
/// cannot act without (<see cref="EssentialFields"/>, <c>{"data": null}</c> included) fails the call with
/// <see cref="RequiredFieldMissingException"/> naming it. Any other is read as its type's default (<c>""</c>,
/// <c>0</c>, <c>[]</c>, an object of defaults, or <c>null</c> where the model allows it) and reported: to every
/// <see cref="IRequestObserver.OnFieldMissing"/>, the <c>spacetraders.response.missing_fields</c> counter, and the log
/// (a warning the first time a type's field is missing, then debug). Never a failed call.
/// </remarks>
internal sealed partial class ResponseReader
{
    /// <summary>
    /// The context's options that also refuse a null where the model does not allow one: a body they read is
    /// complete, so the common case costs one pass. Read-only once built, like the context itself.
    /// </summary>
    private static readonly JsonSerializerOptions Strict = new(SpaceTradersJsonContext.Default.Options) { RespectNullableAnnotations = true };

    private readonly JsonSerializerOptions _options;
    private readonly ResponseShapes _shapes;
    private readonly SpaceTradersTelemetry? _telemetry;
    private readonly IRequestObserver[] _observers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(Type, string), bool> _warned = new();

    /// <summary>Initializes a new instance of the <see cref="ResponseReader"/> class.</summary>
    /// <param name="options">The client's options (observers, logging).</param>
    /// <param name="telemetry">The client's instruments, or <see langword="null"/> not to count.</param>
    public ResponseReader(SpaceTradersClientOptions options, SpaceTradersTelemetry? telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = SpaceTradersJsonContext.Default.Options;
        _shapes = new ResponseShapes(_options);
        _telemetry = telemetry;
        _observers = [.. options.Observers];
        _logger = options.LoggerFactory?.CreateLogger("SpaceTraders.Sdk.Serialization") ?? NullLogger.Instance;
    }

    /// <summary>Gets the shapes of the model types, for tests and tools that walk them the same way.</summary>
    internal ResponseShapes Shapes => _shapes;

    /// <summary>
    /// Reads a success body in the pipeline, as the type its operation answers with, and keeps the value for the
    /// client. A body without a field the client cannot act without counts as read: the client's read throws the
    /// typed error naming it.
    /// </summary>
    /// <param name="body">The body.</param>
    /// <param name="type">The type its operation answers with.</param>
    /// <returns><see langword="false"/> when the body is not JSON of that shape (truncated, malformed, or another shape).</returns>
    public bool TryKeep(ResponseBody body, Type type)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            body.Keep(Read(body.Bytes.Span, type, body.Call, HttpStatusCode.OK));
            return true;
        }
        catch (RequiredFieldMissingException)
        {
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a body as <typeparamref name="T"/>, tolerating and reporting missing fields.</summary>
    /// <typeparam name="T">The response type.</typeparam>
    /// <param name="utf8">The body.</param>
    /// <param name="call">The call it answers, when known (for the reports and the exception).</param>
    /// <param name="statusCode">The response's status, when known.</param>
    /// <returns>The value.</returns>
    /// <exception cref="RequiredFieldMissingException">A field the client cannot act without is missing.</exception>
    /// <exception cref="JsonException">The body is not JSON of the expected shape.</exception>
    internal T? Read<T>(ReadOnlySpan<byte> utf8, ApiCall? call, HttpStatusCode? statusCode)
        => (T?)Read(utf8, typeof(T), call, statusCode);

    /// <summary>Reads a body as <paramref name="type"/>, tolerating and reporting missing fields.</summary>
    /// <param name="utf8">The body.</param>
    /// <param name="type">The response type.</param>
    /// <param name="call">The call it answers, when known (for the reports and the exception).</param>
    /// <param name="statusCode">The response's status, when known.</param>
    /// <returns>The value.</returns>
    /// <exception cref="RequiredFieldMissingException">A field the client cannot act without is missing.</exception>
    /// <exception cref="JsonException">The body is not JSON of the expected shape.</exception>
    internal object? Read(ReadOnlySpan<byte> utf8, Type type, ApiCall? call, HttpStatusCode? statusCode)
    {
        // The common case: every required field present and non-null. The strict read refuses anything else, and
        // then (a rare, faulty answer) the body is walked for what it lacks.
        try
        {
            var complete = JsonSerializer.Deserialize(utf8, Strict.GetTypeInfo(type));
            if (complete is not IEnvelope { Payload: null })
            {
                return complete;
            }
        }
        catch (JsonException)
        {
        }

        var typeInfo = _options.GetTypeInfo(type);
        var missing = _shapes.FindMissing(utf8, type);
        if (missing.Count == 0)
        {
            return JsonSerializer.Deserialize(utf8, typeInfo);
        }

        // Name the outermost field the client cannot act without (a ship without its symbol, not its nav's).
        var essential = missing.Where(field => field.Property.IsEssential).MinBy(field => field.Path.Count);
        if (essential is not null)
        {
            throw new RequiredFieldMissingException(call?.Method, call?.Endpoint, statusCode, essential.FieldPath, essential.TypeName, essential.WasNull);
        }

        var document = JsonNode.Parse(utf8);
        foreach (var field in missing)
        {
            var readAs = _shapes.DefaultFor(field.Property.Type, field.Property.AllowsNull);
            if (Locate(document, field.Path) is JsonObject owner)
            {
                owner[Key(owner, field.Property.Name)] = readAs?.DeepClone();
            }

            Report(field, call, readAs);
        }

        return JsonSerializer.Deserialize(document, typeInfo);
    }

    private static JsonNode? Locate(JsonNode? node, IReadOnlyList<ResponseShapes.PathSegment> path)
    {
        foreach (var step in path)
        {
            node = step.Name is null
                ? node is JsonArray array && step.Index < array.Count ? array[step.Index] : null
                : node is JsonObject value ? value[Key(value, step.Name)] : null;
        }

        return node;
    }

    /// <summary>The object's own spelling of a name (the reader matches names ignoring case, as the context does).</summary>
    private static string Key(JsonObject value, string name)
    {
        if (value.ContainsKey(name))
        {
            return name;
        }

        foreach (var (key, _) in value)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return name;
    }

    private void Report(ResponseShapes.MissingField field, ApiCall? call, JsonNode? readAs)
    {
        var path = field.FieldPath;
        var shown = readAs switch
        {
            null => "null",
            JsonArray => "[]",
            JsonObject => "{}",
            _ => readAs.ToJsonString(),
        };
        var record = new MissingFieldRecord(call?.Method ?? string.Empty, call?.Endpoint ?? string.Empty, call?.RequestId ?? string.Empty, field.TypeName, field.Property.Name, path, field.WasNull, shown);
        _telemetry?.MissingFields.Add(1, new("type", record.TypeName), new("field", record.Field));
        if (_warned.TryAdd((field.Owner.Type, field.Property.Name), true))
        {
            LogMissingFirst(record.Method, record.Endpoint, path, record.TypeName, record.Field, field.WasNull ? "null" : "absent", shown);
        }
        else
        {
            LogMissingAgain(record.Method, record.Endpoint, path, shown);
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnFieldMissing(record);
            }
#pragma warning disable CA1031 // An observer must never break the call it observes.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogObserverFailed(observer.GetType().Name, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Method} {Endpoint} answered without {Path} ({Type}.{Field} {How}); read as {ReadAs}. Later occurrences are logged at debug level")]
    private partial void LogMissingFirst(string method, string endpoint, string path, string type, string field, string how, string readAs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "{Method} {Endpoint} answered without {Path}; read as {ReadAs}")]
    private partial void LogMissingAgain(string method, string endpoint, string path, string readAs);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "A request observer ({Observer}) threw: {Message}")]
    private partial void LogObserverFailed(string observer, string message);
}
