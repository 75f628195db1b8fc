using System.Collections.Concurrent;

namespace SpaceTraders.Testing;

/// <summary>
/// Sits between the SDK and the simulator's transport and notes, on the virtual clock, every market read that came
/// back with prices (a ship was there); then measures how stale each market was over a window. Shared with the
/// market scout benchmark.
/// </summary>
internal sealed class MarketReadLog(TimeProvider clock, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _reads = new(StringComparer.Ordinal);

    /// <summary>Gets the reads with prices, per market waypoint.</summary>
    public IReadOnlyDictionary<string, List<DateTimeOffset>> Reads => _reads;

    private int _marketGets;
    private int _navigations;

    /// <summary>Gets how many market reads with prices were seen.</summary>
    public int Count => _reads.Values.Sum(r => r.Count);

    /// <summary>Gets how many market reads were made at all (with prices or without).</summary>
    public int MarketGets => Volatile.Read(ref _marketGets);

    /// <summary>Gets how many navigations were made.</summary>
    public int Navigations => Volatile.Read(ref _navigations);

    /// <summary>
    /// Measures staleness over <c>[from, to]</c>: at every instant a market's staleness is the time since its last
    /// read with prices (since <paramref name="start"/> when never read); returns the time-mean over the window and
    /// the markets, and each market's worst staleness.
    /// </summary>
    public Staleness Measure(IEnumerable<string> markets, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to)
    {
        var window = (to - from).TotalSeconds;
        var means = new List<double>();
        var worst = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var market in markets)
        {
            List<DateTimeOffset> reads;
            lock (_reads)
            {
                reads = [.. _reads.GetValueOrDefault(market) ?? [], to];
            }

            // Integrate age(t) = t - last read, piecewise linear between reads.
            var last = start;
            double area = 0, max = 0;
            foreach (var read in reads.Where(r => r <= to).Order())
            {
                var a = Max(last, from);
                var b = read;
                if (b > a)
                {
                    var ageA = (a - last).TotalSeconds;
                    var ageB = (b - last).TotalSeconds;
                    area += (ageA + ageB) / 2 * (b - a).TotalSeconds;
                    max = Math.Max(max, ageB);
                }

                last = Max(last, read);
            }

            means.Add(area / window);
            worst[market] = max;
        }

        return new Staleness(TimeSpan.FromSeconds(means.Average()), worst.ToDictionary(w => w.Key, w => TimeSpan.FromSeconds(w.Value), StringComparer.Ordinal));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method == HttpMethod.Post && response.IsSuccessStatusCode && path.EndsWith("/navigate", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _navigations);
        }

        if (request.Method == HttpMethod.Get && response.IsSuccessStatusCode && path.EndsWith("/market", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _marketGets);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains("\"tradeGoods\"", StringComparison.Ordinal))
            {
                var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var waypoint = segments[^2];
                lock (_reads)
                {
                    _reads.GetOrAdd(waypoint, _ => []).Add(clock.GetUtcNow());
                }
            }
        }

        return response;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Mean staleness over markets and time, and each market's worst.</summary>
internal sealed record Staleness(TimeSpan Mean, IReadOnlyDictionary<string, TimeSpan> Worst)
{
    public TimeSpan Max => Worst.Count == 0 ? TimeSpan.Zero : Worst.Values.Max();
}
