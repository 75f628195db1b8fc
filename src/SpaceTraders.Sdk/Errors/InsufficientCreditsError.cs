using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Errors;

/// <summary>
/// The details of an "insufficient credits" error, the same whichever code reported it: a market purchase
/// (<see cref="ErrorCodes.MarketTradeInsufficientCredits"/>, 4600), a ship purchase
/// (<see cref="ErrorCodes.PurchaseShipCredits"/>, 4216), a mount or module fee (4248, 4268) or any other
/// cost (<see cref="ErrorCodes.AgentInsufficientCredits"/>, 4265). Values the server did not send are
/// <see langword="null"/>.
/// </summary>
public sealed record InsufficientCreditsError
{
    /// <summary>Gets the agent's credits (<c>agentCredits</c> or <c>creditsAvailable</c> in the error data).</summary>
    public long? CreditsAvailable { get; init; }

    /// <summary>Gets the credits the action costs (<c>totalPrice</c> or <c>creditsNeeded</c> in the error data).</summary>
    public long? CreditsNeeded { get; init; }

    /// <summary>Gets the good a market purchase was for.</summary>
    public TradeSymbol? TradeSymbol { get; init; }

    /// <summary>Gets the units a market purchase was for.</summary>
    public int? Units { get; init; }

    /// <summary>Gets the price per unit of a market purchase.</summary>
    public int? PricePerUnit { get; init; }
}
