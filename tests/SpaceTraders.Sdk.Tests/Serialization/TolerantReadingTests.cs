using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Refit;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Serialization;

/// <summary>
/// The tolerant reader. The main suite is generated: for every operation of the Refit interfaces (reflection), its
/// response type's metadata (the JSON context) lists every required field its fixture holds, and each is removed in
/// turn, and set to null in turn. A field the client cannot act without must fail with a typed error naming it;
/// any other must be read as its default and reported once, never a failed call.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class TolerantReadingTests
{
    public static IEnumerable<TestCaseData> Operations()
    {
        var interfaces = typeof(SpaceTradersClient).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Namespace == "SpaceTraders.Sdk.Api")
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var api in interfaces)
        {
            foreach (var method in api.GetMethods().OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                var http = method.GetCustomAttribute<HttpMethodAttribute>();
                if (http is null || !method.ReturnType.IsGenericType)
                {
                    continue;
                }

                var endpoint = EndpointCatalog.Find(http.Method.Method, http.Path)
                    ?? throw new InvalidOperationException($"{api.Name}.{method.Name} is not in the catalog.");
                var responseType = method.ReturnType.GetGenericArguments()[0];
                yield return new TestCaseData(endpoint.OperationId, responseType).SetName($"Every required field of {endpoint.OperationId}, removed and null in turn");
            }
        }
    }

    [Test]
    public void The_suite_covers_every_operation_with_a_response_body()
        => Assert.That(Operations().Count(), Is.EqualTo(EndpointCatalog.All.Count), "one generated case per operation");

    [TestCaseSource(nameof(Operations))]
    public void Each_required_field_is_read_as_its_default_or_named_when_the_client_cannot_act_without_it(string operationId, Type responseType)
    {
        var fixture = JsonNode.Parse(Fixtures.Read(operationId))!;
        var fields = new List<RequiredField>();
        CollectRequired(fixture, SpaceTradersJson.Options.GetTypeInfo(responseType), [], fields);
        Assume.That(fields, Is.Not.Empty, $"{operationId} has no required field in its fixture");

        var failures = new List<string>();
        var read = typeof(TolerantReadingTests).GetMethod(nameof(ReadAs), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(responseType);
        foreach (var field in fields)
        {
            foreach (var asNull in new[] { false, true })
            {
                var body = fixture.DeepClone();
                var owner = (JsonObject)Locate(body, field.Owner)!;
                if (asNull)
                {
                    owner[field.Key] = null;
                }
                else
                {
                    owner.Remove(field.Key);
                }

                var what = $"{field.Path} {(asNull ? "null" : "removed")}";
                var observer = new FieldObserver();
                try
                {
                    var value = read.Invoke(null, [Encoding.UTF8.GetBytes(body.ToJsonString()), observer]);
                    var expectReport = !(asNull && field.AllowsNull);
                    if (field.IsEssential && expectReport)
                    {
                        failures.Add($"{what}: read without error, but the client cannot act without it");
                        continue;
                    }

                    var reports = observer.Records;
                    if (expectReport && (reports.Count != 1 || reports[0].Path != field.Path || reports[0].WasNull != asNull))
                    {
                        failures.Add($"{what}: reported [{string.Join(", ", reports.Select(r => r.Path + (r.WasNull ? " (null)" : string.Empty)))}]");
                    }
                    else if (!expectReport && reports.Count != 0)
                    {
                        failures.Add($"{what}: the model allows null, yet it was reported");
                    }

                    var reread = JsonSerializer.SerializeToNode(value, SpaceTradersJson.Options.GetTypeInfo(responseType));
                    if (!field.AllowsNull && field.HasDefault && Locate(reread, field.ValuePath) is null)
                    {
                        failures.Add($"{what}: read as null, not as the default of {field.Type.Name}");
                    }
                }
                catch (TargetInvocationException wrapped) when (wrapped.InnerException is RequiredFieldMissingException missing)
                {
                    if (!field.IsEssential)
                    {
                        failures.Add($"{what}: failed ({missing.Message}) although the client can do without it");
                    }
                    else if (missing.Field != field.Path || missing.WasNull != asNull)
                    {
                        failures.Add($"{what}: the error names {missing.Field} (null: {missing.WasNull})");
                    }
                }
                catch (TargetInvocationException wrapped)
                {
                    failures.Add($"{what}: {wrapped.InnerException!.GetType().Name}: {wrapped.InnerException.Message}");
                }
            }
        }

        Assert.That(failures, Is.Empty, $"{fields.Count} required fields of {operationId} tried");
    }

    [Test]
    public async Task A_ship_whose_mounts_lack_a_description_is_read_and_the_omission_reported()
    {
        // An independent server omits ShipMount.description: the runner could not even register against it.
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!;
        var mounts = ship["data"]!["mounts"]!.AsArray();
        Assume.That(mounts, Has.Count.EqualTo(2));
        foreach (var mount in mounts)
        {
            mount!.AsObject().Remove("description");
        }

        using var server = new FakeApiServer();
        server.Respond("GET", "/v2/my/ships/BADGER-1", 200, ship.ToJsonString());
        var observer = new FieldObserver();
        var logs = new LogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var options = server.Options();
        options.Observers.Add(observer);
        options.LoggerFactory = loggerFactory;
        using var meter = new MeterCounter("spacetraders.response.missing_fields");
        using var client = new SpaceTradersClient(options);

        var read = await client.Fleet.GetMyShipAsync("BADGER-1");

        Assert.That(read.Mounts, Has.Count.EqualTo(2));
        Assert.That(read.Mounts.Select(m => m.Description), Is.All.Empty);
        Assert.That(read.Mounts[0].Name, Is.EqualTo(mounts[0]!["name"]!.GetValue<string>()), "the rest of the mount is read as sent");
        Assert.That(client.State.GetShip("BADGER-1").Current.Mounts, Has.Count.EqualTo(2), "the tracked state has the ship");
        Assert.That(observer.Records.Select(r => (r.Path, r.TypeName, r.Field, r.Endpoint, r.ReadAs)), Is.EqualTo(new[]
        {
            ("data.mounts[0].description", "ShipMount", "description", "/my/ships/{shipSymbol}", "\"\""),
            ("data.mounts[1].description", "ShipMount", "description", "/my/ships/{shipSymbol}", "\"\""),
        }));
        Assert.That(observer.Records.Select(r => r.RequestId).Distinct().Single(), Is.EqualTo(server.SingleRequest.Headers!.Single(h => string.Equals(h.Key, SpaceTradersRequestOptions.RequestIdHeader, StringComparison.OrdinalIgnoreCase)).Value.Single()));
        Assert.That(meter.Total, Is.EqualTo(2));
        Assert.That(logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("data.mounts[0].description", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(logs.Entries.Count(e => e.Level == LogLevel.Debug && e.Message.Contains("data.mounts[1].description", StringComparison.Ordinal)), Is.EqualTo(1), "the same field again is logged at debug level");
    }

    [TestCase("{\"data\":[]}", TestName = "A read answered with JSON of another shape is retried")]
    [TestCase("{\"data\":{\"symbol\":\"BADGER\",\"credits\":\"lots\"}}", TestName = "A read answered with a field of the wrong type is retried")]
    [TestCase("{\"data\":{\"symbol\":\"BADGER\",", TestName = "A read answered with a body cut short is retried")]
    public async Task A_read_whose_body_cannot_be_read_as_its_operations_type_is_retried(string first)
    {
        using var server = new FakeApiServer();
        server.RespondInTurn("GET", "/v2/my/agent", (200, first, "application/json"), (200, Fixtures.Read("get-my-agent"), "application/json"));
        var options = server.Options();
        options.Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        using var client = new SpaceTradersClient(options);

        var agent = await client.Agents.GetMyAgentAsync();

        Assert.That(agent.Symbol, Is.EqualTo("BADGER"));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_chart_without_its_waypoint_symbol_is_read()
    {
        // The live server omitted a chart's waypointSymbol (2024-10).
        var waypoint = JsonNode.Parse(Fixtures.Read("get-waypoint"))!;
        waypoint["data"]!["chart"] = new JsonObject { ["submittedBy"] = "BADGER", ["submittedOn"] = "2024-10-01T00:00:00.000Z" };
        using var server = new FakeApiServer();
        server.Respond("GET", "/v2/systems/X1-DF55/waypoints/X1-DF55-A1", 200, waypoint.ToJsonString());
        var observer = new FieldObserver();
        var options = server.Options();
        options.Observers.Add(observer);
        using var client = new SpaceTradersClient(options);

        var read = await client.Systems.GetWaypointAsync("X1-DF55", "X1-DF55-A1");

        Assert.That(read.Chart!.WaypointSymbol, Is.Empty);
        Assert.That(read.Chart.SubmittedBy, Is.EqualTo("BADGER"));
        Assert.That(observer.Records.Single().Path, Is.EqualTo("data.chart.waypointSymbol"));
    }

    [Test]
    public void A_missing_object_is_read_as_an_object_of_defaults_and_a_missing_list_as_empty()
    {
        var ship = JsonNode.Parse(Fixtures.Read("get-my-ship"))!;
        ship["data"]!.AsObject().Remove("fuel");
        ship["data"]!.AsObject().Remove("modules");
        var observer = new FieldObserver();

        var read = ReadAs<DataEnvelope<Models.Ship>>(Encoding.UTF8.GetBytes(ship.ToJsonString()), observer)!.Data;

        Assert.That(read.Fuel, Is.Not.Null);
        Assert.That((read.Fuel.Current, read.Fuel.Capacity, read.Fuel.Consumed), Is.EqualTo((0, 0, (Models.ShipFuelConsumed?)null)));
        Assert.That(read.Modules, Is.Empty);
        Assert.That(observer.Records.Select(r => (r.Path, r.ReadAs)), Is.EquivalentTo(new[] { ("data.fuel", "{}"), ("data.modules", "[]") }));
    }

    private static T? ReadAs<T>(byte[] body, FieldObserver observer)
    {
        var options = new SpaceTradersClientOptions();
        options.Observers.Add(observer);
        var reader = new ResponseReader(options, telemetry: null);
        return reader.Read<T>(body, call: null, HttpStatusCode.OK);
    }

    /// <summary>Lists the required fields a fixture holds, from the context's metadata (the first item of each list).</summary>
    private static void CollectRequired(JsonNode? node, JsonTypeInfo info, List<object> path, List<RequiredField> fields)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject value:
                foreach (var property in info.Properties)
                {
                    var key = value.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                    if (key is null)
                    {
                        continue;
                    }

                    if (property.IsRequired)
                    {
                        fields.Add(new RequiredField([.. path], key, info.Type, property));
                    }

                    CollectRequired(value[key], SpaceTradersJson.Options.GetTypeInfo(property.PropertyType), [.. path, key], fields);
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && array.Count > 0:
                CollectRequired(array[0], SpaceTradersJson.Options.GetTypeInfo(info.ElementType!), [.. path, 0], fields);
                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map && map.Count > 0:
                var first = map.First();
                CollectRequired(first.Value, SpaceTradersJson.Options.GetTypeInfo(info.ElementType!), [.. path, first.Key], fields);
                break;
        }
    }

    private static JsonNode? Locate(JsonNode? node, IEnumerable<object> path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                int index when node is JsonArray array && index < array.Count => array[index],
                string key when node is JsonObject value => value.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value,
                _ => null,
            };
        }

        return node;
    }

    private sealed record RequiredField(IReadOnlyList<object> Owner, string Key, Type DeclaringType, JsonPropertyInfo Info)
    {
        public Type Type => Info.PropertyType;

        public IEnumerable<object> ValuePath => [.. Owner, Key];

        public string Path => string.Concat(ValuePath.Select((step, i) => step is int index ? $"[{index}]" : (i == 0 ? string.Empty : ".") + step));

        public bool AllowsNull => Nullable.GetUnderlyingType(Type) is not null || (!Type.IsValueType && Info.IsSetNullable);

        public bool HasDefault => Type != typeof(Uri) && Type != typeof(JsonElement);

        public bool IsEssential => EssentialFields.Contains(DeclaringType, Info.Name);
    }

    private sealed class FieldObserver : IRequestObserver
    {
        private readonly List<MissingFieldRecord> _records = [];

        public IReadOnlyList<MissingFieldRecord> Records
        {
            get
            {
                lock (_records)
                {
                    return [.. _records];
                }
            }
        }

        public void OnRequestCompleted(RequestRecord record)
        {
        }

        public void OnFieldMissing(MissingFieldRecord record)
        {
            lock (_records)
            {
                _records.Add(record);
            }
        }
    }

    private sealed class MeterCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public MeterCounter(string instrument)
        {
            _listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == SpaceTradersDiagnostics.MeterName && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }

    private sealed class LogCollector : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCollector owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
