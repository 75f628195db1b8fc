using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Refit;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Serialization;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.Conventions;

/// <summary>Reflection checks that keep the large generated and hand-written surface consistent.</summary>
[TestFixture]
public sealed class ConventionTests
{
    private static readonly Assembly Sdk = typeof(SpaceTradersClient).Assembly;

    private static readonly Type[] ApiInterfaces = Sdk.GetTypes()
        .Where(t => t.IsInterface && t.Namespace == "SpaceTraders.Sdk.Api" && t.Name.EndsWith("Api", StringComparison.Ordinal))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private static readonly Type[] ModelTypes = Sdk.GetExportedTypes()
        .Where(t => t.Namespace == "SpaceTraders.Sdk.Models")
        .ToArray();

    [Test]
    public void There_is_one_internal_api_interface_per_area()
    {
        Assert.That(ApiInterfaces.Select(t => t.Name), Is.EquivalentTo(new[]
        {
            "IAccountsApi", "IAgentsApi", "IContractsApi", "IDataApi", "IFactionsApi", "IFleetApi", "IGlobalApi", "ISystemsApi",
        }));
        Assert.That(ApiInterfaces.Where(t => t.IsPublic), Is.Empty);
    }

    [Test]
    public void The_api_interfaces_cover_exactly_the_endpoint_catalog()
    {
        var declared = ApiMethods()
            .Select(m => (Area: AreaOf(m.DeclaringType!), Attribute: m.GetCustomAttribute<HttpMethodAttribute>()!))
            .Select(x => $"{x.Area} {x.Attribute.Method.Method} {x.Attribute.Path}")
            .ToList();
        var catalog = EndpointCatalog.All.Select(e => $"{e.Area} {e.Method} {e.Template}").ToList();

        Assert.That(declared, Is.Unique);
        Assert.That(declared, Is.EquivalentTo(catalog));
        Assert.That(declared, Has.Count.EqualTo(63));
    }

    [Test]
    public void Every_api_method_takes_a_priority_override_and_a_cancellation_token_last()
    {
        foreach (var method in ApiMethods())
        {
            var parameters = method.GetParameters();
            var priority = parameters[^2];
            Assert.That(priority.ParameterType, Is.EqualTo(typeof(RequestPriority?)), method.Name);
            Assert.That(priority.GetCustomAttribute<Refit.PropertyAttribute>()?.Key, Is.EqualTo(SpaceTradersRequestOptions.PriorityKey), method.Name);
            Assert.That(parameters[^1].ParameterType, Is.EqualTo(typeof(CancellationToken)), method.Name);
            Assert.That(method.ReturnType.GetGenericTypeDefinition(), Is.EqualTo(typeof(Task<>)), method.Name);
        }
    }

    [Test]
    public void Every_api_method_has_a_public_client_method_of_the_same_name_on_its_area()
    {
        foreach (var method in ApiMethods())
        {
            var area = AreaOf(method.DeclaringType!);
            var client = typeof(SpaceTradersClient).GetProperty(area)!.PropertyType;
            Assert.That(client.IsInterface && client.IsPublic, Is.True, area);
            Assert.That(client.GetMethods().Any(m => m.Name == method.Name), Is.True, $"{client.Name}.{method.Name}");
        }
    }

    [Test]
    public void Every_public_client_method_ends_with_an_optional_priority_and_cancellation_token()
    {
        var clients = typeof(SpaceTradersClient).GetProperties().Select(p => p.PropertyType).Where(t => t.IsInterface).ToList();
        Assert.That(clients, Has.Count.EqualTo(8));
        var methods = clients.SelectMany(c => c.GetMethods()).ToList();
        var tokenAlone = methods.Where(m => m.GetParameters() is [.., { Name: "cancellationToken", HasDefaultValue: false }]).ToList();
        Assert.That(tokenAlone.SelectMany(m => m.GetParameters()).Where(p => p.Name == "priority"), Is.Empty, "the token-alone overloads take no priority");
        Assert.That(tokenAlone, Has.Count.EqualTo(methods.Count - tokenAlone.Count), "one token-alone overload for each method (TokenOverloadTests pairs them)");
        foreach (var method in methods.Except(tokenAlone))
        {
            var parameters = method.GetParameters();
            var priority = parameters[^2];
            var cancellation = parameters[^1];
            Assert.That(cancellation.ParameterType, Is.EqualTo(typeof(CancellationToken)), method.Name);
            Assert.That(cancellation.HasDefaultValue, Is.True, method.Name);
            Assert.That(priority.Name, Is.EqualTo("priority"), method.Name);
            Assert.That(priority.HasDefaultValue, Is.True, method.Name);
            if (method.Name.StartsWith("Enumerate", StringComparison.Ordinal))
            {
                Assert.That(method.ReturnType.GetGenericTypeDefinition(), Is.EqualTo(typeof(IAsyncEnumerable<>)), method.Name);
                Assert.That(priority.DefaultValue, Is.EqualTo(RequestPriority.Background), method.Name);
            }
            else
            {
                Assert.That(method.Name, Does.EndWith("Async"));
                Assert.That(priority.ParameterType, Is.EqualTo(typeof(RequestPriority?)), method.Name);
                Assert.That(priority.DefaultValue, Is.Null, method.Name);
            }
        }
    }

