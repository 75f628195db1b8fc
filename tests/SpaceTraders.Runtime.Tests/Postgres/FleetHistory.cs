using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Tests.Postgres;

/// <summary>
/// A seeded stream of what a running fleet appends: sessions, their requests, credit movements that carry the
/// agent's balance (so they must sum exactly to its change), ship parts and market observations.
/// </summary>
internal sealed class FleetHistory(int seed, string agent, long startCredits, DateTimeOffset start)
{
    private static readonly string[] Kinds = ["sell", "purchase", "refuel", "repair", "contract-fulfil"];
    private readonly Random _random = new(seed);
    private readonly List<Guid> _running = [];
    private DateTimeOffset _now = start;
    private int _sessions;

    public string Agent => agent;

    public long StartCredits { get; } = startCredits;

    public long Credits { get; private set; } = startCredits;

    public int Requests { get; private set; }

    public int Movements { get; private set; }

    public int SessionsStarted => _sessions;

    public int SessionsEnded { get; private set; }

    public int ShipPartValues { get; private set; }

    /// <summary>Appends the next <paramref name="count"/> events to <paramref name="store"/>.</summary>
    public void AppendTo(IRecordSink store, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _now = _now.AddSeconds(1 + _random.Next(5));
            var roll = _random.Next(100);
            if (_running.Count == 0 || roll < 5)
            {
                var id = new Guid(_random.Next(), 0, 0, BitConverter.GetBytes(_random.NextInt64()));
                _running.Add(id);
                _sessions++;
                store.Append(new SessionStartedRecord(id, agent, $"{agent}-{_sessions % 7}", "SHIP_MINING_DRONE", "mine", "v1", "fleet@v1", "node-a", _now));
            }
            else if (roll < 8 && _running.Count > 1)
            {
                var ended = _running[0];
                _running.RemoveAt(0);
                SessionsEnded++;
                store.Append(new SessionEndedRecord(ended, SessionOutcome.Completed, null, _now));
            }
            else if (roll < 60)
            {
                Requests++;
                store.Append(new RequestRecordedRecord(Session(), agent, "POST", "/my/ships/{shipSymbol}/extract", 201, "Normal", TimeSpan.FromMilliseconds(_random.Next(2000)), TimeSpan.FromMilliseconds(2100), 1, 0, _random.Next(2) == 0, _now));
            }
            else if (roll < 85)
            {
                var kind = Kinds[_random.Next(Kinds.Length)];
                var amount = kind is "sell" or "contract-fulfil" ? _random.Next(1, 5000) : -_random.Next(1, 800);
                Credits += amount;
                Movements++;
                store.Append(new CreditMovementRecord(Session(), agent, kind, amount, Credits, $"{agent}-1", "IRON_ORE", 10, _now));
            }
            else if (roll < 95)
            {
                ShipPartValues += 2;
                store.Append(new ShipPartsRecord(agent, $"{agent}-{_random.Next(7)}", [new ShipPartValue("nav", i, $$"""{"waypointSymbol":"X1-A{{_random.Next(9)}}"}"""), new ShipPartValue("fuel", i, $$"""{"current":{{_random.Next(400)}}}""")], _now));
            }
            else
            {
                store.Append(new MarketObservationRecord("X1-A1", "IRON_ORE", "EXPORT", 100 + _random.Next(20), 90 + _random.Next(20), 60, "MODERATE", null, _now));
            }
        }
    }

    private Guid? Session() => _running.Count == 0 ? null : _running[_random.Next(_running.Count)];
}
