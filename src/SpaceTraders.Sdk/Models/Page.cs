namespace SpaceTraders.Sdk.Models;

/// <summary>One page of a paged list (<c>data</c> plus <c>meta</c> in the API's response).</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// Pages are numbered from 1 and hold at most 20 items. To walk a whole list, use the client's
/// <c>Enumerate...Async</c> methods, which fetch every page at 20 items and Background priority.
/// </remarks>
public sealed record Page<T>
{
    /// <summary>Gets the items on this page.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>Gets the page number, page size and total count of the whole list.</summary>
    public required Meta Meta { get; init; }

    /// <summary>Gets a value indicating whether pages after this one hold more items.</summary>
    public bool HasNextPage => Items.Count > 0 && (long)Meta.Page * Meta.Limit < Meta.Total;
}
