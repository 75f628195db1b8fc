using SpaceTraders.Sdk.State;

namespace SpaceTraders.Runtime.Analytics;

/// <summary>
/// Which credit movements are capital spending (the fleet buying or reshaping what it plays with) rather than operating
/// earnings (what playing brings in or costs): the split behind <see cref="EarningsFigures"/> and the bot runner's figures.
/// </summary>
/// <remarks>
/// Capital: ship purchases, mounts and modules installed or removed (their fees), mounts and modules bought or sold as
/// cargo at a market (goods <c>MOUNT_*</c> and <c>MODULE_*</c>), and ships scrapped (capital recovered). Everything else
/// is operating: sales, cargo bought, fuel, repairs, contracts, jumps, charting, and changes seen on a refresh
/// (<see cref="CreditCauses.Sync"/>, whose cause is unknown).
/// </remarks>
public static class CapitalSpending
{
    /// <summary>Gets the movement kinds (<see cref="CreditCauses"/>) that count as capital.</summary>
    public static IReadOnlySet<string> Kinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CreditCauses.ShipPurchase,
        CreditCauses.Mount,
        CreditCauses.Module,
        CreditCauses.Scrap,
    };

    /// <summary>Tells whether a movement of this kind is capital spending (or capital recovered).</summary>
    /// <param name="kind">The movement's kind, one of <see cref="CreditCauses"/>.</param>
    /// <param name="tradeSymbol">The good it moved, if any: a mount or module bought or sold at a market is capital too.</param>
    /// <returns><see langword="true"/> for ships, mounts, modules and scrapping.</returns>
    public static bool IsCapital(string? kind, string? tradeSymbol = null) =>
        kind is not null
        && (Kinds.Contains(kind)
            || (kind is CreditCauses.Purchase or CreditCauses.Sell && tradeSymbol is not null
                && (tradeSymbol.StartsWith("MOUNT_", StringComparison.Ordinal) || tradeSymbol.StartsWith("MODULE_", StringComparison.Ordinal))));

    /// <summary>Tells whether a recorded movement is capital spending (or capital recovered).</summary>
    /// <param name="movement">The movement.</param>
    /// <returns><see langword="true"/> for ships, mounts, modules and scrapping.</returns>
    public static bool IsCapital(Stores.CreditMovementRecord movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        return IsCapital(movement.Kind, movement.TradeSymbol);
    }
}

/// <summary>
/// An agent's credits since the runtime started, split into operating earnings and capital spending, with CPH and CPR
/// on operating earnings only, so a ship or a mount bought never shows as a loss.
/// </summary>
/// <param name="Operating">Operating earnings: every credit movement except capital (income minus running costs).</param>
/// <param name="CapitalSpent">Capital spending, as a positive number: ships, mounts and modules bought, less ships scrapped.</param>
/// <param name="OperatingPerHour">Operating earnings per hour since the runtime started (CPH).</param>
/// <param name="OperatingPerRequest">Operating earnings per request since the runtime started (CPR).</param>
/// <param name="PaybackHours">
/// How many hours of operating earnings at <paramref name="OperatingPerHour"/> pay the capital spending back;
/// <see langword="null"/> without capital spending or while operating earnings are not positive.
/// </param>
public sealed record EarningsFigures(long Operating, long CapitalSpent, double OperatingPerHour, double OperatingPerRequest, double? PaybackHours)
{
    /// <summary>Gets figures with nothing earned or spent.</summary>
    public static EarningsFigures None { get; } = new(0, 0, 0, 0, null);

    /// <summary>Gets the net change of credits: operating earnings less capital spending.</summary>
    public long Net => Operating - CapitalSpent;

    /// <summary>Computes the figures from the two sums.</summary>
    /// <param name="operating">Operating earnings.</param>
    /// <param name="capitalSpent">Capital spending (positive when spent).</param>
    /// <param name="hours">Hours the earnings took.</param>
    /// <param name="requests">Requests they took.</param>
    /// <returns>The figures.</returns>
    public static EarningsFigures From(long operating, long capitalSpent, double hours, long requests)
    {
        var perHour = hours > 0 ? operating / hours : 0;
        return new EarningsFigures(
            operating,
            capitalSpent,
            perHour,
            requests > 0 ? (double)operating / requests : 0,
            capitalSpent > 0 && perHour > 0 ? capitalSpent / perHour : null);
    }
}
