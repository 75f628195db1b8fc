using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>
/// Fields left out of every response on purpose (<see cref="SimulationOptions.OmitFields"/>), named by the live spec's
/// schema and property (<c>ShipMount.description</c>), so clients can be tried against a server that omits fields the
/// spec requires. Applies to every response body and to the <c>data</c> of error answers.
/// </summary>
/// <remarks>
/// The simulator writes some schemas of the same shape with one type; leaving a field out of one of them leaves it out
/// of all of them (see <see cref="SharedShapes"/>): Extraction and Siphon; ExtractionYield and SiphonYield; ChartTransaction,
/// ScrapTransaction and RepairTransaction; FactionTrait, WaypointTrait and WaypointModifier; WaypointOrbital,
/// SystemFaction, WaypointFaction and SurveyDeposit (and the symbol-only frame, reactor, engine and mounts of ScannedShip).
/// </remarks>
internal sealed class FieldOmissions
{
    /// <summary>Gets the live spec's schema names the simulator writes, per type (components/schemas of the live spec).</summary>
    public static FrozenDictionary<Type, string[]> SchemasByType { get; } = new Dictionary<Type, string[]>
    {
        [typeof(AgentDto)] = ["Agent"],
        [typeof(PublicAgentDto)] = ["PublicAgent"],
        [typeof(AgentEventDto)] = ["AgentEvent"],
        [typeof(FactionDto)] = ["Faction"],
        [typeof(TraitDto)] = ["FactionTrait", "WaypointTrait", "WaypointModifier"],
        [typeof(SymbolDto)] = ["WaypointOrbital", "SystemFaction", "WaypointFaction", "SurveyDeposit"],
        [typeof(MetaDto)] = ["Meta"],
        [typeof(SystemDto)] = ["System"],
        [typeof(SystemWaypointDto)] = ["SystemWaypoint"],
        [typeof(WaypointDto)] = ["Waypoint"],
        [typeof(ChartDto)] = ["Chart"],
        [typeof(ConstructionDto)] = ["Construction"],
        [typeof(ConstructionMaterialDto)] = ["ConstructionMaterial"],
        [typeof(JumpGateDto)] = ["JumpGate"],
        [typeof(MarketDto)] = ["Market"],
        [typeof(TradeGoodDto)] = ["TradeGood"],
        [typeof(MarketTransactionDto)] = ["MarketTransaction"],
        [typeof(MarketTradeGoodDto)] = ["MarketTradeGood"],
        [typeof(ShipyardDto)] = ["Shipyard"],
        [typeof(ShipyardTransactionDto)] = ["ShipyardTransaction"],
        [typeof(ShipyardShipDto)] = ["ShipyardShip"],
        [typeof(ShipDto)] = ["Ship"],
        [typeof(RegistrationDto)] = ["ShipRegistration"],
        [typeof(NavDto)] = ["ShipNav"],
        [typeof(RouteDto)] = ["ShipNavRoute"],
        [typeof(RouteWaypointDto)] = ["ShipNavRouteWaypoint"],
        [typeof(CrewDto)] = ["ShipCrew"],
        [typeof(RequirementsDto)] = ["ShipRequirements"],
        [typeof(FrameDto)] = ["ShipFrame"],
        [typeof(ReactorDto)] = ["ShipReactor"],
        [typeof(EngineDto)] = ["ShipEngine"],
        [typeof(ModuleDto)] = ["ShipModule"],
        [typeof(MountDto)] = ["ShipMount"],
        [typeof(CargoDto)] = ["ShipCargo"],
        [typeof(CargoItemDto)] = ["ShipCargoItem"],
        [typeof(FuelDto)] = ["ShipFuel"],
        [typeof(CooldownDto)] = ["Cooldown"],
        [typeof(ShipConditionEventDto)] = ["ShipConditionEvent"],
        [typeof(SurveyDto)] = ["Survey"],
        [typeof(ExtractionDto)] = ["Extraction", "Siphon"],
        [typeof(YieldDto)] = ["ExtractionYield", "SiphonYield"],
        [typeof(ScannedShipDto)] = ["ScannedShip"],
        [typeof(ScannedSystemDto)] = ["ScannedSystem"],
        [typeof(ScannedWaypointDto)] = ["ScannedWaypoint"],
        [typeof(PriceTransactionDto)] = ["ChartTransaction", "ScrapTransaction", "RepairTransaction"],
        [typeof(ModificationTransactionDto)] = ["ShipModificationTransaction"],
        [typeof(ContractDto)] = ["Contract"],
        [typeof(ContractTermsDto)] = ["ContractTerms"],
        [typeof(ContractPaymentDto)] = ["ContractPayment"],
        [typeof(ContractDeliverGoodDto)] = ["ContractDeliverGood"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> TypesBySchema =
        SchemasByType.SelectMany(static p => p.Value.Select(schema => (schema, p.Key))).ToFrozenDictionary(static p => p.schema, static p => p.Key, StringComparer.Ordinal);

    private readonly FrozenDictionary<Type, FrozenSet<string>> _omitted;

    private FieldOmissions(IReadOnlyList<string> fields, FrozenDictionary<Type, FrozenSet<string>> omitted)
    {
        Fields = fields;
        _omitted = omitted;
        var resolver = SimJsonContext.Default.WithAddedModifier(Omit);
        Options = new JsonSerializerOptions(SimJsonContext.Default.Options) { TypeInfoResolver = resolver };
        Options.MakeReadOnly();
    }

    /// <summary>Gets the fields left out, as given (<c>Schema.property</c>), without repeats.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Gets the serializer options that leave the fields out.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>
    /// Gets, for every field given, the other schemas it is also left out of because the simulator writes them with the
    /// same type (<c>ChartTransaction.totalPrice</c> also leaves <c>ScrapTransaction</c> and <c>RepairTransaction</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string[]> SharedShapes =>
        Fields.Select(f => (Field: f, Others: SchemasByType[TypesBySchema[f[..f.IndexOf('.', StringComparison.Ordinal)]]].Where(s => !f.StartsWith(s + ".", StringComparison.Ordinal)).ToArray()))
            .Where(static p => p.Others.Length > 0)
            .ToDictionary(static p => p.Field, static p => p.Others, StringComparer.Ordinal);

    /// <summary>Checks field names and builds the omissions.</summary>
    /// <param name="fields">The fields, each <c>Schema.property</c> as in the live spec (case-sensitive).</param>
    /// <returns>The omissions, or <see langword="null"/> when there are none.</returns>
    /// <exception cref="ArgumentException">A name is not <c>Schema.property</c>, names a schema the simulator does not write, or a property it does not have.</exception>
    public static FieldOmissions? Create(IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var distinct = fields.Select(static f => f.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return null;
        }

        var omitted = new Dictionary<Type, HashSet<string>>();
        foreach (var field in distinct)
        {
            var dot = field.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == field.Length - 1 || field.IndexOf('.', dot + 1) >= 0)
            {
                throw new ArgumentException($"'{field}' is not a field: name it as Schema.property, for example ShipMount.description.", nameof(fields));
            }

            var schema = field[..dot];
            var property = field[(dot + 1)..];
            if (!TypesBySchema.TryGetValue(schema, out var type))
            {
                throw new ArgumentException(
                    $"'{field}': the simulator writes no schema '{schema}'. Schemas: {string.Join(", ", TypesBySchema.Keys.Order(StringComparer.Ordinal))}.",
                    nameof(fields));
            }

            var names = SimJsonContext.Default.GetTypeInfo(type)!.Properties.Select(static p => p.Name).ToList();
            if (!names.Contains(property, StringComparer.Ordinal))
            {
                throw new ArgumentException($"'{field}': {schema} has no property '{property}'. Properties: {string.Join(", ", names)}.", nameof(fields));
            }

            if (!omitted.TryGetValue(type, out var set))
            {
                omitted[type] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(property);
        }

        return new FieldOmissions(distinct, omitted.ToFrozenDictionary(static p => p.Key, static p => p.Value.ToFrozenSet(StringComparer.Ordinal)));
    }

    /// <summary>Encodes a response's body without the omitted fields (bodies of types the game does not write stay as they are).</summary>
    /// <param name="response">The response; its <see cref="SimResponse.RawBody"/> is set when it has a body to encode.</param>
    public void Apply(SimResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response is { RawBody: null, Body: { } body, BodyType: { } bodyType })
        {
            response.RawBody = JsonSerializer.SerializeToUtf8Bytes(body, Shape(bodyType));
        }
    }

    /// <summary>Gets the metadata that writes <paramref name="typeInfo"/>'s type without the omitted fields.</summary>
    /// <param name="typeInfo">The metadata the game writes the value with.</param>
    /// <returns>The shaping metadata, or <paramref name="typeInfo"/> itself for a type the game's context does not know.</returns>
    public JsonTypeInfo Shape(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Options.TryGetTypeInfo(typeInfo.Type, out var shaped) ? shaped : typeInfo;
    }

    private void Omit(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !_omitted.TryGetValue(typeInfo.Type, out var names))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (names.Contains(typeInfo.Properties[i].Name))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
