namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// Shared notes for one agent's fleet: behaviours and the conductor post and read small values by key to
/// coordinate (a hauler announcing the waypoint it waits at, a miner claiming a survey, a scout claiming a
/// market). Thread-safe. Values should be immutable.
/// </summary>
public interface IFleetBoard
{
    /// <summary>Posts or replaces a note.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The key, by convention <c>topic/subject</c> (for example <c>hauler/AGENT-3</c>).</param>
    /// <param name="value">The value.</param>
    void Post<T>(string key, T value)
        where T : notnull;

    /// <summary>Reads a note.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, when present and of type <typeparamref name="T"/>.</param>
    /// <returns><see langword="true"/> when found.</returns>
    bool TryRead<T>(string key, out T value);

    /// <summary>Removes a note.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it was there.</returns>
    bool Remove(string key);

    /// <summary>Reads every note whose key starts with <paramref name="prefix"/> and whose value is a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="prefix">The key prefix, for example <c>hauler/</c>.</param>
    /// <returns>A snapshot of the matching notes.</returns>
    IReadOnlyList<KeyValuePair<string, T>> ReadAll<T>(string prefix);

    /// <summary>
    /// Atomically posts <paramref name="value"/> under <paramref name="key"/> only if no note is there, so that
    /// two ships never claim the same thing.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when this call posted it.</returns>
    bool TryClaim<T>(string key, T value)
        where T : notnull;

    /// <summary>
    /// Waits until a note whose key starts with <paramref name="prefix"/> is posted or removed, or
    /// <paramref name="timeout"/> passes, parking the caller under virtual time.
    /// </summary>
    /// <param name="prefix">The key prefix to watch.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when a change happened; <see langword="false"/> at the timeout.</returns>
    Task<bool> WaitForChangeAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken);
}
