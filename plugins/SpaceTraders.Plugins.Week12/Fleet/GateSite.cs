using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.Week12.Fleet;

/// <summary>One material of the construction site, as last seen.</summary>
/// <param name="Good">The good.</param>
/// <param name="Required">Units the site needs in all.</param>
/// <param name="Fulfilled">Units supplied so far.</param>
internal sealed record GateMaterial(string Good, int Required, int Fulfilled)
{
    /// <summary>Gets the units still missing.</summary>
    public int Missing => Math.Max(0, Required - Fulfilled);
}

/// <summary>The construction site of the starting jump gate, as last seen (posted on the fleet board).</summary>
/// <param name="Waypoint">The gate's waypoint.</param>
/// <param name="Materials">Its materials.</param>
/// <param name="Complete">Whether the gate is built.</param>
/// <param name="At">When it was seen.</param>
internal sealed record GateStatus(string Waypoint, IReadOnlyList<GateMaterial> Materials, bool Complete, DateTimeOffset At)
{
    /// <summary>Gets the units supplied over every material (only ever grows).</summary>
    public int Fulfilled => Materials.Sum(m => m.Fulfilled);

    /// <summary>Gets a material by good.</summary>
    /// <param name="good">The good.</param>
    /// <returns>The material, or <see langword="null"/> when the site does not need it.</returns>
    public GateMaterial? Find(string good) => Materials.FirstOrDefault(m => m.Good == good);

    /// <summary>Reads the server's answer.</summary>
    /// <param name="construction">The construction site.</param>
    /// <param name="at">When it was read.</param>
    /// <returns>The status.</returns>
    public static GateStatus From(Construction construction, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(construction);
        return new GateStatus(
            construction.Symbol,
            [.. construction.Materials.Select(m => new GateMaterial(m.TradeSymbol.Value, m.Required, m.Fulfilled))],
            construction.IsComplete,
            at);
    }
}

/// <summary>A builder's share of one material: the units it carries to the gate or is about to buy.</summary>
/// <param name="Ship">The builder.</param>
/// <param name="Good">The material.</param>
/// <param name="Units">Units held or about to be bought.</param>
/// <param name="Until">When the claim lapses if the builder never updates it.</param>
internal sealed record GateClaim(string Ship, string Good, int Units, DateTimeOffset Until);

/// <summary>The lowest recent price a builder has seen for a material at a market: what its price cap follows.</summary>
/// <param name="Price">The lowest purchase price seen since <paramref name="At"/> (bounded by the ceiling over <paramref name="Lowest"/>).</param>
/// <param name="At">When that price was last seen.</param>
/// <param name="Lowest">The lowest purchase price ever seen there: what bounds how far <paramref name="Price"/> may climb.</param>
internal sealed record GateFloor(int Price, DateTimeOffset At, int Lowest);

/// <summary>
/// The construction site on the fleet board: its last status (which only ever moves forward), each builder's claim
/// (one per ship), and the lowest prices seen, so that builders together never buy more than the site still needs:
/// what one may claim is <c>required - fulfilled - what the other builders hold or are about to buy</c>.
/// </summary>
/// <remarks>
/// Claiming is a read, a sum and a post with no await in between, under one <see cref="Lock"/> the first caller posts
/// on the board: two builders never claim the same units, on the virtual clock or off it.
/// </remarks>
internal static class GateSite
{
    private const string StatusKey = "week12/gate/status";
    private const string ClaimPrefix = "week12/gate/claim/";
    private const string FloorPrefix = "week12/gate/floor/";
    private const string LockKey = "week12/gate/lock";

    /// <summary>Gets the last status posted, if any.</summary>
    /// <param name="board">The fleet board.</param>
    /// <returns>The status, or <see langword="null"/>.</returns>
    public static GateStatus? Status(IFleetBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board.TryRead<GateStatus>(StatusKey, out var status) ? status : null;
    }

