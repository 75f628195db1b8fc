using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// One ship's view of itself, kept from the action responses (never re-read), and the moves every behaviour
/// shares: fly somewhere (through refuelling stops when the tank is short), dock, sell, refuel. Every wait for a
/// flight or a cooldown parks on the run's clock. Flights are in CRUISE, the mode ships start in.
/// </summary>
public abstract class ShipPilot
{
    /// <summary>
    /// The server's times carry milliseconds; its own clock does not stop there. A ship that acts at the printed
    /// arrival or cooldown end may be a fraction of a millisecond early, so every such wait adds one millisecond.
    /// </summary>
    private static readonly TimeSpan TimestampRounding = TimeSpan.FromMilliseconds(1);

    private readonly Dictionary<TradeSymbol, int> _inventory = [];

    /// <summary>Initializes a new instance of the <see cref="ShipPilot"/> class.</summary>
    /// <param name="context">The run.</param>
    /// <param name="ship">The ship as it was bought.</param>
    protected ShipPilot(RunContext context, Ship ship)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ship);
        Context = context;
        Symbol = ship.Symbol;
        Location = ship.Nav.WaypointSymbol;
        Docked = ship.Nav.Status == ShipNavStatus.Docked;
        Fuel = ship.Fuel.Current;
        FuelCapacity = ship.Fuel.Capacity;
        EngineSpeed = ship.Engine.Speed;
        Apply(ship.Cargo);
    }

    /// <summary>Gets the ship's symbol.</summary>
    public string Symbol { get; }

    /// <summary>Gets the credits this ship's trades moved: sales less purchases and fuel.</summary>
    public long Earned { get; protected set; }

    /// <summary>Gets the units this ship sold.</summary>
    public long UnitsSold { get; private set; }

    /// <summary>Gets what this ship's sales brought in (before the cost of the goods).</summary>
    public long SaleRevenue { get; private set; }

    /// <summary>Gets the game errors this ship ran into (the workload is written to avoid them).</summary>
    public int Errors { get; private set; }

    /// <summary>Gets the run.</summary>
    protected RunContext Context { get; }

    /// <summary>Gets where the ship is (or flies to).</summary>
    protected string Location { get; private set; }

    /// <summary>Gets a value indicating whether the ship is docked.</summary>
    protected bool Docked { get; private set; }

    /// <summary>Gets the fuel in the tank.</summary>
    protected int Fuel { get; private set; }

    /// <summary>Gets the tank's size.</summary>
    protected int FuelCapacity { get; private set; }

    /// <summary>Gets the engine's speed.</summary>
    protected int EngineSpeed { get; }

    /// <summary>Gets the fuel the ship keeps in the tank on every flight (to leave a work site that sells none). The default is 0.</summary>
    protected int FuelReserve { get; init; }

    /// <summary>Gets the units in the hold.</summary>
    protected int CargoUnits { get; private set; }

    /// <summary>Gets the hold's size.</summary>
    protected int CargoCapacity { get; private set; }

    /// <summary>Gets or sets when the reactor's cooldown ends.</summary>
    protected DateTimeOffset CooldownUntil { get; set; }

    /// <summary>Gets the goods in the hold, ordered by symbol.</summary>
    protected IReadOnlyList<(TradeSymbol Good, int Units)> Inventory
        => [.. _inventory.Where(p => p.Value > 0).OrderBy(p => p.Key.Value, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];

    /// <summary>Runs the behaviour until the run ends; a game error is counted, the ship re-read after 10 s and the loop resumed.</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that ends with the run.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var resync = false;
        while (true)
        {
            try
            {
                if (resync)
                {
                    await Context.Clock.DelayAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                    await SyncAsync(cancellationToken).ConfigureAwait(false);
                    resync = false;
                }

                await LoopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SpaceTradersApiException) when (!cancellationToken.IsCancellationRequested)
            {
                Errors++;
                resync = true;
            }
        }
    }

    /// <summary>Gets the market this ship sells a good at (what its cargo is worth), or <see langword="null"/> when it sells it nowhere.</summary>
    /// <param name="good">The good.</param>
    /// <returns>The market.</returns>
    public abstract string? BuyerOf(TradeSymbol good);

    /// <summary>The behaviour's endless loop.</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that never ends normally.</returns>
    protected abstract Task LoopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Flies to <paramref name="waypoint"/> if the ship is elsewhere, along the system's route planner's hops (refuelling
    /// where the plan says, or wherever the tank is short of the next hop in CRUISE), waits for each arrival, then docks
    /// or stays in orbit.
    /// </summary>
    /// <param name="waypoint">The destination.</param>
    /// <param name="dock">Whether to end docked.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once there.</returns>
    protected async Task GoToAsync(string waypoint, bool dock, CancellationToken cancellationToken)
    {
        var fleet = Context.Client.Fleet;
        if (Location != waypoint)
        {
            var plan = Context.World.Planner.Plan(Location, waypoint, new RouteShip(EngineSpeed, FuelCapacity, Fuel), new RoutePlannerOptions { Drift = DriftPolicy.Never, FuelReserve = FuelReserve })
                ?? throw new InvalidOperationException($"{Symbol} cannot fly from {Location} to {waypoint} with {Fuel} of {FuelCapacity} fuel.");
            foreach (var leg in plan.Legs)
            {
                if (FuelCapacity > 0 && (leg.RefuelsBefore || Fuel < CruiseFuel(leg.Distance) + FuelReserve))
                {
                    await DockAsync(cancellationToken).ConfigureAwait(false);
                    await RefuelAsync(cancellationToken).ConfigureAwait(false);
                }

                if (Docked)
                {
                    await fleet.OrbitShipAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Docked = false;
                }

                var flight = await fleet.NavigateShipAsync(Symbol, leg.To, cancellationToken: cancellationToken).ConfigureAwait(false);
                Fuel = flight.Fuel.Current;
                Location = leg.To;
                await WaitUntilAsync(flight.Nav.Route.Arrival, cancellationToken).ConfigureAwait(false);
            }
        }

        if (dock)
        {
            await DockAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (Docked)
        {
            await fleet.OrbitShipAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            Docked = false;
        }
    }

    /// <summary>Waits until a time the server gave (an arrival, a cooldown's end), rounding its milliseconds up.</summary>
    /// <param name="serverTime">The time.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes just after that time.</returns>
    protected Task WaitUntilAsync(DateTimeOffset serverTime, CancellationToken cancellationToken)
        => Context.Clock.DelayUntilAsync(serverTime + TimestampRounding, cancellationToken);

    /// <summary>Gets a good's quote at the market where the ship is docked, reading the market once if the fleet has never seen it.</summary>
    /// <param name="good">The good.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>The quote, or <see langword="null"/> when the market does not trade the good.</returns>
    protected async Task<MarketQuote?> QuoteAsync(TradeSymbol good, CancellationToken cancellationToken)
    {
        if (!Context.Book.TryGet(Location, good, out var quote))
        {
            await ReadMarketAsync(cancellationToken).ConfigureAwait(false);
            if (!Context.Book.TryGet(Location, good, out quote))
            {
                return null;
            }
        }

        return quote;
    }

    /// <summary>Reads the market where the ship is docked (its trade goods are visible with a ship there) into the book.</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once read.</returns>
    protected async Task ReadMarketAsync(CancellationToken cancellationToken)
    {
        var market = await Context.Client.Systems.GetMarketAsync(Context.World.System, Location, cancellationToken: cancellationToken).ConfigureAwait(false);
        Context.Book.Record(market);
    }

    /// <summary>Sells every unit of <paramref name="good"/> in the hold, one trade volume at a time.</summary>
    /// <param name="good">The good.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once sold.</returns>
    protected async Task SellAsync(TradeSymbol good, CancellationToken cancellationToken)
    {
        var quote = await QuoteAsync(good, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{Location} does not trade {good}.");
        while (_inventory.GetValueOrDefault(good) > 0)
        {
            var units = Math.Min(_inventory[good], quote.TradeVolume);
            var sale = await Context.Client.Fleet.SellCargoAsync(Symbol, good, units, cancellationToken: cancellationToken).ConfigureAwait(false);
            Apply(sale.Cargo);
            Earned += sale.Transaction.TotalPrice;
            UnitsSold += sale.Transaction.Units;
            SaleRevenue += sale.Transaction.TotalPrice;
            Context.Book.RecordSale(Location, good, sale.Transaction.PricePerUnit);
        }
    }

    /// <summary>Refuels to full when the tank is below half, where the ship is docked (every market of the system sells fuel).</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once refuelled.</returns>
    protected async Task RefuelIfLowAsync(CancellationToken cancellationToken)
    {
        if (FuelCapacity > 0 && Fuel * 2 < FuelCapacity && Docked && SellsFuel(Location))
        {
            await RefuelAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Jettisons every unit of a good (in space, wherever the ship is).</summary>
    /// <param name="good">The good.</param>
    /// <param name="units">The units.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once jettisoned.</returns>
    protected async Task JettisonAsync(TradeSymbol good, int units, CancellationToken cancellationToken)
        => Apply((await Context.Client.Fleet.JettisonCargoAsync(Symbol, good, units, cancellationToken: cancellationToken).ConfigureAwait(false)).Cargo);

    private static int CruiseFuel(double distance) => Math.Max(1, (int)Math.Round(distance, MidpointRounding.AwayFromZero));

    private bool SellsFuel(string waypoint) => Context.World.Traded.TryGetValue(waypoint, out var traded) && traded.Contains(TradeSymbol.Fuel);

    private async Task DockAsync(CancellationToken cancellationToken)
    {
        if (!Docked)
        {
            await Context.Client.Fleet.DockShipAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
            Docked = true;
        }
    }

    private async Task RefuelAsync(CancellationToken cancellationToken)
    {
        if (!SellsFuel(Location))
        {
            throw new InvalidOperationException($"{Symbol} needs fuel at {Location}, which sells none.");
        }

        var refuel = await Context.Client.Fleet.RefuelShipAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        Fuel = refuel.Fuel.Current;
        Earned -= refuel.Transaction.TotalPrice;
    }

    /// <summary>Reads the whole ship again (after a game error) and waits for a flight in progress to end.</summary>
    /// <param name="cancellationToken">Ends the run.</param>
    /// <returns>A task that completes once the ship is known again.</returns>
    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var ship = await Context.Client.Fleet.GetMyShipAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        Location = ship.Nav.WaypointSymbol;
        Docked = ship.Nav.Status == ShipNavStatus.Docked;
        Fuel = ship.Fuel.Current;
        CooldownUntil = Context.Clock.GetUtcNow().AddSeconds(ship.Cooldown.RemainingSeconds);
        Apply(ship.Cargo);
        if (ship.Nav.Status == ShipNavStatus.InTransit)
        {
            await WaitUntilAsync(ship.Nav.Route.Arrival, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the hold's content from a response.</summary>
    /// <param name="cargo">The cargo the server returned.</param>
    protected void Apply(ShipCargo cargo)
    {
        ArgumentNullException.ThrowIfNull(cargo);
        CargoUnits = cargo.Units;
        CargoCapacity = cargo.Capacity;
        _inventory.Clear();
        foreach (var item in cargo.Inventory)
        {
            _inventory[item.Symbol] = item.Units;
        }
    }
}