    [Test]
    public void Every_paged_endpoint_has_an_enumerator()
    {
        var paged = ApiMethods().Where(m => m.ReturnType.GetGenericArguments()[0].IsGenericType
            && m.ReturnType.GetGenericArguments()[0].GetGenericTypeDefinition() == typeof(PagedEnvelope<>)).ToList();
        Assert.That(paged, Has.Count.EqualTo(7));
        foreach (var method in paged)
        {
            var client = typeof(SpaceTradersClient).GetProperty(AreaOf(method.DeclaringType!))!.PropertyType;
            var enumerator = "Enumerate" + method.Name["Get".Length..^"Async".Length] + "Async";
            Assert.That(client.GetMethods().Where(m => m.Name == enumerator), Is.Not.Empty, enumerator);
        }
    }

    [Test]
    public void Client_implementations_are_internal_and_sealed()
    {
        var implementations = Sdk.GetTypes().Where(t => t.Namespace == "SpaceTraders.Sdk.Clients" && t.IsClass && !t.IsAbstract && t.Name.EndsWith("Client", StringComparison.Ordinal)).ToList();
        Assert.That(implementations, Has.Count.EqualTo(8));
        Assert.That(implementations.Where(t => t.IsPublic || !t.IsSealed), Is.Empty);
    }

    [Test]
    public void Every_public_model_is_a_sealed_record_or_an_extensible_enum()
    {
        Assert.That(ModelTypes, Has.Length.GreaterThan(150));
        foreach (var type in ModelTypes)
        {
            if (type.IsValueType)
            {
                AssertExtensibleEnum(type);
            }
            else
            {
                AssertRecord(type);
            }
        }
    }

