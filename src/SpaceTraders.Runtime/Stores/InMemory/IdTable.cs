namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// Values kept once each and named by a small id (the names and scopes compact credit movements point to). Not
/// thread-safe: the store guards it.
/// </summary>
/// <typeparam name="T">The values.</typeparam>
/// <param name="comparer">How values compare; the default comparer when <see langword="null"/>.</param>
internal sealed class IdTable<T>(IEqualityComparer<T>? comparer = null)
    where T : notnull
{
    private readonly List<T> _values = [];
    private readonly Dictionary<T, int> _ids = new(comparer);

    /// <summary>Gets the id of <paramref name="value"/>, adding it first if it is new.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its id: its place in <see cref="ToArray"/>.</returns>
    public int Id(T value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _ids.Add(value, id);
        }

        return id;
    }

    /// <summary>Copies the values, indexed by id, for a reader outside the store's lock.</summary>
    /// <returns>The values so far.</returns>
    public T[] ToArray() => [.. _values];
}
