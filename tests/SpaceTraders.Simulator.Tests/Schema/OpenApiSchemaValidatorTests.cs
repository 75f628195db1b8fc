using System.Text.Json;

namespace SpaceTraders.Simulator.Tests.Schema;

[TestFixture]
public sealed class OpenApiSchemaValidatorTests
{
    private const string Document = """
        {
          "components": { "schemas": {
            "Nav": { "type": "object", "required": ["status", "arrival"], "properties": {
              "status": { "type": "string", "enum": ["IN_TRANSIT", "DOCKED"] },
              "arrival": { "type": "string", "format": "date-time" },
              "fuel": { "type": "integer", "minimum": 0, "maximum": 100 },
              "name": { "type": "string", "minLength": 1, "nullable": true } } },
            "Named": { "type": "object", "properties": { "symbol": { "type": "string" } } },
            "Both": { "allOf": [ { "$ref": "#/components/schemas/Named" }, { "type": "object", "properties": { "size": { "type": "number" } } } ] },
            "Either": { "anyOf": [ { "type": "string" }, { "type": "integer" } ] },
            "One": { "oneOf": [ { "type": "integer" }, { "type": "number" } ] },
            "Map": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } },
            "Closed": { "type": "object", "properties": { "a": { "type": "integer" } }, "additionalProperties": false }
          } }
        }
        """;

    private readonly OpenApiSchemaValidator _validator = new(JsonDocument.Parse(Document).RootElement);

    [Test]
    public void A_valid_instance_has_no_errors()
    {
        var errors = Check("""{"status":"DOCKED","arrival":"2026-01-01T00:00:00.000Z","fuel":100,"name":null}""", "Nav");
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Every_mismatch_is_reported_with_its_json_path()
    {
        var errors = Check("""{"status":"FLYING","arrival":"yesterday","fuel":101.5,"name":"","extra":1}""", "Nav");

        Assert.That(errors, Has.Some.StartsWith("$.status: \"FLYING\" is not one of"));
        Assert.That(errors, Has.Some.StartsWith("$.arrival: \"yesterday\" is not an RFC 3339 date-time"));
        Assert.That(errors, Has.Some.StartsWith("$.fuel: expected integer"));
        Assert.That(errors, Has.Some.StartsWith("$.name: \"\" is shorter than minLength 1"));
        Assert.That(errors, Has.Some.StartsWith("$.extra: property is not declared"));
    }

    [Test]
    public void Missing_required_properties_nulls_and_ranges_are_reported()
    {
        var errors = Check("""{"status":null,"fuel":-1}""", "Nav");

        Assert.That(errors, Has.Some.EqualTo("$: required property 'arrival' is missing"));
        Assert.That(errors, Has.Some.EqualTo("$.status: is null but the schema is not nullable"));
        Assert.That(errors, Has.Some.StartsWith("$.fuel: -1 is below the minimum 0"));
    }

    [Test]
    public void AllOf_checks_every_part_and_its_properties_count_as_declared()
    {
        Assert.That(Check("""{"symbol":"A","size":2}""", "Both"), Is.Empty);
        Assert.That(Check("""{"symbol":3,"size":"big"}""", "Both"), Has.Count.EqualTo(2));
        Assert.That(Check("""{"symbol":"A","colour":"red"}""", "Both"), Is.EqualTo(new[] { "$.colour: property is not declared by the schema" }));
    }

    [Test]
    public void AnyOf_and_oneOf_count_their_matches()
    {
        Assert.That(Check("\"x\"", "Either"), Is.Empty);
        Assert.That(Check("true", "Either"), Has.One.StartsWith("$: matches none of anyOf"));
        Assert.That(Check("1.5", "One"), Is.Empty);
        Assert.That(Check("2", "One"), Has.One.StartsWith("$: matches 2 of oneOf"));
    }

    [Test]
    public void AdditionalProperties_as_a_schema_or_false_is_enforced()
    {
        Assert.That(Check("""{"FUEL":["A","B"]}""", "Map"), Is.Empty);
        Assert.That(Check("""{"FUEL":["A",2]}""", "Map"), Has.One.StartsWith("$.FUEL[1]: expected string"));
        Assert.That(Check("""{"a":1,"b":2}""", "Closed"), Has.One.EqualTo("$.b: property is not allowed (additionalProperties: false)"));
    }

    [Test]
    public void The_live_spec_loads_and_its_references_resolve()
    {
        var validator = OpenApiSchemaValidator.Load(SpecFiles.LiveSpec);
        var ship = validator.Resolve("#/components/schemas/Ship");
        Assert.That(ship.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Does.Contain("nav"));
        Assert.That(() => validator.Resolve("#/components/schemas/NoSuchThing"), Throws.InstanceOf<KeyNotFoundException>());
    }

    private List<string> Check(string json, string schemaName)
        => _validator.Validate(JsonDocument.Parse(json).RootElement, _validator.Resolve("#/components/schemas/" + schemaName));
}
