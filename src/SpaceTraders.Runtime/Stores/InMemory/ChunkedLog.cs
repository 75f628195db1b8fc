namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// An append-only sequence kept in fixed-size chunks small enough to stay off the large-object heap, so a store that
/// keeps a week of records (a million requests and more) never copies them into a doubled array, and holds no more
/// than one chunk of slack.
/// </summary>
/// <typeparam name="T">The entry type (a small struct).</typeparam>
/// <remarks>Not thread-safe: the store guards it with its lock.</remarks>
internal sealed class ChunkedLog<T>
    where T : struct
{
    /// <summary>Entries per chunk: 2,048 entries of up to 32 bytes is 64 KB, under the 85,000-byte large-object threshold.</summary>
    private const int ChunkSize = 2048;

    private readonly List<T[]> _chunks = [];
    private int _lastCount = ChunkSize;

    /// <summary>Gets the number of entries.</summary>
    public long Count => _chunks.Count == 0 ? 0 : ((long)(_chunks.Count - 1) * ChunkSize) + _lastCount;

    /// <summary>Appends an entry.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(in T entry)
    {
        if (_lastCount == ChunkSize)
        {
            _chunks.Add(new T[ChunkSize]);
            _lastCount = 0;
        }

        _chunks[^1][_lastCount++] = entry;
    }

    /// <summary>Gets the entries' chunks in order, each as the filled part of its array.</summary>
    /// <returns>The chunks.</returns>
    public IEnumerable<ReadOnlyMemory<T>> Chunks()
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            yield return new ReadOnlyMemory<T>(_chunks[i], 0, i == _chunks.Count - 1 ? _lastCount : ChunkSize);
        }
    }
}