    /// <summary>Posts a status unless the board already holds a later one (more units supplied, or complete).</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="status">The status seen.</param>
    /// <returns>The status on the board afterwards.</returns>
    public static GateStatus Post(IFleetBoard board, GateStatus status)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(status);
        return Locked(board, () =>
        {
            if (Status(board) is { } known && (known.Complete || known.Fulfilled > status.Fulfilled))
            {
                return known;   // a read that left before a delivery and came back after it
            }

            board.Post(StatusKey, status);
            return status;
        });
    }

    /// <summary>Gets the units of a material other ships hold live claims on.</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="good">The material.</param>
    /// <param name="ship">The ship asking (its own claim does not count).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The units.</returns>
    public static int ClaimedByOthers(IFleetBoard board, string good, string ship, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board.ReadAll<GateClaim>(ClaimPrefix)
            .Select(p => p.Value)
            .Where(c => c.Ship != ship && c.Good == good && c.Until > now)
            .Sum(c => c.Units);
    }

    /// <summary>
    /// Claims up to <paramref name="wanted"/> units of a material for a ship, on top of what it already holds:
    /// <c>missing - claimed by others - held</c> at most.
    /// </summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="ship">The builder.</param>
    /// <param name="good">The material.</param>
    /// <param name="held">Units of it the builder already holds.</param>
    /// <param name="wanted">Units it would like to buy.</param>
    /// <param name="until">When the claim lapses.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The units it may buy (0 when the rest is supplied or on the way).</returns>
    public static int Claim(IFleetBoard board, string ship, string good, int held, int wanted, DateTimeOffset until, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        return Locked(board, () =>
        {
            var missing = Status(board)?.Find(good)?.Missing ?? 0;
            var free = Math.Max(0, missing - ClaimedByOthers(board, good, ship, now) - held);
            var units = Math.Min(free, Math.Max(0, wanted));
            board.Post(ClaimPrefix + ship, new GateClaim(ship, good, held + units, until));
            return units;
        });
    }

    /// <summary>Sets a builder's claim to what it holds now (after buying fewer than claimed, or after a delivery).</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="ship">The builder.</param>
    /// <param name="good">The material.</param>
    /// <param name="held">Units held.</param>
    /// <param name="until">When the claim lapses.</param>
    public static void Hold(IFleetBoard board, string ship, string good, int held, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (held <= 0)
        {
            board.Remove(ClaimPrefix + ship);
            return;
        }

        board.Post(ClaimPrefix + ship, new GateClaim(ship, good, held, until));
    }

    /// <summary>Records a delivery: the site's new status and the builder's claim less what it supplied, together.</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="ship">The builder.</param>
    /// <param name="status">The site after the delivery.</param>
    /// <param name="good">The material delivered.</param>
    /// <param name="held">Units of it the builder still holds.</param>
    /// <param name="until">When the remaining claim lapses.</param>
    public static void Delivered(IFleetBoard board, string ship, GateStatus status, string good, int held, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(board);
        Locked(board, () =>
        {
            if (!(Status(board) is { } known && (known.Complete || known.Fulfilled > status.Fulfilled)))
            {
                board.Post(StatusKey, status);
            }

            Hold(board, ship, good, held, until);
            return 0;
        });
    }

    /// <summary>Releases a builder's claim.</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="ship">The builder.</param>
    public static void Release(IFleetBoard board, string ship)
    {
        ArgumentNullException.ThrowIfNull(board);
        board.Remove(ClaimPrefix + ship);
    }

    /// <summary>
    /// Gets the lowest recent purchase price for a material at a market, taking <paramref name="seen"/> in first: the
    /// lowest price seen, unless it was last seen <paramref name="lowFor"/> ago or longer, when the price seen now
    /// takes its place, but never more than <paramref name="ceiling"/> over the lowest price ever seen there. One dip
    /// (a market's opening price, a glut) therefore holds the cap down for <paramref name="lowFor"/> at most, and the
    /// cap follows the market where it recovers to; builders that keep a market drained, and so see it high at every
    /// lapse, cannot raise the cap step by step beyond <c>lowest × (1 + ceiling) × (1 + markup)</c>.
    /// </summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="market">The market.</param>
    /// <param name="good">The material.</param>
    /// <param name="seen">The price seen now.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lowFor">How long a low holds once it is no longer seen.</param>
    /// <param name="ceiling">The share over the lowest price ever seen that the low never rises above (0: the low never rises).</param>
    /// <returns>The lowest recent price.</returns>
    public static int Floor(IFleetBoard board, string market, string good, int seen, DateTimeOffset now, TimeSpan lowFor, double ceiling)
    {
        ArgumentNullException.ThrowIfNull(board);
        var key = FloorPrefix + market + "/" + good;
        var known = board.TryRead<GateFloor>(key, out var floor) ? floor : null;
        if (known is not null && known.Price < seen && now - known.At < lowFor)
        {
            return known.Price;
        }

        var lowest = Math.Min(seen, known?.Lowest ?? seen);
        var low = Math.Min(seen, (int)Math.Floor(lowest * (1 + Math.Max(0, ceiling))));
        board.Post(key, new GateFloor(low, now, lowest));
        return low;
    }

    /// <summary>Runs a short piece of code (no awaits) under the site's lock.</summary>
    private static T Locked<T>(IFleetBoard board, Func<T> body)
    {
        lock (SiteLock(board))
        {
            return body();
        }
    }

    /// <summary>
    /// Gets the site's lock: one <see cref="Lock"/> posted on the board by the first caller (behaviours share nothing
    /// but the board), read back by every caller, never removed. Its holder only reads and posts a few notes, so a
    /// contended wait is short; under the virtual clock there is none.
    /// </summary>
    private static Lock SiteLock(IFleetBoard board)
    {
        if (board.TryRead<Lock>(LockKey, out var gate))
        {
            return gate;
        }

        _ = board.TryClaim(LockKey, new Lock());   // posted by the first caller only: one that loses the race reads the winner's
        return board.TryRead<Lock>(LockKey, out gate)
            ? gate
            : throw new InvalidOperationException($"The fleet board holds something other than the gate's lock under '{LockKey}'.");
    }
}
