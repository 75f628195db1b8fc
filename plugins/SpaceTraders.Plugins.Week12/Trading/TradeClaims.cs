using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Plugins.Week12.Trading;

/// <summary>A ship's claim on one end of a trade (a good at a market) until it has traded there.</summary>
/// <param name="Ship">The ship holding the claim.</param>
/// <param name="Until">When the claim lapses if the ship never releases it (it failed, say).</param>
internal sealed record TradeClaim(string Ship, DateTimeOffset Until);

/// <summary>
/// Claims on the fleet board so that two traders never buy the same good at one market, or sell it at one market, at
/// the same time: the second would pay the prices the first left behind. A claim lapses by itself.
/// </summary>
internal static class TradeClaims
{
    private const string Prefix = "week12/";

    /// <summary>Gets the board key of buying a good at a market.</summary>
    /// <param name="good">The good.</param>
    /// <param name="market">The market.</param>
    /// <returns>The key.</returns>
    public static string Buying(TradeSymbol good, string market) => $"week12/buy/{good.Value}/{market}";

    /// <summary>Gets the board key of selling a good at a market.</summary>
    /// <param name="good">The good.</param>
    /// <param name="market">The market.</param>
    /// <returns>The key.</returns>
    public static string Selling(TradeSymbol good, string market) => $"week12/sell/{good.Value}/{market}";

    /// <summary>Gets a value indicating whether a key is free for a ship (unclaimed, lapsed, or its own).</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="key">The claim's key.</param>
    /// <param name="ship">The ship asking.</param>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when the ship may use it.</returns>
    public static bool IsFree(IFleetBoard board, string key, string ship, DateTimeOffset now) =>
        !board.TryRead<TradeClaim>(key, out var claim) || claim.Ship == ship || claim.Until <= now;

    /// <summary>Claims a key for a ship until a time, taking over a lapsed claim.</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="key">The claim's key.</param>
    /// <param name="ship">The ship.</param>
    /// <param name="until">When the claim lapses.</param>
    /// <param name="now">The current time.</param>
    /// <returns><see langword="true"/> when the ship holds the claim now.</returns>
    public static bool TryClaim(IFleetBoard board, string key, string ship, DateTimeOffset until, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var claim = new TradeClaim(ship, until);
        if (board.TryClaim(key, claim))
        {
            return true;
        }

        if (IsFree(board, key, ship, now))
        {
            board.Post(key, claim);
            return true;
        }

        return false;
    }

    /// <summary>Gets the goods and markets other ships hold live claims on (buying or selling), read from the board once.</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="ship">The ship asking (its own claims do not count).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The claimed ends, as <c>good/market</c>.</returns>
    public static HashSet<string> Taken(IFleetBoard board, string ship, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, claim) in board.ReadAll<TradeClaim>(Prefix))
        {
            if (claim.Ship != ship && claim.Until > now)
            {
                // week12/buy/GOOD/MARKET or week12/sell/GOOD/MARKET: the end is GOOD/MARKET either way.
                var end = key.IndexOf('/', Prefix.Length);
                taken.Add(key[(end + 1)..]);
            }
        }

        return taken;
    }

    /// <summary>Gets the key of one end of a trade in the set <see cref="Taken"/> returns.</summary>
    /// <param name="good">The good.</param>
    /// <param name="market">The market.</param>
    /// <returns>The key.</returns>
    public static string End(TradeSymbol good, string market) => good.Value + "/" + market;

    /// <summary>Releases a ship's claim (another ship's claim is left alone).</summary>
    /// <param name="board">The fleet board.</param>
    /// <param name="key">The claim's key.</param>
    /// <param name="ship">The ship.</param>
    public static void Release(IFleetBoard board, string key, string ship)
    {
        ArgumentNullException.ThrowIfNull(board);
        if (board.TryRead<TradeClaim>(key, out var claim) && claim.Ship == ship)
        {
            board.Remove(key);
        }
    }
}
