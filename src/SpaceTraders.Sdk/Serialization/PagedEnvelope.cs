using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Serialization;

/// <summary>The <c>{"data": [...], "meta": {...}}</c> wrapper of paged lists.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PagedEnvelope<T> : IEnvelope
{
    /// <summary>Gets the items of the page.</summary>
    public required IReadOnlyList<T> Data { get; init; }

    /// <summary>Gets the page's position in the whole list.</summary>
    public required Meta Meta { get; init; }

    /// <summary>Converts the envelope to the public page type.</summary>
    /// <returns>The page.</returns>
    public Page<T> ToPage() => new() { Items = Data, Meta = Meta };

    /// <inheritdoc />
    object? IEnvelope.Payload => Data is null || Meta is null ? null : Data;
}
