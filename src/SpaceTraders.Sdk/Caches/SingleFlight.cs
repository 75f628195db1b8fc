using System.Runtime.ExceptionServices;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Caches;

/// <summary>
/// Runs at most one fetch per key at a time: the first caller fetches, later callers park until it ends and then
/// read what it stored. Works under virtual time: waiters park on <see cref="IClockSignal"/>s.
/// </summary>
/// <remarks>
/// If the fetching caller is cancelled, one of the waiters fetches instead; if the fetch fails, every waiter gets
/// the same error (a retry would spend the same requests on the same answer).
/// </remarks>
internal sealed class SingleFlight
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public SingleFlight(TimeProvider clock) => _clock = clock;

    /// <summary>Gets the value from <paramref name="tryGet"/>, running <paramref name="fetch"/> (which must store it) at most once at a time per key.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="key">The flight's key.</param>
    /// <param name="tryGet">Reads the value from the cache, or <see langword="null"/>.</param>
    /// <param name="fetch">Fetches and stores the value, and returns it.</param>
    /// <param name="cancellationToken">Cancels this caller's wait or fetch.</param>
    /// <returns>The value.</returns>
    public async Task<T> GetAsync<T>(string key, Func<T?> tryGet, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (tryGet() is { } cached)
            {
                return cached;
            }

            Flight flight;
            IClockSignal? signal = null;
            lock (_gate)
            {
                if (tryGet() is { } stored)
                {
                    return stored;
                }

                if (_flights.TryGetValue(key, out var running))
                {
                    flight = running;
                    signal = _clock.CreateSignal($"static world cache: {key}");
                    flight.Waiters.Add(signal);
                }
                else
                {
                    flight = new Flight();
                    _flights[key] = flight;
                }
            }

            if (signal is null)
            {
                return await FetchAsync(key, flight, fetch, cancellationToken).ConfigureAwait(false);
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (flight.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    private async Task<T> FetchAsync<T>(string key, Flight flight, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This caller gave up; a waiter will fetch instead.
            throw;
        }
        catch (Exception error)
        {
            flight.Error = error;
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _flights.Remove(key);
                foreach (var waiter in flight.Waiters)
                {
                    waiter.Set();
                }
            }
        }
    }

    private sealed class Flight
    {
        public List<IClockSignal> Waiters { get; } = [];

        public Exception? Error { get; set; }
    }
}
