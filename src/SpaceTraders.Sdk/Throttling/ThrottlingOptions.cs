namespace SpaceTraders.Sdk.Throttling;

/// <summary>
/// How the <see cref="PriorityRateLimiter"/> models the server's rate limit and orders its queue.
/// The defaults are the live server's published limits (2 requests per second plus a burst of 30 per 60 s,
/// per account and per IP address).
/// </summary>
public sealed class ThrottlingOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether requests are paced on the client at all. Turn it off only
    /// against a server without limits (a simulator with rate limiting off, a test double). Off, requests take no slot
    /// and a game 429 is not requeued, but a streak of 502s still pauses sending (see <see cref="BadGatewayStreak"/>).
    /// The default value is <see langword="true"/>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the points in the static pool. The default value is 2.</summary>
    public int StaticPoolSize { get; set; } = 2;

    /// <summary>Gets or sets how long after its first use the static pool refills. The default value is 1 second.</summary>
    public TimeSpan StaticPoolWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the points in the burst pool, used once the static pool is empty. The default value is 30.</summary>
    public int BurstPoolSize { get; set; } = 30;

    /// <summary>Gets or sets how long after its first use the burst pool refills. The default value is 60 seconds.</summary>
    public TimeSpan BurstPoolWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets extra time added to every refill, to absorb the difference between when the client sends
    /// and when the server counts a request (network latency jitter). The default value is 50 milliseconds;
    /// use <see cref="TimeSpan.Zero"/> against an in-process simulator, where there is no latency.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Gets or sets how far the safety margin may widen after 429s. A 429 that comes although the limiter counted a
    /// free point means requests reached the server later, relative to each other, than the margin allows for; the
    /// limiter then widens its margin (to at least a quarter of the way from <see cref="SafetyMargin"/> to this value,
    /// and at least doubling it; 429s within one static window count once) and narrows it halfway back after every
    /// <see cref="SafetyMarginRelaxAfter"/> without one. Not above <see cref="SafetyMargin"/>, or with a zero
    /// <see cref="SafetyMargin"/> (an in-process simulator: no latency to absorb), the margin stays fixed. The current
    /// margin is <see cref="PriorityRateLimiter.CurrentSafetyMargin"/>. The default value is 1 second.
    /// </summary>
    public TimeSpan MaxSafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long a widened safety margin (see <see cref="MaxSafetyMargin"/>) lasts without a 429 before it
    /// narrows halfway back towards <see cref="SafetyMargin"/>. The default value is 5 minutes.
    /// </summary>
    public TimeSpan SafetyMarginRelaxAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the safety margin the limiter starts with, narrowing towards <see cref="SafetyMargin"/> like a
    /// widened one (see <see cref="SafetyMarginRelaxAfter"/>); at most <see cref="MaxSafetyMargin"/>. For a process
    /// whose first minutes are jittery: code compiled on first use between the limiter and the server (an in-process
    /// server on a fast clock, where a real millisecond is many game milliseconds). The default value is
    /// <see cref="TimeSpan.Zero"/>: start at <see cref="SafetyMargin"/>.
    /// </summary>
    public TimeSpan InitialSafetyMargin { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets a value indicating whether the per-account pools are enforced. The default value is <see langword="true"/>.</summary>
    public bool LimitPerAccount { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the per-IP pools (shared by every account using the limiter) are enforced. The default value is <see langword="true"/>.</summary>
    public bool LimitPerIp { get; set; } = true;

    /// <summary>
    /// Gets or sets the most requests that may wait in the queue, all priorities together. A request beyond it
    /// fails at once with <see cref="RequestQueueFullException"/>. The default value is 10,000.
    /// </summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long a waiting request may be passed over by higher-priority requests. Once a waiter
    /// is older than this, at least one slot in four goes to the oldest overdue waiter, so Background work is never
    /// starved forever. An overdue Background request counts as three of these limits younger than it is, so a lasting
    /// Normal backlog takes those slots first: a Normal wait is bounded by this value, a Background wait by four times
    /// it, each plus the time to serve the overdue waiters ahead of it. The default value is 30 seconds.
    /// </summary>
    public TimeSpan StarvationLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how many burst points Normal and Background requests leave for Critical ones while Critical requests
    /// are coming in (one was let through in the last minute), but never more than the Critical requests let
    /// through in about the last minute (a decaying count), so a few Critical requests keep only a few points; while
    /// the burst pool is down to those, they also leave the last static point of each second. So a Critical request
    /// that arrives while a backlog of lower priorities drains the pools goes at once instead of waiting for the next
    /// refill. Nothing is wasted: kept burst points that no Critical request claims are released to lower priorities
    /// one every half second before the burst pool refills (the last <see cref="SafetyMargin"/> plus 100 ms before),
    /// a kept static point 100 ms before its window ends, and an untouched pool may always be started. Waiters overdue
    /// under <see cref="StarvationLimit"/> ignore the reserve while Critical requests wait. Zero turns it off. The
    /// default value is 30 (the whole burst pool).
    /// </summary>
    public int CriticalReserve { get; set; } = 30;

    /// <summary>
    /// Gets or sets how many 502 answers in a row, with no other answer between them, make the limiter pause all
    /// sending for <see cref="BadGatewayPause"/>. A 502 comes from the DDoS protection in front of the game, which asks
    /// for a wait of a few minutes (FACTS.md §3); retrying each request after seconds while the rest of the fleet keeps
    /// sending only prolongs it. A sporadic 502 is still just retried: any other answer (a success, a game error)
    /// ends the streak. The pause applies whether or not requests are paced (<see cref="Enabled"/>): a client that turns
    /// pacing off (its own limiter in front, a replay, a test double) still talks to the same DDoS layer, so with pacing
    /// off an attempt takes no slot but still waits out a pause. This setting is the pause's own switch: zero turns it
    /// off, with pacing on or off. The default value is 3.
    /// </summary>
    public int BadGatewayStreak { get; set; } = 3;

    /// <summary>
    /// Gets or sets how long the limiter lets nothing through after <see cref="BadGatewayStreak"/> 502 answers in a
    /// row, on the limiter's clock. Waiting requests keep their order and go when it ends. The default value is 60 seconds.
    /// </summary>
    public TimeSpan BadGatewayPause { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Creates a copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public ThrottlingOptions Clone() => (ThrottlingOptions)MemberwiseClone();
}
