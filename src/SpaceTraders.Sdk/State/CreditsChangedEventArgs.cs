using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.State;

/// <summary>
/// The agent's credits changed: raised by <see cref="AgentState"/> when a response carries the agent with a
/// different balance than the last one seen. The deltas of consecutive events always add up to the balance
/// change, so a ledger built from them reconciles exactly.
/// </summary>
public sealed class CreditsChangedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="CreditsChangedEventArgs"/> class.</summary>
    /// <param name="previous">The balance before.</param>
    /// <param name="current">The balance after.</param>
    /// <param name="cause">What moved the credits (see <see cref="Cause"/>).</param>
    /// <param name="shipSymbol">The ship involved, when any.</param>
    /// <param name="good">The good involved, when any.</param>
    /// <param name="units">The units involved, when any.</param>
    /// <param name="at">When the change was seen, on the state's clock.</param>
    public CreditsChangedEventArgs(long previous, long current, string cause, string? shipSymbol, TradeSymbol? good, int? units, DateTimeOffset at)
    {
        Previous = previous;
        Current = current;
        Cause = cause;
        ShipSymbol = shipSymbol;
        Good = good;
        Units = units;
        At = at;
    }

    /// <summary>Gets the balance before.</summary>
    public long Previous { get; }

    /// <summary>Gets the balance after.</summary>
    public long Current { get; }

    /// <summary>Gets the signed change: income positive, spending negative.</summary>
    public long Delta => Current - Previous;

    /// <summary>Gets what moved the credits: one of <see cref="CreditCauses"/>.</summary>
    public string Cause { get; }

    /// <summary>Gets the ship involved, when any.</summary>
    public string? ShipSymbol { get; }

    /// <summary>Gets the good involved, when any.</summary>
    public TradeSymbol? Good { get; }

    /// <summary>Gets the units involved, when any.</summary>
    public int? Units { get; }

    /// <summary>Gets when the change was seen, on the state's clock.</summary>
    public DateTimeOffset At { get; }
}
