using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// Value equality for the models that hold lists: records compare <see cref="IReadOnlyList{T}"/> members by
/// reference, so two responses with the same cargo would otherwise look different. Lists compare element-wise.
/// </summary>
internal static class StructuralEquality
{
    /// <summary>Compares two lists element-wise with the elements' own equality (for records without list members).</summary>
    public static bool ListEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Count; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares two lists element-wise.</summary>
    public static bool ListEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> equals)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Compares two holds by what they hold: the live server lists a hold's goods in no stable order, so the same
    /// goods in another order are the same hold (not a change to track, store or announce).
    /// </summary>
    public static bool CargoEquals(ShipCargo? a, ShipCargo? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null && a.Capacity == b.Capacity && a.Units == b.Units && UnorderedEquals(a.Inventory, b.Inventory));

    /// <summary>
    /// Compares two lists as multisets with the elements' own equality: the same elements, as many times each, in any
    /// order (for lists the server keeps in no stable order). Element-wise first, as most refreshes keep the order.
    /// </summary>
    public static bool UnorderedEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ListEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        var remaining = new List<T>(b);
        foreach (var item in a)
        {
            var index = remaining.IndexOf(item);
            if (index < 0)
            {
                return false;
            }

            remaining.RemoveAt(index);
        }

        return true;
    }

    public static bool MountsEquals(IReadOnlyList<ShipMount>? a, IReadOnlyList<ShipMount>? b) => ListEquals(a, b, MountEquals);

    public static bool ModulesEquals(IReadOnlyList<ShipModule>? a, IReadOnlyList<ShipModule>? b) => ListEquals(a, b);

    public static bool MountEquals(ShipMount a, ShipMount b) =>
        ReferenceEquals(a, b)
        || (a.Symbol == b.Symbol && a.Name == b.Name && a.Description == b.Description && a.Strength == b.Strength
            && Equals(a.Requirements, b.Requirements) && ListEquals(a.Deposits, b.Deposits));

    /// <summary>
    /// Compares cooldowns by what they mean, not by the snapshot of <see cref="Cooldown.RemainingSeconds"/>: two
    /// cooldowns are the same when both are over at <paramref name="now"/>, or when they end at the same time with
    /// the same total. Expirations must already be normalised (see <see cref="NormaliseCooldown"/>).
    /// </summary>
    public static bool CooldownEquals(Cooldown? a, Cooldown? b, DateTimeOffset now)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        var aActive = a.Expiration is { } ea && ea > now;
        var bActive = b.Expiration is { } eb && eb > now;
        if (!aActive && !bActive)
        {
            return string.Equals(a.ShipSymbol, b.ShipSymbol, StringComparison.Ordinal);
        }

        return aActive == bActive && a.Expiration == b.Expiration && a.TotalSeconds == b.TotalSeconds
               && string.Equals(a.ShipSymbol, b.ShipSymbol, StringComparison.Ordinal);
    }

    /// <summary>Gives a cooldown an expiration when the server sent only the seconds remaining.</summary>
    public static Cooldown NormaliseCooldown(Cooldown cooldown, DateTimeOffset now) =>
        cooldown.Expiration is null && cooldown.RemainingSeconds > 0
            ? cooldown with { Expiration = now.AddSeconds(cooldown.RemainingSeconds) }
            : cooldown;

    public static bool ContractEquals(Contract a, Contract b) =>
        ReferenceEquals(a, b)
        || (a with { Terms = b.Terms } == b
            && a.Terms with { Deliver = b.Terms.Deliver } == b.Terms
            && ListEquals(a.Terms.Deliver, b.Terms.Deliver));

    /// <summary>
    /// Compares two markets by what they list, not the order they list it in (like <see cref="CargoEquals"/>): the
    /// same goods, prices and transactions in another order are the same market (not a change to track, store or
    /// announce).
    /// </summary>
    public static bool MarketEquals(Market a, Market b) =>
        ReferenceEquals(a, b)
        || (string.Equals(a.Symbol, b.Symbol, StringComparison.Ordinal)
            && UnorderedEquals(a.Exports, b.Exports)
            && UnorderedEquals(a.Imports, b.Imports)
            && UnorderedEquals(a.Exchange, b.Exchange)
            && UnorderedEquals(a.Transactions, b.Transactions)
            && UnorderedEquals(a.TradeGoods, b.TradeGoods));

    public static bool WaypointEquals(Waypoint a, Waypoint b) =>
        ReferenceEquals(a, b)
        || (a with { Orbitals = b.Orbitals, Traits = b.Traits, Modifiers = b.Modifiers } == b
            && ListEquals(a.Orbitals, b.Orbitals)
            && ListEquals(a.Traits, b.Traits)
            && ListEquals(a.Modifiers, b.Modifiers));
}
