using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week12.Fleet;

/// <summary>What a kind of ship has earned lately.</summary>
/// <param name="Ships">Ships of the type measured over the whole window.</param>
/// <param name="CreditsPerHour">Their mean credits per hour.</param>
/// <param name="MarginalCreditsPerHour">The credits per hour of the newest of them: what one more ship is likely to add.</param>
/// <param name="RequestsPerHour">Their mean requests per hour.</param>
internal sealed record TypeFigures(int Ships, double CreditsPerHour, double MarginalCreditsPerHour, double RequestsPerHour)
{
    /// <summary>Gets the credits per request of the type.</summary>
    public double CreditsPerRequest => RequestsPerHour <= 0 ? 0 : CreditsPerHour / RequestsPerHour;
}

/// <summary>
/// Per-ship running totals of credits and requests, sampled from the runtime's session figures every time the
/// conductor looks at the fleet, so the conductor can measure what each kind of ship earns per hour and per request
/// over a rolling window (completed sessions and the one running alike: over an hour a trader's purchases and sales
/// even out).
/// </summary>
/// <remarks>Used by the conductor's actor only; not thread-safe.</remarks>
internal sealed class FleetLedger
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Account> _ships = new(StringComparer.Ordinal);
    private readonly TimeSpan _keep;

    /// <summary>Initializes a new instance of the <see cref="FleetLedger"/> class.</summary>
    /// <param name="keep">How much history to keep (at least the longest window asked for).</param>
    public FleetLedger(TimeSpan keep) => _keep = keep;

    /// <summary>Takes in the fleet's current session figures.</summary>
    /// <param name="ships">The fleet as the runtime sees it.</param>
    /// <param name="now">The current time.</param>
    public void Observe(IReadOnlyList<FleetShip> ships, DateTimeOffset now)
    {
        foreach (var ship in ships)
        {
            if (!_ships.TryGetValue(ship.Symbol, out var account))
            {
                _ships[ship.Symbol] = account = new Account(ship.ShipType ?? "UNKNOWN", now);
            }

            if (ship.Session is { } session)
            {
                if (session.SessionId != account.Session)
                {
                    account.ClosedCredits += account.SessionCredits;
                    account.ClosedRequests += account.SessionRequests;
                    account.Session = session.SessionId;
                }

                account.SessionCredits = session.CreditsEarned;
                account.SessionRequests = session.Requests;
                if (session.Outcome == SessionOutcome.Idle && account.IdleSession != session.SessionId)
                {
                    account.IdleSession = session.SessionId;
                    account.LastIdleAt = now;
                }
            }

            if (account.Samples.Count == 0 || now - account.LastSampleAt >= SampleEvery)
            {
                account.Samples.Enqueue(new Sample(now, account.Credits, account.Requests));
                account.LastSampleAt = now;
                while (account.Samples.Count > 2 && now - account.Samples.Peek().At > _keep)
                {
                    account.Samples.Dequeue();
                }
            }
        }
    }

    /// <summary>Gets whether some ship of the given types found nothing to do (a session ended idle) since a time.</summary>
    /// <param name="types">The ship types.</param>
    /// <param name="since">The time.</param>
    /// <returns><see langword="true"/> when one did: more ships of those types would find nothing either.</returns>
    public bool IdledSince(IReadOnlyCollection<string> types, DateTimeOffset since) =>
        _ships.Values.Any(a => a.LastIdleAt is { } at && at >= since && types.Contains(a.Type));

    /// <summary>Gets the ships of a type that the ledger knows, and how long it has known each.</summary>
    /// <param name="type">The ship type.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The ships, newest first.</returns>
    public IReadOnlyList<(string Symbol, TimeSpan Age)> ShipsOf(string type, DateTimeOffset now) =>
        [.. _ships.Where(p => p.Value.Type == type).Select(p => (p.Key, now - p.Value.FirstSeen)).OrderBy(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal)];

    /// <summary>Measures a ship type over a window: only ships known for the whole window count.</summary>
    /// <param name="type">The ship type.</param>
    /// <param name="window">The window.</param>
    /// <param name="now">The current time.</param>
    /// <param name="newest">How many of the newest measured ships the marginal figure averages.</param>
    /// <returns>The figures, or <see langword="null"/> when no ship of the type has been known for the whole window.</returns>
    public TypeFigures? Measure(string type, TimeSpan window, DateTimeOffset now, int newest = 3)
    {
        var measured = new List<(DateTimeOffset FirstSeen, double Cph, double Rph)>();
        foreach (var account in _ships.Values)
        {
            if (account.Type != type || now - account.FirstSeen < window || Rate(account, window, now) is not { } rate)
            {
                continue;
            }

            measured.Add((account.FirstSeen, rate.Cph, rate.Rph));
        }

        if (measured.Count == 0)
        {
            return null;
        }

        var marginal = measured.OrderByDescending(m => m.FirstSeen).Take(Math.Max(1, newest)).Average(m => m.Cph);
        return new TypeFigures(measured.Count, measured.Average(m => m.Cph), marginal, measured.Average(m => m.Rph));
    }

    /// <summary>Measures the whole fleet over a window: credits per hour and per request.</summary>
    /// <param name="window">The window.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The fleet's credits per hour, requests per hour and credits per request.</returns>
    public (double CreditsPerHour, double RequestsPerHour, double CreditsPerRequest) Fleet(TimeSpan window, DateTimeOffset now)
    {
        double credits = 0, requests = 0;
        foreach (var account in _ships.Values)
        {
            if (Rate(account, window, now) is { } rate)
            {
                credits += rate.Cph;
                requests += rate.Rph;
            }
        }

        return (credits, requests, requests <= 0 ? 0 : credits / requests);
    }

    /// <summary>A ship's credits and requests per hour over the window (or since it was first seen, if later).</summary>
    private static (double Cph, double Rph)? Rate(Account account, TimeSpan window, DateTimeOffset now)
    {
        Sample? start = null;
        foreach (var sample in account.Samples)
        {
            if (now - sample.At <= window)
            {
                start = sample;
                break;
            }
        }

        if (start is not { } from)
        {
            return null;
        }

        var hours = (now - from.At).TotalHours;
        if (hours < 0.05)
        {
            return null;
        }

        return ((account.Credits - from.Credits) / hours, (account.Requests - from.Requests) / hours);
    }

    private sealed class Account(string type, DateTimeOffset firstSeen)
    {
        public string Type { get; } = type;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public Guid? Session { get; set; }

        public long ClosedCredits { get; set; }

        public long ClosedRequests { get; set; }

        public long SessionCredits { get; set; }

        public long SessionRequests { get; set; }

        public long Credits => ClosedCredits + SessionCredits;

        public long Requests => ClosedRequests + SessionRequests;

        public Queue<Sample> Samples { get; } = new();

        public Guid? IdleSession { get; set; }

        public DateTimeOffset? LastIdleAt { get; set; }

        public DateTimeOffset LastSampleAt { get; set; }
    }

    private readonly record struct Sample(DateTimeOffset At, long Credits, long Requests);
}