    [Test]
    public void No_model_prints_a_token()
    {
        // A record's ToString prints every property, and a logged registration or account must never show its token.
        var holders = ModelTypes
            .Where(t => t.GetProperties().Any(p => p.Name == "Token"))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
        Assert.That(holders.Select(t => t.Name), Is.SupersetOf(new[] { "Account", "RegisterResult" }), "the models that carry a token");
        foreach (var type in holders)
        {
            var model = RuntimeHelpers.GetUninitializedObject(type);
            foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
            {
                property.SetValue(model, property.Name == "Token" ? "SECRET-TOKEN-VALUE" : "shown-" + property.Name);
            }

            var text = model.ToString();
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Not.Contain("SECRET-TOKEN-VALUE"), type.Name);
                Assert.That(text, Does.Contain("Token = [redacted]"), type.Name);
                foreach (var shown in type.GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != "Token"))
                {
                    Assert.That(text, Does.Contain($"{shown.Name} = shown-{shown.Name}"), $"{type.Name} still prints its other members");
                }
            });
        }
    }

    [Test]
    public void The_json_context_knows_every_model()
    {
        foreach (var type in ModelTypes.Where(t => !t.IsGenericTypeDefinition))
        {
            Assert.That(SpaceTradersJsonContext.Default.GetTypeInfo(type), Is.Not.Null, type.Name);
        }
    }

    [Test]
    public void Every_spec_schema_has_a_model()
    {
        // The 78 component schemas of the live spec, less the five that only alias a primitive
        // (WaypointSymbol, SystemSymbol: string; ShipComponentCondition, Integrity, Quality: double).
        var schemas = new[]
        {
            "Faction", "FactionSymbol", "FactionTrait", "FactionTraitSymbol", "Meta", "PublicAgent", "StarSystem", "SystemType",
            "SystemWaypoint", "WaypointType", "WaypointOrbital", "SystemFaction", "Waypoint", "WaypointFaction", "WaypointTrait",
            "WaypointTraitSymbol", "WaypointModifier", "WaypointModifierSymbol", "Chart", "Construction", "ConstructionMaterial",
            "TradeSymbol", "ShipCargo", "ShipCargoItem", "Market", "TradeGood", "MarketTransaction", "MarketTradeGood", "SupplyLevel",
            "ActivityLevel", "JumpGate", "Shipyard", "ShipType", "ShipyardTransaction", "ShipyardShip", "ShipFrame", "ShipRequirements",
            "ShipReactor", "ShipEngine", "ShipModule", "ShipMount", "Contract", "ContractTerms", "ContractPayment", "ContractDeliverGood",
            "Agent", "AgentEvent", "Ship", "ShipRegistration", "ShipRole", "ShipNav", "ShipNavRoute", "ShipNavRouteWaypoint", "ShipNavStatus",
            "ShipNavFlightMode", "ShipCrew", "ShipFuel", "Cooldown", "ChartTransaction", "Extraction", "ExtractionYield", "ShipConditionEvent",
            "Survey", "SurveyDeposit", "SurveySize", "ScannedSystem", "ScannedWaypoint", "ScannedShip", "ScrapTransaction", "RepairTransaction",
            "Siphon", "SiphonYield", "ShipModificationTransaction",
        };

        Assert.That(schemas, Has.Length.EqualTo(78 - 5));
        Assert.That(ModelTypes.Select(t => t.Name), Is.SupersetOf(schemas));
    }

    private static void AssertRecord(Type type)
    {
        Assert.That(type.IsSealed, Is.True, $"{type.Name} is sealed");
        Assert.That(type.GetMethod("<Clone>$") is not null, Is.True, $"{type.Name} is a record");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var name = $"{type.Name}.{property.Name}";
            var setter = property.SetMethod;
            if (setter is null)
            {
                Assert.That(type.Name, Does.StartWith("Page"), $"{name} is computed only on Page<T>");
                continue;
            }

            Assert.That(setter.ReturnParameter.GetRequiredCustomModifiers(), Does.Contain(typeof(IsExternalInit)), $"{name} is init-only");
            var propertyType = property.PropertyType;
            Assert.That(propertyType.IsArray, Is.False, $"{name} is not an array");
            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() is var definition && definition != typeof(Nullable<>))
            {
                Assert.That(definition, Is.AnyOf(typeof(IReadOnlyList<>), typeof(IReadOnlyDictionary<,>)), $"{name} is a read-only collection");
            }

            var core = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
            Assert.That(core, Is.Not.EqualTo(typeof(DateTime)), $"{name} uses DateTimeOffset");
            Assert.That(core, Is.Not.EqualTo(typeof(float)).And.Not.EqualTo(typeof(decimal)), $"{name} uses double for floats");
            if (property.Name.Contains("Credits", StringComparison.Ordinal) && core.IsPrimitive)
            {
                Assert.That(core, Is.EqualTo(typeof(long)), $"{name} holds credits");
            }

            var required = property.GetCustomAttribute<RequiredMemberAttribute>() is not null;
            var nullable = new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
            if (!required)
            {
                Assert.That(nullable, Is.True, $"{name} is optional, so nullable");
            }
        }
    }

    private static void AssertExtensibleEnum(Type type)
    {
        var name = type.Name;
        Assert.That(type.IsDefined(typeof(IsReadOnlyAttribute)), Is.True, $"{name} is a readonly struct");
        Assert.That(typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type), Is.True, $"{name} is IEquatable");
        Assert.That(type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType, Is.EqualTo(typeof(ExtensibleEnumConverter<>).MakeGenericType(type)), $"{name} uses the shared converter");
        Assert.That(type.GetProperty("Value")?.PropertyType, Is.EqualTo(typeof(string)), $"{name}.Value");
        Assert.That(type.GetProperty("IsKnown")?.PropertyType, Is.EqualTo(typeof(bool)), $"{name}.IsKnown");
        Assert.That(type.GetConstructor([typeof(string)]), Is.Not.Null, $"{name}(string)");
        Assert.That(type.GetMethod("op_Implicit", [typeof(string)])?.ReturnType, Is.EqualTo(type), $"{name} converts from string");
        Assert.That(type.GetMethod("op_Equality", [type, type]), Is.Not.Null, $"{name} ==");
        Assert.That(type.GetMethod("op_Inequality", [type, type]), Is.Not.Null, $"{name} !=");

        var known = (System.Collections.IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var statics = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type).ToList();
        var values = known.Cast<object>().ToList();
        Assert.That(values, Has.Count.EqualTo(statics.Count).And.Count.GreaterThan(1), $"{name}.KnownValues lists every static value");
        foreach (var property in statics)
        {
            var value = property.GetValue(null)!;
            var text = value.ToString()!;
            Assert.That(values, Does.Contain(value), $"{name}.{property.Name} is known");
            Assert.That(PascalCase(text), Is.EqualTo(property.Name), $"{name}.{property.Name} is the PascalCase of {text}");
            Assert.That(type.GetProperty("IsKnown")!.GetValue(value), Is.EqualTo(true), $"{name}.{property.Name}.IsKnown");
        }
    }

    private static string PascalCase(string value)
        => string.Concat(value.Split('_').Select(part => part is "I" or "II" or "III" ? part : part[..1] + part[1..].ToLowerInvariant()));

    private static IEnumerable<MethodInfo> ApiMethods() => ApiInterfaces.SelectMany(t => t.GetMethods());

    private static string AreaOf(Type api) => api.Name[1..^"Api".Length];
}
