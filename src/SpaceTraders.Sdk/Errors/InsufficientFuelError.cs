namespace SpaceTraders.Sdk.Errors;

/// <summary>The details of an "insufficient fuel" error (<see cref="ErrorCodes.NavigateInsufficientFuel"/>, 4203).</summary>
public sealed record InsufficientFuelError
{
    /// <summary>Gets the ship's symbol.</summary>
    public string? ShipSymbol { get; init; }

    /// <summary>Gets the fuel the flight needs.</summary>
    public int? FuelRequired { get; init; }

    /// <summary>Gets the fuel the ship has.</summary>
    public int? FuelAvailable { get; init; }
}
