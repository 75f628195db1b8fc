namespace SpaceTraders.Simulator.RateLimiting;

/// <summary>
/// The server's rate limits, applied per account and per IP address (FACTS.md §3): a static pool refilled
/// to full a fixed time after its first use, then a burst pool used only when the static pool is empty.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Gets or sets a value indicating whether requests are rate limited at all. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the static pool's size. The default value is 2.</summary>
    public int StaticPoints { get; set; } = 2;

    /// <summary>Gets or sets how long after its first use the static pool refills. The default value is 1 second.</summary>
    public TimeSpan StaticWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the burst pool's size. The default value is 30.</summary>
    public int BurstPoints { get; set; } = 30;

    /// <summary>Gets or sets how long after its first use the burst pool refills. The default value is 60 seconds.</summary>
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets a value indicating whether successful responses carry <c>x-ratelimit-*</c> headers (the
    /// scope with fewer points left), as some clients read them from every response. The default value is <see langword="true"/>.
    /// </summary>
    public bool HeadersOnEveryResponse { get; set; } = true;

    internal void Validate()
    {
        if (StaticPoints < 0 || BurstPoints < 0 || StaticPoints + BurstPoints == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StaticPoints), "The rate-limit pools need at least one point between them.");
        }

        if (StaticWindow <= TimeSpan.Zero || BurstWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StaticWindow), "Rate-limit windows must be positive.");
        }
    }
}
