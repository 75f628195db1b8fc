using System.Globalization;
using System.Text.Json;

namespace SpaceTraders.Simulator.Tests.Schema;

/// <summary>
/// A small OpenAPI 3.0 schema validator: type, required, properties, additionalProperties, items, enum, $ref
/// (inside the document), allOf/anyOf/oneOf, nullable, format date-time/int64/int32/uri, minimum/maximum
/// (and exclusive), minLength/maxLength, minItems/maxItems. Every mismatch is reported with its JSON path.
/// </summary>
internal sealed class OpenApiSchemaValidator(JsonElement document)
{
    /// <summary>
    /// Gets or sets a value indicating whether properties the schema does not declare are reported when the schema
    /// says nothing about <c>additionalProperties</c>. The spec never forbids them, but an independent implementation
    /// that sends an undeclared property has usually misspelled one.
    /// </summary>
    public bool ReportUndeclaredProperties { get; set; } = true;

    public static OpenApiSchemaValidator Load(string path) => new(JsonDocument.Parse(File.ReadAllBytes(path)).RootElement);

    public JsonElement Document => document;

    /// <summary>Validates <paramref name="instance"/> against <paramref name="schema"/>.</summary>
    /// <returns>One line per mismatch: the JSON path and what is wrong. Empty when valid.</returns>
    public List<string> Validate(JsonElement instance, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Check(instance, schema, path, errors);
        return [.. errors.Distinct()];
    }

