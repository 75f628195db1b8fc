using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// The last few requests and credit movements of every ship, for a live view of one ship: bounded per ship, so memory
/// stays flat however long the run (the store keeps the totals; the in-memory store keeps no request rows).
/// </summary>
internal sealed class ShipActivityLog(int perShip)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (Queue<RequestRecordedRecord> Requests, Queue<CreditMovementRecord> Movements)> _ships = new(StringComparer.Ordinal);

    public void Add(string shipSymbol, RequestRecordedRecord request)
    {
        if (perShip <= 0)
        {
            return;
        }

        lock (_gate)
        {
            var queue = Of(shipSymbol).Requests;
            queue.Enqueue(request);
            while (queue.Count > perShip)
            {
                queue.Dequeue();
            }
        }
    }

    public void Add(string shipSymbol, CreditMovementRecord movement)
    {
        if (perShip <= 0)
        {
            return;
        }

        lock (_gate)
        {
            var queue = Of(shipSymbol).Movements;
            queue.Enqueue(movement);
            while (queue.Count > perShip)
            {
                queue.Dequeue();
            }
        }
    }

    public ShipActivity? Read(string shipSymbol)
    {
        lock (_gate)
        {
            return _ships.TryGetValue(shipSymbol, out var log)
                ? new ShipActivity(shipSymbol, [.. log.Requests.Reverse()], [.. log.Movements.Reverse()])
                : null;
        }
    }

    private (Queue<RequestRecordedRecord> Requests, Queue<CreditMovementRecord> Movements) Of(string shipSymbol)
    {
        if (!_ships.TryGetValue(shipSymbol, out var log))
        {
            _ships[shipSymbol] = log = (new Queue<RequestRecordedRecord>(), new Queue<CreditMovementRecord>());
        }

        return log;
    }
}
