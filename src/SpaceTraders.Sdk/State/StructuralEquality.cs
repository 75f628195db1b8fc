using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// Value equality for the models that hold lists: records compare <see cref="IReadOnlyList{T}"/> members by
/// reference, so two responses with the same cargo would otherwise look different.
/// </summary>
/// <remarks>
/// Each list is compared with or without order by what its order means in the game; every comparison says which and
/// why. Every tracked list is a set or a multiset today: the server lists them in no meaningful (and, for some, no
/// stable) order. Comparisons run on every response of a whole fleet, so the same order (the common case) is
/// checked first, element-wise, and allocates nothing.
/// </remarks>
internal static class StructuralEquality
{
    /// <summary>The longest list whose pairing marks live on the stack.</summary>
    private const int StackLimit = 128;

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
    public static bool UnorderedEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ListEquals(a, b) || SameElementsInAnyOrder(a, b, ElementEquals);

    /// <summary>
    /// Compares two lists as multisets with the given equality (an equivalence): element-wise first, as most refreshes
    /// keep the order, then in any order.
    /// </summary>
    public static bool UnorderedEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> equals) =>
        ListEquals(a, b, equals) || SameElementsInAnyOrder(a, b, equals);

    // Ship parts. Order has no meaning in the game for any of these lists: modules and mounts are installed into and
    // removed from slots and mounting points by symbol (no request names a position), and a mount's deposits are the
    // goods it can extract or survey (a set). So the same parts in another order are no change.

    /// <summary>Compares two ships' mounts without order (see the note above).</summary>
    public static bool MountsEquals(IReadOnlyList<ShipMount>? a, IReadOnlyList<ShipMount>? b) => UnorderedEquals(a, b, MountEquals);

    /// <summary>Compares two ships' modules without order (see the note above).</summary>
    public static bool ModulesEquals(IReadOnlyList<ShipModule>? a, IReadOnlyList<ShipModule>? b) => UnorderedEquals(a, b);

    /// <summary>Compares two mounts by value, their deposits without order (see the note above).</summary>
    public static bool MountEquals(ShipMount a, ShipMount b) =>
        ReferenceEquals(a, b)
        || (a.Symbol == b.Symbol && a.Name == b.Name && a.Description == b.Description && a.Strength == b.Strength
            && Equals(a.Requirements, b.Requirements) && UnorderedEquals(a.Deposits, b.Deposits));

    /// <summary>
    /// Compares the condition events of two responses without order: the events of one action (wear or damage to the
    /// frame, reactor, engine) happen together, and their order in the response means nothing.
    /// </summary>
    public static bool EventsEquals(IReadOnlyList<ShipConditionEvent>? a, IReadOnlyList<ShipConditionEvent>? b) => UnorderedEquals(a, b);

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

    /// <summary>
    /// Compares two contracts by value, the goods to deliver without order: each term names its own good and
    /// destination, and a delivery names the good (no request or payment depends on a term's position). Every field is
    /// compared by hand (a <c>with</c> copy would allocate on every comparison); the tests check that each one counts.
    /// </summary>
    public static bool ContractEquals(Contract a, Contract b) =>
        ReferenceEquals(a, b)
        || (string.Equals(a.Id, b.Id, StringComparison.Ordinal)
            && ElementEquals(a.FactionSymbol, b.FactionSymbol)
            && ElementEquals(a.Type, b.Type)
            && a.Accepted == b.Accepted
            && a.Fulfilled == b.Fulfilled
            && ElementEquals(a.Expiration, b.Expiration)
            && ElementEquals(a.DeadlineToAccept, b.DeadlineToAccept)
            && TermsEquals(a.Terms, b.Terms));

    /// <summary>
    /// Compares two markets by what they list, not the order they list it in (like <see cref="CargoEquals"/>): the
    /// same goods, prices and transactions in another order are the same market (not a change to track, store or
    /// announce). The transactions are a log, but each carries its own timestamp: their order adds nothing.
    /// </summary>
    public static bool MarketEquals(Market a, Market b) =>
        ReferenceEquals(a, b)
        || (string.Equals(a.Symbol, b.Symbol, StringComparison.Ordinal)
            && UnorderedEquals(a.Exports, b.Exports)
            && UnorderedEquals(a.Imports, b.Imports)
            && UnorderedEquals(a.Exchange, b.Exchange)
            && UnorderedEquals(a.Transactions, b.Transactions)
            && UnorderedEquals(a.TradeGoods, b.TradeGoods));

    /// <summary>
    /// Compares two waypoints by value, their orbitals, traits and modifiers without order: each is a set (what
    /// orbits the waypoint, what it is, what afflicts it) the server lists in no meaningful order. Every field is
    /// compared by hand (a <c>with</c> copy would allocate on every comparison); the tests check that each one counts.
    /// </summary>
    public static bool WaypointEquals(Waypoint a, Waypoint b) =>
        ReferenceEquals(a, b)
        || (string.Equals(a.Symbol, b.Symbol, StringComparison.Ordinal)
            && ElementEquals(a.Type, b.Type)
            && string.Equals(a.SystemSymbol, b.SystemSymbol, StringComparison.Ordinal)
            && a.X == b.X
            && a.Y == b.Y
            && string.Equals(a.Orbits, b.Orbits, StringComparison.Ordinal)
            && ElementEquals(a.Faction, b.Faction)
            && ElementEquals(a.Chart, b.Chart)
            && a.IsUnderConstruction == b.IsUnderConstruction
            && UnorderedEquals(a.Orbitals, b.Orbitals)
            && UnorderedEquals(a.Traits, b.Traits)
            && UnorderedEquals(a.Modifiers, b.Modifiers));

    /// <summary>Compares two contracts' terms by value, the goods to deliver without order (see <see cref="ContractEquals"/>).</summary>
    private static bool TermsEquals(ContractTerms? a, ContractTerms? b) =>
        ReferenceEquals(a, b)
        || (a is not null && b is not null
            && ElementEquals(a.Deadline, b.Deadline)
            && ElementEquals(a.Payment, b.Payment)
            && UnorderedEquals(a.Deliver, b.Deliver));

    private static bool ElementEquals<T>(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);

    /// <summary>
    /// Whether every element of <paramref name="a"/> pairs with its own element of <paramref name="b"/>. Quadratic,
    /// for the short lists of the game (tens of elements); allocates only for lists longer than
    /// <see cref="StackLimit"/>.
    /// </summary>
    private static bool SameElementsInAnyOrder<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> equals)
    {
        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        Span<bool> paired = b.Count <= StackLimit ? stackalloc bool[b.Count] : new bool[b.Count];
        for (var i = 0; i < a.Count; i++)
        {
            var found = false;
            for (var j = 0; j < b.Count; j++)
            {
                if (!paired[j] && equals(a[i], b[j]))
                {
                    paired[j] = found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
