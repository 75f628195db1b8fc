using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Tests.Hosting;
using SpaceTraders.Simulator.Tests.Schema;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Api;

/// <summary>
/// <see cref="SimulationOptions.OmitFields"/>: fields left out of every response on purpose, to try clients against a
/// server that omits fields the spec requires (an independent re-implementation omits <c>ShipMount.description</c>).
/// </summary>
[TestFixture]
public sealed class FieldOmissionTests
{
    private static readonly Lazy<OpenApiSchemaValidator> Spec = new(() => OpenApiSchemaValidator.Load(SpecFiles.LiveSpec));

    [Test]
    public async Task An_omitted_field_is_missing_from_every_response_and_nothing_else_is()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 8, Clock = clock, OmitFields = { "ShipMount.description" } });
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();

        var registration = await http.SendAsync(HttpMethod.Post, "register", json: """{"symbol":"OMIT","faction":"COSMIC"}""");
        var ship = await http.SendAsync(HttpMethod.Get, "my/ships/OMIT-1", registration.Body!["data"]!["token"]!.GetValue<string>());
        var mounts = await http.SendAsync(HttpMethod.Get, "my/ships/OMIT-1/mounts", registration.Body!["data"]!["token"]!.GetValue<string>());

        var allMounts = registration.Body!["data"]!["ships"]!.AsArray().SelectMany(s => s!["mounts"]!.AsArray())
            .Concat(ship.Body!["data"]!["mounts"]!.AsArray())
            .Concat(mounts.Body!["data"]!.AsArray())
            .Select(m => m!.AsObject())
            .ToList();
        Assert.That(allMounts, Has.Count.GreaterThan(4));
        Assert.That(allMounts, Has.All.Matches<JsonObject>(m => !m.ContainsKey("description")));
        Assert.That(allMounts, Has.All.Matches<JsonObject>(m => m.ContainsKey("symbol") && m.ContainsKey("name") && m.ContainsKey("requirements")));
        Assert.That(ship.Body!["data"]!["modules"]!.AsArray(), Has.All.Matches<JsonNode>(m => m!.AsObject().ContainsKey("description")), "other schemas keep theirs");
        Assert.That(ship.Body!["data"]!["frame"]!["description"], Is.Not.Null);

        // The answer now breaks the spec exactly there: a client meets a server that omits a required field.
        using var document = JsonDocument.Parse(ship.Body["data"]!.ToJsonString());
        var problems = Spec.Value.Validate(document.RootElement, Spec.Value.Resolve("#/components/schemas/Ship"));
        Assert.That(problems, Is.Not.Empty.And.All.Match(@"^\$\.mounts\[\d+\]: required property 'description' is missing$"));
    }

    [Test]
    public async Task Error_data_leaves_the_field_out_too()
    {
        using var clock = new VirtualClock();
        var simulation = new Simulation(new SimulationOptions { Seed = 8, Clock = clock, OmitFields = { "Cooldown.totalSeconds" } });
        simulation.RateLimits.Enabled = false;
        using var http = simulation.CreateHttpClient();
        var token = (await http.SendAsync(HttpMethod.Post, "register", json: """{"symbol":"COOL","faction":"COSMIC"}""")).Body!["data"]!["token"]!.GetValue<string>();
        await http.SendAsync(HttpMethod.Post, "my/ships/COOL-1/orbit", token);

        var scan = await http.SendAsync(HttpMethod.Post, "my/ships/COOL-1/scan/systems", token);
        var again = await http.SendAsync(HttpMethod.Post, "my/ships/COOL-1/scan/systems", token);

        Assert.That(scan.Status, Is.EqualTo(201), scan.Body?.ToJsonString());
        Assert.That(scan.Body!["data"]!["cooldown"]!.AsObject().ContainsKey("totalSeconds"), Is.False);
        Assert.That(scan.Body!["data"]!["cooldown"]!["remainingSeconds"]!.GetValue<int>(), Is.GreaterThan(0));
        Assert.That((again.Status, again.Body.Error()["code"]!.GetValue<int>()), Is.EqualTo((409, 4000)));
        Assert.That(again.Body.Error()["data"]!["cooldown"]!.AsObject().ContainsKey("totalSeconds"), Is.False);
        Assert.That(again.Body.Error()["data"]!["cooldown"]!["shipSymbol"]!.GetValue<string>(), Is.EqualTo("COOL-1"));
    }

    [TestCase("ShipMount", "is not a field")]
    [TestCase("ShipMount.", "is not a field")]
    [TestCase("Ship.nav.route", "is not a field")]
    [TestCase("Spaceship.name", "writes no schema 'Spaceship'")]
    [TestCase("ShipMount.colour", "ShipMount has no property 'colour'. Properties: symbol, name, description")]
    [TestCase("shipMount.description", "writes no schema 'shipMount'")]
    public void An_unknown_field_is_a_clear_error_when_the_simulation_is_built(string field, string message)
        => Assert.That(() => new Simulation(new SimulationOptions { OmitFields = { field } }), Throws.ArgumentException.With.Message.Contains(message));

    [Test]
    public void Schemas_the_simulator_writes_with_one_type_are_named_together()
    {
        var omissions = FieldOmissions.Create(["ChartTransaction.totalPrice", "ShipMount.description", "ShipMount.description"])!;

        Assert.That(omissions.Fields, Is.EqualTo(new[] { "ChartTransaction.totalPrice", "ShipMount.description" }));
        Assert.That(omissions.SharedShapes, Is.EquivalentTo(new Dictionary<string, string[]> { ["ChartTransaction.totalPrice"] = ["ScrapTransaction", "RepairTransaction"] }));
        Assert.That(FieldOmissions.Create([]), Is.Null);
    }

    /// <summary>The table from types to schema names is right: each type has every required property of its schemas and no property they lack.</summary>
    [Test]
    public void Every_named_schema_is_in_the_live_spec_with_the_types_properties()
    {
        var problems = new List<string>();
        foreach (var (type, schemas) in FieldOmissions.SchemasByType)
        {
            var properties = SimJsonContext.Default.GetTypeInfo(type)!.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var name in schemas)
            {
                if (!Spec.Value.Document.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var schema))
                {
                    problems.Add($"{name} ({type.Name}): not in the live spec");
                    continue;
                }

                var declared = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(o => o.Name).ToHashSet(StringComparer.Ordinal) : [];
                var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
                problems.AddRange(properties.Where(n => !declared.Contains(n)).Select(n => $"{name} ({type.Name}): the spec has no '{n}'"));
                problems.AddRange(required.Where(n => !properties.Contains(n)).Select(n => $"{name} ({type.Name}): '{n}' is required but not written"));
            }
        }

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(FieldOmissions.SchemasByType.Values.Sum(s => s.Length), Is.GreaterThanOrEqualTo(55));
    }
}
