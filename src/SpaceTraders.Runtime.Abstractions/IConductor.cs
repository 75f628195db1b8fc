namespace SpaceTraders.Runtime.Abstractions;

/// <summary>
/// A fleet strategy: decides which ships to buy, which behaviour (id and version) each ship runs, and when to
/// pause ships. It runs as one long-lived actor per agent until cancelled.
/// </summary>
public interface IConductor
{
    /// <summary>Conducts the fleet until cancelled.</summary>
    /// <param name="context">The fleet, the client, the caches and the runtime's controls.</param>
    /// <param name="cancellationToken">Cancelled when the runtime stops.</param>
    /// <returns>A task that ends when the conductor stops.</returns>
    Task RunAsync(IConductorContext context, CancellationToken cancellationToken);
}
