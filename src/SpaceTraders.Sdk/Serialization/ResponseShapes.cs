using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>
/// What the SDK's models require of a response, read from the JSON context's metadata (never a hand-kept list):
/// for each type its properties, which are required, which may be null, and which the client cannot act without
/// (<see cref="EssentialFields"/>). <see cref="FindMissing"/> walks a body once with a <see cref="Utf8JsonReader"/>
/// and lists every required field it lacks or sends as null; <see cref="DefaultFor"/> says what such a field is read
/// as. Thread-safe; shapes are built once per type.
/// </summary>
internal sealed class ResponseShapes
{
    private readonly JsonSerializerOptions _options;
    private readonly ConcurrentDictionary<Type, Shape> _shapes = new();

    /// <summary>Initializes a new instance of the <see cref="ResponseShapes"/> class.</summary>
    /// <param name="options">The options whose resolver describes the types (the SDK's JSON context).</param>
    public ResponseShapes(JsonSerializerOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Gets the shape of a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The shape; a type the context does not describe has kind <see cref="JsonTypeInfoKind.None"/>.</returns>
    public Shape Of(Type type) => _shapes.GetOrAdd(type, static (t, self) => self.Build(t), this);

    /// <summary>Lists the required fields a body lacks or sends as null where the model does not allow it.</summary>
    /// <param name="utf8">The body.</param>
    /// <param name="type">The type it is read as.</param>
    /// <returns>The fields, in document order of their objects; empty when nothing is missing.</returns>
    public IReadOnlyList<MissingField> FindMissing(ReadOnlySpan<byte> utf8, Type type)
    {
        var scan = new Scan();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (reader.Read())
            {
                Walk(ref reader, Of(type), scan);
            }
        }
        catch (JsonException)
        {
            // Not this walk's business: the deserializer reports a malformed body with its own error.
        }

        return scan.Found ?? (IReadOnlyList<MissingField>)[];
    }

    /// <summary>Gets what a missing field of a type is read as.</summary>
    /// <param name="type">The field's type.</param>
    /// <param name="allowsNull">Whether the model allows null for the field.</param>
    /// <returns>
    /// <see langword="null"/> where the model allows it (and for types without a meaningful default, such as
    /// <see cref="Uri"/>); otherwise <c>""</c>, <c>0</c>, <c>false</c>, the zero date, <c>[]</c>, or an object whose
    /// required fields are their defaults in turn.
    /// </returns>
    public JsonNode? DefaultFor(Type type, bool allowsNull) => allowsNull ? null : DefaultOf(type, depth: 0);

