using System.Globalization;
using SpaceTraders.Simulator.Api;
using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Game;

/// <summary>
/// The one place that turns a broken game rule into a <see cref="GameErrorException"/> with the code, HTTP status,
/// message and data of FACTS.md §4. Callers write <c>throw GameErrors.X(...)</c>.
/// </summary>
internal static class GameErrors
{
    private static SimJsonContext Json => SimJsonContext.Default;

    /// <summary>422: a request body or parameter is invalid.</summary>
    public static GameErrorException Invalid(string field, string message) =>
        new(ErrorCodes.UnprocessableInput, 422, message, new Dictionary<string, string[]> { [field] = [message] }, Json.DictionaryStringStringArray);

    /// <summary>404: something does not exist.</summary>
    public static GameErrorException NotFound(string message) => new(ErrorCodes.NotFound, 404, message);

    /// <summary>4000 (409): the ship's reactor is cooling down.</summary>
    public static GameErrorException Cooldown(Ship ship, DateTimeOffset now)
    {
        var remaining = ship.CooldownRemaining(now);
        var cooldown = new CooldownDto(ship.Symbol, ship.CooldownTotalSeconds, remaining, ship.CooldownExpiration);
        return new(4000, 409, Seconds("Ship action is still on cooldown for {0} second(s).", remaining), new CooldownErrorData(cooldown), Json.CooldownErrorData);
    }