    /// <summary>Resolves a local <c>$ref</c> such as <c>#/components/schemas/Ship</c>.</summary>
    public JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException("Only local references are supported: " + reference);
        }

        var node = document;
        foreach (var raw in reference[2..].Split('/'))
        {
            var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (!node.TryGetProperty(name, out node))
            {
                throw new KeyNotFoundException("Unresolvable reference " + reference);
            }
        }

        return node;
    }

    private void Check(JsonElement instance, JsonElement schema, string path, List<string> errors, HashSet<string>? declaredBySiblings = null)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(instance, Resolve(reference.GetString()!), path, errors, declaredBySiblings);
            return;
        }

        if (instance.ValueKind == JsonValueKind.Null)
        {
            if (!IsNullable(schema))
            {
                errors.Add($"{path}: is null but the schema is not nullable");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            // Each part sees the properties its siblings declare, so a composed object is not "undeclared" in any part.
            var declared = new HashSet<string>(declaredBySiblings ?? [], StringComparer.Ordinal);
            CollectDeclared(schema, declared);
            foreach (var part in allOf.EnumerateArray())
            {
                Check(instance, part, path, errors, declared);
            }

            declaredBySiblings = declared;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var failures = anyOf.EnumerateArray().Select(s => Validate(instance, s, path)).ToList();
            if (failures.All(f => f.Count > 0))
            {
                errors.Add($"{path}: matches none of anyOf: " + string.Join(" | ", failures.Select(f => f[0])));
            }
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var failures = oneOf.EnumerateArray().Select(s => Validate(instance, s, path)).ToList();
            var matches = failures.Count(f => f.Count == 0);
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of oneOf (exactly one expected)" + (matches == 0 ? ": " + string.Join(" | ", failures.Select(f => f[0])) : string.Empty));
            }
        }

        var type = schema.TryGetProperty("type", out var typeElement) ? typeElement.GetString() : null;
        if (type is null && (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("required", out _)))
        {
            type = "object";
        }

        if (type is not null && !HasType(instance, type))
        {
            errors.Add($"{path}: expected {type} but found {Describe(instance)}");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, instance)))
        {
            errors.Add($"{path}: {instance.GetRawText()} is not one of [{string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText()))}]");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(instance, schema, path, errors, declaredBySiblings);
                break;
            case JsonValueKind.Array:
                CheckArray(instance, schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(instance.GetString()!, schema, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(instance, schema, path, errors);
                break;
        }
    }

    private bool IsNullable(JsonElement schema)
    {
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            return true;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return IsNullable(Resolve(reference.GetString()!));
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var options) && options.EnumerateArray().Any(IsNullable))
            {
                return true;
            }
        }

        return schema.TryGetProperty("allOf", out var allOf) && allOf.GetArrayLength() > 0 && allOf.EnumerateArray().All(IsNullable);
    }

    private void CheckObject(JsonElement instance, JsonElement schema, string path, List<string> errors, HashSet<string>? declaredBySiblings)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            var childPath = path + "." + property.Name;
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, childPath, errors);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{childPath}: property is not allowed (additionalProperties: false)");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(property.Value, additional, childPath, errors);
                }
            }
            else if (ReportUndeclaredProperties && hasProperties && declaredBySiblings?.Contains(property.Name) != true)
            {
                errors.Add($"{childPath}: property is not declared by the schema");
            }
        }
    }

    private void CollectDeclared(JsonElement schema, HashSet<string> declared)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            CollectDeclared(Resolve(reference.GetString()!), declared);
            return;
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                declared.Add(property.Name);
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                CollectDeclared(part, declared);
            }
        }
    }

    private void CheckArray(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        var length = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
        {
            errors.Add($"{path}: has {length} items, fewer than minItems {minItems.GetInt32()}");
        }

        if (schema.TryGetProperty("maxItems", out var maxItems) && length > maxItems.GetInt32())
        {
            errors.Add($"{path}: has {length} items, more than maxItems {maxItems.GetInt32()}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Check(item, items, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckString(string value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && value.Length < minLength.GetInt32())
        {
            errors.Add($"{path}: \"{value}\" is shorter than minLength {minLength.GetInt32()}");
        }

        if (schema.TryGetProperty("maxLength", out var maxLength) && value.Length > maxLength.GetInt32())
        {
            errors.Add($"{path}: \"{value}\" is longer than maxLength {maxLength.GetInt32()}");
        }

        if (schema.TryGetProperty("format", out var format))
        {
            switch (format.GetString())
            {
                case "date-time" when !IsDateTime(value):
                    errors.Add($"{path}: \"{value}\" is not an RFC 3339 date-time");
                    break;
                case "uri" when !Uri.TryCreate(value, UriKind.Absolute, out _):
                    errors.Add($"{path}: \"{value}\" is not an absolute URI");
                    break;
            }
        }
    }

    private static bool IsDateTime(string value)
        => value.Length >= 20 && (value[10] == 'T' || value[10] == 't')
            && (value.EndsWith('Z') || value.EndsWith('z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    private static void CheckNumber(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        var value = instance.GetDouble();
        if (schema.TryGetProperty("format", out var format))
        {
            var ok = format.GetString() switch
            {
                "int32" => instance.TryGetInt32(out _),
                "int64" => instance.TryGetInt64(out _),
                _ => true,
            };
            if (!ok)
            {
                errors.Add($"{path}: {instance.GetRawText()} does not fit format {format.GetString()}");
            }
        }

        var exclusiveMin = schema.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.ValueKind == JsonValueKind.True;
        var exclusiveMax = schema.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.ValueKind == JsonValueKind.True;
        if (schema.TryGetProperty("minimum", out var minimum) && (value < minimum.GetDouble() || (exclusiveMin && value == minimum.GetDouble())))
        {
            errors.Add($"{path}: {instance.GetRawText()} is below the minimum {minimum.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var maximum) && (value > maximum.GetDouble() || (exclusiveMax && value == maximum.GetDouble())))
        {
            errors.Add($"{path}: {instance.GetRawText()} is above the maximum {maximum.GetRawText()}");
        }
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && IsInteger(instance),
        _ => throw new NotSupportedException("Unknown schema type " + type),
    };

    private static bool IsInteger(JsonElement instance)
        => instance.TryGetInt64(out _) || (instance.TryGetDouble(out var d) && Math.Floor(d) == d && !instance.GetRawText().Contains('.', StringComparison.Ordinal));

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{instance.GetString()}\"",
        JsonValueKind.Number => "the number " + instance.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => instance.ValueKind.ToString(),
    };
}
