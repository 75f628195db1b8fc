using System.Globalization;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.Stores;

/// <summary>
/// What every store writes when a node takes over an expired lease from another owner: that owner's open sessions of
/// the ship end as <see cref="Outcome"/> at the lease's expiry, with <see cref="Reason"/>.
/// </summary>
/// <remarks>Public for store backends in other assemblies: every <see cref="IShipLeases"/> writes the same outcome and reason.</remarks>
public static class LeaseTakeovers
{
    /// <summary>The outcome of a session closed by a takeover.</summary>
    public const SessionOutcome Outcome = SessionOutcome.Abandoned;

    /// <summary>Gets the reason a session closed by a takeover gives.</summary>
    /// <param name="previousOwner">The node whose lease lapsed.</param>
    /// <param name="newOwner">The node that took the ship over.</param>
    /// <param name="lapsedAt">When the lease lapsed.</param>
    /// <returns>The reason.</returns>
    public static string Reason(string previousOwner, string newOwner, DateTimeOffset lapsedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{previousOwner} stopped renewing the ship's lease, which lapsed at {lapsedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.fffffff}Z; {newOwner} took the ship over.");
}