    /// <summary>4214 (400): the ship is in transit.</summary>
    public static GameErrorException InTransit(Ship ship, DateTimeOffset now)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, (ship.Arrival - now).TotalSeconds));
        var message = string.Create(CultureInfo.InvariantCulture, $"Ship is currently in-transit from {ship.Origin.Symbol} to {ship.Location.Symbol} and arrives in {seconds} seconds.");
        return new(4214, 400, message, new TransitErrorData(ship.Origin.Symbol, ship.Location.Symbol, ship.Arrival, ship.DepartureTime, seconds), Json.TransitErrorData);
    }

    /// <summary>4236 (400): the action needs the ship in orbit.</summary>
    public static GameErrorException NotInOrbit(Ship ship) =>
        new(4236, 400, $"Ship action requires ship to be in orbit. Request failed for ship {ship.Symbol}.", new ShipErrorData(ship.Symbol), Json.ShipErrorData);

    /// <summary>4244 (400): the action needs the ship docked.</summary>
    public static GameErrorException NotDocked(Ship ship) =>
        new(4244, 400, $"Ship action requires ship to be docked. Request failed for ship {ship.Symbol}.", new ShipErrorData(ship.Symbol), Json.ShipErrorData);

    /// <summary>4203 (400): not enough fuel for the flight.</summary>
    /// <remarks>
    /// The message names the shortfall, <c>fuelRequired - fuelAvailable</c>; <c>data</c> carries both totals. Live body
    /// quoted in eseidel/space_traders <c>packages/cli/lib/net/exceptions.dart</c> (FACTS.md [ES-EXC]): "requires 14
    /// more fuel" with <c>fuelRequired</c> 39 and <c>fuelAvailable</c> 25.
    /// </remarks>
    public static GameErrorException InsufficientFuel(Ship ship, int required) =>
        new(4203, 400, string.Create(CultureInfo.InvariantCulture, $"Navigate request failed. Ship {ship.Symbol} requires {required - ship.Fuel} more fuel for navigation."),
            new FuelErrorData(ship.Symbol, required, ship.Fuel), Json.FuelErrorData);

    /// <summary>4228 (400): the cargo hold cannot take the units.</summary>
    public static GameErrorException CargoFull(Ship ship, int unitsToAdd) =>
        new(4228, 400, string.Create(CultureInfo.InvariantCulture, $"Failed to update ship cargo. Ship {ship.Symbol} cannot add {unitsToAdd} unit(s); it holds {ship.Cargo.Units} of {ship.CargoCapacity}."),
            new CargoSpaceErrorData(ship.Symbol, ship.CargoCapacity, ship.Cargo.Units, unitsToAdd), Json.CargoSpaceErrorData);

    /// <summary>4218 (400) when the good is absent, 4219 (400) when there are too few units.</summary>
    public static GameErrorException CargoMissing(Ship ship, string symbol, int units)
    {
        var held = ship.Cargo.UnitsOf(symbol);
        var data = new CargoUnitsErrorData(ship.Symbol, symbol, held, units);
        return held == 0
            ? new(4218, 400, $"Failed to update ship cargo. Ship {ship.Symbol} does not have any {symbol}.", data, Json.CargoUnitsErrorData)
            : new(4219, 400, string.Create(CultureInfo.InvariantCulture, $"Failed to update ship cargo. Ship {ship.Symbol} has {held} unit(s) of {symbol}, fewer than {units}."), data, Json.CargoUnitsErrorData);
    }

    /// <summary>A rule error that names the ship and the waypoint.</summary>
    public static GameErrorException AtWaypoint(int code, Ship ship, string message) =>
        new(code, 400, message, new ShipWaypointErrorData(ship.Symbol, ship.Location.Symbol), Json.ShipWaypointErrorData);

    /// <summary>A rule error that names the ship.</summary>
    public static GameErrorException ForShip(int code, Ship ship, string message, int status = 400) =>
        new(code, status, message, new ShipErrorData(ship.Symbol), Json.ShipErrorData);

    /// <summary>A rule error that names a contract.</summary>
    public static GameErrorException ForContract(int code, Contract contract, string message, int status = 400) =>
        new(code, status, message, new ContractErrorData(contract.Id), Json.ContractErrorData);

    /// <summary>A rule error with no data.</summary>
    public static GameErrorException Rule(int code, string message, int status = 400) => new(code, status, message);

    /// <summary>Insufficient credits (4216, 4248, 4265, 4268).</summary>
    public static GameErrorException Credits(int code, Agent agent, long needed, string what) =>
        new(code, 400, string.Create(CultureInfo.InvariantCulture, $"Agent has insufficient funds for {what}: {needed} credits needed, {agent.Credits} available."),
            new CreditsErrorData(agent.Credits, needed), Json.CreditsErrorData);

    /// <summary>4600 (400): insufficient credits for a market purchase.</summary>
    public static GameErrorException MarketCredits(Agent agent, string symbol, int units, int price) =>
        new(4600, 400, string.Create(CultureInfo.InvariantCulture, $"Agent {agent.Symbol} does not have sufficient credits to purchase {units} unit(s) of {symbol}."),
            new MarketCreditsErrorData(agent.Credits, (long)units * price, symbol, units, price), Json.MarketCreditsErrorData);

    /// <summary>4604 (400): more units than the trade volume.</summary>
    public static GameErrorException TradeVolume(Market market, MarketGood good, int units) =>
        new(4604, 400, string.Create(CultureInfo.InvariantCulture, $"Market transaction failed. Trade volume for {good.Symbol} is {good.TradeVolume}; {units} unit(s) requested."),
            new TradeVolumeErrorData(market.Waypoint.Symbol, good.Symbol, units, good.TradeVolume), Json.TradeVolumeErrorData);

    /// <summary>4601 (purchase) or 4602 (sale): the market does not trade the good.</summary>
    public static GameErrorException NotTraded(int code, Market market, string symbol) =>
        new(code, 400, code == 4601
                ? $"Market purchase failed. Trade good {symbol} is not available at {market.Waypoint.Symbol}."
                : $"Market sell failed. Trade good {symbol} is not listed at {market.Waypoint.Symbol}.",
            new MarketGoodErrorData(market.Waypoint.Symbol, symbol), Json.MarketGoodErrorData);

    /// <summary>A survey error (4220, 4221, 4224, 4270).</summary>
    public static GameErrorException Survey(int code, int status, string signature, string waypoint, string message) =>
        new(code, status, message, new SurveyErrorData(signature, waypoint), Json.SurveyErrorData);

    private static string Seconds(string format, int seconds) => string.Format(CultureInfo.InvariantCulture, format, seconds);
}
