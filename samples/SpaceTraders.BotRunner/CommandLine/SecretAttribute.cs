using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace SpaceTraders.BotRunner.CommandLine;

/// <summary>
/// Marks a setting that holds a secret (a token, a password): <see cref="SettingsText"/> prints it as <c>[redacted]</c>
/// (or <c>null</c>), never its value.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class SecretAttribute : Attribute;

/// <summary>
/// Prints a settings record's members as the compiler would (every public instance property, in declaration order), but
/// each <see cref="SecretAttribute"/> property as <c>[redacted]</c>: a setting added later is printed without a hand list
/// to keep up, and a secret one only needs the attribute.
/// </summary>
internal static class SettingsText
{
    /// <summary>What a secret setting that is set prints as.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Appends <c>Name = value</c> for every public instance property of <paramref name="settings"/>, separated by commas.</summary>
    /// <param name="settings">The record.</param>
    /// <param name="builder">Where the text goes.</param>
    /// <returns><see langword="true"/> when anything was appended (the contract of a record's <c>PrintMembers</c>).</returns>
    public static bool AppendMembers(object settings, StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(builder);
        var properties = settings.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var value = property.GetValue(settings);
            builder.Append(i == 0 ? string.Empty : ", ").Append(property.Name).Append(" = ");
            builder.Append(value is null ? "null" : property.IsDefined(typeof(SecretAttribute)) ? Redacted : Text(value));
        }

        return properties.Count > 0;
    }

    /// <summary>A value as text: invariant culture, and a list's items (<c>[a, b]</c>) rather than its type's name.</summary>
    private static string Text(object value) => value switch
    {
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items when value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType == typeof(object)
            => "[" + string.Join(", ", items.Cast<object?>().Select(item => item is null ? "null" : Text(item))) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
