namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// Ship leases: they make a ship run on exactly one dispatcher at a time, across processes. A lease has an owner and
/// an expiry, is renewed while the ship runs, and lapses by itself when its owner dies.
/// </summary>
/// <remarks>
/// <para>
/// Leases go to the database directly (compare-and-set), since a lease is only as good as the database's word.
/// Whoever takes over an expired lease from another owner closes that owner's open sessions of the ship as
/// <c>abandoned</c> at the lease's expiry, in the same transaction: a killed node's sessions never stay open.
/// </para>
/// <para>
/// <b>Outages.</b> While the database is away, lease calls throw and a node keeps the leases it holds (nobody else can
/// take them then: nobody reaches the database either). When the database answers again, a store runs the work given
/// to <see cref="RegisterLeaseKeeper"/> (the runtime renews its leases there) before it writes the records queued meanwhile.
/// </para>
/// </remarks>
public interface IShipLeases
{
    /// <summary>
    /// Takes the lease of a ship if it is free, expired, or already held by <paramref name="owner"/> (compare-and-set).
    /// Taking an expired lease from another owner closes that owner's open sessions of the ship as <c>abandoned</c>,
    /// ended at the lease's expiry (or at their start, if they started later).
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="agentSymbol">The agent owning the ship.</param>
    /// <param name="owner">The dispatcher asking (a stable node id).</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome: acquired, or held by another owner until a time.</returns>
    Task<LeaseResult> TryAcquireLeaseAsync(string shipSymbol, string agentSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a lease held by <paramref name="owner"/>, even one that lapsed meanwhile (nobody else took it), or takes
    /// again a lease it released (a release whose answer was lost); never one another owner holds or held last, even once
    /// that owner released it (it may have run the ship meanwhile: stop the ship).
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="owner">The dispatcher holding it.</param>
    /// <param name="duration">The new duration from <paramref name="now"/>.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when renewed; <see langword="false"/> when another owner holds it now (stop the ship).</returns>
    Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Extends several leases of <paramref name="owner"/> at once, as <see cref="RenewLeaseAsync"/> extends one (the
    /// runtime renews all its leases this way first when the database returns after an outage).
    /// </summary>
    /// <param name="shipSymbols">The ships.</param>
    /// <param name="owner">The dispatcher holding them.</param>
    /// <param name="duration">The new duration from <paramref name="now"/>.</param>
    /// <param name="now">The current time on the runtime's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ships whose leases were renewed, in ordinal order; the others are lost (stop them).</returns>
    Task<IReadOnlyList<string>> RenewLeasesAsync(IReadOnlyCollection<string> shipSymbols, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Registers work that renews the caller's leases. A store whose database went away runs every registered keeper
    /// when the database answers again, before it writes the records it queued meanwhile (a keeper that throws counts as
    /// the database still being away); a store that is never away never runs them.
    /// </summary>
    /// <param name="renewLeases">The work; it runs on the store's writer, not on a game actor.</param>
    /// <returns>Dispose to unregister.</returns>
    IDisposable RegisterLeaseKeeper(Func<CancellationToken, Task> renewLeases);

    /// <summary>
    /// Gives a lease up, if <paramref name="owner"/> holds it: anyone may acquire it now (a hand-over: it closes no
    /// session), and only <paramref name="owner"/>'s renewal takes it back.
    /// </summary>
    /// <param name="shipSymbol">The ship.</param>
    /// <param name="owner">The dispatcher holding it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken);
}