    private static void Walk(ref Utf8JsonReader reader, Shape shape, Scan scan)
    {
        switch (shape.Kind)
        {
            case JsonTypeInfoKind.Object when reader.TokenType == JsonTokenType.StartObject:
                WalkObject(ref reader, shape, scan);
                break;
            case JsonTypeInfoKind.Enumerable when reader.TokenType == JsonTokenType.StartArray:
                for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    scan.Path.Add(new PathSegment(null, index));
                    Walk(ref reader, shape.Element!, scan);
                    scan.Path.RemoveAt(scan.Path.Count - 1);
                }

                break;
            case JsonTypeInfoKind.Dictionary when reader.TokenType == JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    scan.Path.Add(new PathSegment(reader.GetString(), -1));
                    reader.Read();
                    Walk(ref reader, shape.Element!, scan);
                    scan.Path.RemoveAt(scan.Path.Count - 1);
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void WalkObject(ref Utf8JsonReader reader, Shape shape, Scan scan)
    {
        var properties = shape.Properties;
        Span<byte> seen = properties.Length <= 128 ? stackalloc byte[properties.Length] : new byte[properties.Length];
        const byte Value = 1, Null = 2;
        var hint = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = shape.IndexOf(ref reader, hint);
            hint = index + 1;
            reader.Read();
            if (index < 0)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                seen[index] = Null;
                continue;
            }

            seen[index] = Value;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                var property = properties[index];
                scan.Path.Add(new PathSegment(property.Name, -1));
                Walk(ref reader, property.Shape, scan);
                scan.Path.RemoveAt(scan.Path.Count - 1);
            }
        }

        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            if (property.IsRequired && (seen[i] == 0 || (seen[i] == Null && (!property.AllowsNull || property.IsEssential))))
            {
                scan.Report(shape, property, wasNull: seen[i] == Null);
            }
        }
    }

    private static bool IsExtensibleEnum(Type type)
        => type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExtensibleEnum<>));

    private JsonNode? DefaultOf(Type type, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is not null || type == typeof(Uri) || type == typeof(JsonElement) || depth > 16)
        {
            return null;
        }

        if (type == typeof(string) || IsExtensibleEnum(type))
        {
            return JsonValue.Create(string.Empty);
        }

        if (type == typeof(bool))
        {
            return JsonValue.Create(false);
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return JsonValue.Create("0001-01-01T00:00:00Z");
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return JsonValue.Create(0);
        }

        var shape = Of(type);
        switch (shape.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
                return new JsonArray();
            case JsonTypeInfoKind.Dictionary:
                return new JsonObject();
            case JsonTypeInfoKind.Object:
                var value = new JsonObject();
                foreach (var property in shape.Properties)
                {
                    if (property.IsRequired)
                    {
                        value[property.Name] = property.AllowsNull ? null : DefaultOf(property.Type, depth + 1);
                    }
                }

                return value;
            default:
                return null;
        }
    }

    private Shape Build(Type type)
    {
        JsonTypeInfo? info;
        try
        {
            info = _options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            info = null;
        }

        return new Shape(this, type, info);
    }

    /// <summary>A path step: a property name, or an array index (<see cref="Name"/> <see langword="null"/>).</summary>
    /// <param name="Name">The property name or dictionary key.</param>
    /// <param name="Index">The array index, or -1.</param>
    internal readonly record struct PathSegment(string? Name, int Index);

    /// <summary>What a type looks like to the reader.</summary>
    internal sealed class Shape
    {
        private readonly ResponseShapes _owner;
        private readonly Type? _elementType;
        private Shape? _element;

        public Shape(ResponseShapes owner, Type type, JsonTypeInfo? info)
        {
            _owner = owner;
            Type = type;
            Kind = info?.Kind ?? JsonTypeInfoKind.None;
            _elementType = info?.ElementType;
            Properties = Kind == JsonTypeInfoKind.Object
                ? [.. info!.Properties.Select(p => new Property(owner, type, p))]
                : [];
        }

        /// <summary>Gets the type.</summary>
        public Type Type { get; }

        /// <summary>Gets how the type is read: an object, a list, a dictionary, or a value.</summary>
        public JsonTypeInfoKind Kind { get; }

        /// <summary>Gets the properties of an object type.</summary>
        public Property[] Properties { get; }

        /// <summary>Gets the shape of a list's items or a dictionary's values.</summary>
        public Shape? Element => _elementType is null ? null : _element ??= _owner.Of(_elementType);

        /// <summary>Finds the property the reader's current property name names, exactly or ignoring case (as the context reads).</summary>
        /// <param name="reader">A reader on a property name.</param>
        /// <param name="hint">Where to look first: servers write properties in the model's order, so usually the one after the last.</param>
        /// <returns>The property's index, or -1.</returns>
        public int IndexOf(ref Utf8JsonReader reader, int hint)
        {
            var count = Properties.Length;
            for (var k = 0; k < count; k++)
            {
                var i = (hint + k) % count;
                var utf8 = Properties[i].Utf8Name;
                if (reader.ValueIsEscaped ? reader.ValueTextEquals(utf8) : reader.ValueSpan.SequenceEqual(utf8))
                {
                    return i;
                }
            }

            var name = reader.GetString();
            for (var i = 0; i < Properties.Length; i++)
            {
                if (string.Equals(Properties[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>One property of an object type.</summary>
    internal sealed class Property
    {
        private readonly ResponseShapes _owner;
        private Shape? _shape;

        public Property(ResponseShapes owner, Type declaringType, JsonPropertyInfo info)
        {
            _owner = owner;
            Name = info.Name;
            Utf8Name = Encoding.UTF8.GetBytes(info.Name);
            Type = info.PropertyType;
            IsRequired = info.IsRequired;
            AllowsNull = Nullable.GetUnderlyingType(info.PropertyType) is not null || (!info.PropertyType.IsValueType && info.IsSetNullable);
            IsEssential = EssentialFields.Contains(declaringType, info.Name);
        }

        /// <summary>Gets the JSON name.</summary>
        public string Name { get; }

        /// <summary>Gets the JSON name in UTF-8.</summary>
        public byte[] Utf8Name { get; }

        /// <summary>Gets the property's type.</summary>
        public Type Type { get; }

        /// <summary>Gets a value indicating whether the model requires it.</summary>
        public bool IsRequired { get; }

        /// <summary>Gets a value indicating whether the model allows null for it.</summary>
        public bool AllowsNull { get; }

        /// <summary>Gets a value indicating whether the client cannot act without it.</summary>
        public bool IsEssential { get; }

        /// <summary>Gets the shape of its value.</summary>
        public Shape Shape => _shape ??= _owner.Of(Type);
    }

    /// <summary>A required field a body lacked or sent as null.</summary>
    /// <param name="Owner">The shape of the object that lacked it.</param>
    /// <param name="Property">The field.</param>
    /// <param name="Path">Where the object is: the steps from the root.</param>
    /// <param name="WasNull">Whether it was present as <c>null</c>.</param>
    internal sealed record MissingField(Shape Owner, Property Property, IReadOnlyList<PathSegment> Path, bool WasNull)
    {
        /// <summary>Gets the field's path, for example <c>data.mounts[0].description</c>.</summary>
        public string FieldPath
        {
            get
            {
                var text = new StringBuilder();
                foreach (var step in Path)
                {
                    Append(text, step);
                }

                Append(text, new PathSegment(Property.Name, -1));
                return text.ToString();
            }
        }

        /// <summary>Gets the owning type's name, for example <c>ShipMount</c> (generic envelopes as <c>DataEnvelope</c>).</summary>
        public string TypeName => Owner.Type.IsGenericType ? Owner.Type.Name[..Owner.Type.Name.IndexOf('`', StringComparison.Ordinal)] : Owner.Type.Name;

        private static void Append(StringBuilder text, PathSegment step)
        {
            if (step.Name is null)
            {
                text.Append('[').Append(step.Index).Append(']');
                return;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(step.Name);
        }
    }

    private sealed class Scan
    {
        public List<PathSegment> Path { get; } = [];

        public List<MissingField>? Found { get; private set; }

        public void Report(Shape owner, Property property, bool wasNull)
            => (Found ??= []).Add(new MissingField(owner, property, [.. Path], wasNull));
    }
}
