using System.Collections;
using System.Runtime.CompilerServices;

namespace SpaceTraders.Runtime.Stores.InMemory;

/// <summary>
/// A sequence kept in fixed-size chunks small enough to stay off the large-object heap, so a store that keeps a week of
/// records (a million requests and more) never copies them into a doubled array, and holds no more than one chunk of
/// slack. Entries are appended, or (rarely) inserted before the last ones; <see cref="Snapshot"/> gives a read-only view
/// that shares the chunks instead of copying them.
/// </summary>
/// <typeparam name="T">The entry type (a small struct).</typeparam>
/// <remarks>Not thread-safe: the store guards it with its lock (a <see cref="Snapshot"/> is safe to read without it).</remarks>
internal sealed class ChunkedLog<T>
    where T : struct
{
    /// <summary>Entries per chunk: as many as fit in 64 KB, under the 85,000-byte large-object threshold.</summary>
    private static readonly int ChunkSize = Math.Max(1, 65536 / Unsafe.SizeOf<T>());

    private readonly List<T[]> _chunks = [];
    private int _lastCount = ChunkSize;

    /// <summary>Whether a snapshot shares the chunks: an insertion then copies them first (an append never changes what a snapshot sees).</summary>
    private bool _shared;

    /// <summary>Gets the number of entries.</summary>
    public long Count => _chunks.Count == 0 ? 0 : ((long)(_chunks.Count - 1) * ChunkSize) + _lastCount;

    /// <summary>Gets the entry at an index.</summary>
    /// <param name="index">The index, from 0 to <see cref="Count"/> - 1.</param>
    public ref readonly T this[long index] => ref _chunks[(int)(index / ChunkSize)][index % ChunkSize];

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

    /// <summary>Inserts an entry at an index, moving the entries from there on by one (cost: the entries moved).</summary>
    /// <param name="index">The index, from 0 to <see cref="Count"/>.</param>
    /// <param name="entry">The entry.</param>
    public void Insert(long index, in T entry)
    {
        var count = Count;
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        if (index == count)
        {
            Add(entry);
            return;
        }

        if (_shared)
        {
            for (var i = 0; i < _chunks.Count; i++)
            {
                _chunks[i] = (T[])_chunks[i].Clone();
            }

            _shared = false;
        }

        Add(this[count - 1]);
        for (var i = count - 1; i > index; i--)
        {
            At(i) = this[i - 1];
        }

        At(index) = entry;
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

    /// <summary>
    /// Gets a read-only view of the entries as they are now, sharing the chunks: later appends do not show in it, and a
    /// later insertion copies the chunks before it moves anything.
    /// </summary>
    /// <returns>The view.</returns>
    public View Snapshot()
    {
        _shared = true;
        return new View([.. _chunks], Count);
    }

    private ref T At(long index) => ref _chunks[(int)(index / ChunkSize)][index % ChunkSize];

    /// <summary>A read-only view of a <see cref="ChunkedLog{T}"/> at one moment.</summary>
    /// <param name="chunks">The chunks it sees.</param>
    /// <param name="count">The entries it sees.</param>
    internal sealed class View(T[][] chunks, long count) : IEnumerable<T>
    {
        /// <summary>Gets the number of entries.</summary>
        public int Count { get; } = checked((int)count);

        /// <summary>Gets the entry at an index.</summary>
        /// <param name="index">The index, from 0 to <see cref="Count"/> - 1.</param>
        public ref readonly T this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfNegative(index);
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
                return ref chunks[index / ChunkSize][index % ChunkSize];
            }
        }

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        /// <inheritdoc />
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
