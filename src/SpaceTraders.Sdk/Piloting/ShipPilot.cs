using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Sdk.Piloting;

/// <summary>
/// Flies one ship with as few requests as possible: every decision reads the client's tracked state first, so
/// the pilot orbits only when not in orbit, docks only when not docked, never asks where the ship is or
/// whether its cooldown is over, and waits (on the client's clock, parking under virtual time) exactly until
/// an arrival or a cooldown ends.
/// </summary>
/// <remarks>
/// <para>
/// Routes inside a system come from <see cref="SystemRoutePlanner"/>: refuel stops at known fuel sellers, the
/// flight mode per hop, DRIFT only as a last resort. Journeys to another system follow the jump-gate graph the
/// client's <see cref="SpaceTradersClient.World"/> knows.
/// </para>
/// <para>
/// Game errors are not retried, except two the pilot can wait out: a cooldown (4000) and a ship still in transit
/// (4214, or 4200 for a navigation). For those it waits, on the client's clock, until the time the error gives (the
/// cooldown's expiry, the route's arrival) and tries once more; a second refusal is thrown. So a ship whose arrival the
/// server counts a second later than the client (a timer that fired early, rounding) docks at the second try.
/// </para>
/// <para>One pilot per ship, used by one strand of work at a time (the ship's behaviour). Not thread-safe.</para>
/// </remarks>
/// <example>
/// <code>
/// var pilot = new ShipPilot(client, "BADGER-1");
/// await pilot.NavigateAsync("X1-DF55-B7", ct);          // plans, refuels on the way, waits for arrival
/// while (pilot.Ship.CargoFree > 0)
/// {
///     await pilot.ExtractAsync(survey: null, ct);        // waits out the cooldown first
/// }
/// await pilot.NavigateAsync(market, ct);
/// await pilot.SellCargoAsync(ct);
/// </code>
/// </example>
public sealed class ShipPilot
{
    /// <summary>
    /// How much later than a server timestamp the moment it names may be: the server writes whole milliseconds, cut
    /// from a clock that has more, so a wait for an arrival or a cooldown's expiry ends this much after it.
    /// </summary>
    private static readonly TimeSpan ServerTimePrecision = TimeSpan.FromMilliseconds(1);

    private readonly SpaceTradersClient _client;
    private readonly PilotOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ShipPilot"/> class.</summary>
    /// <param name="client">The agent's client; the pilot reads and updates its <see cref="SpaceTradersClient.State"/>.</param>
    /// <param name="shipSymbol">The ship to fly.</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    public ShipPilot(SpaceTradersClient client, string shipSymbol, PilotOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrWhiteSpace(shipSymbol);
        ShipSymbol = shipSymbol;
        _options = options ?? PilotOptions.Default;
    }

    /// <summary>Gets the ship's symbol.</summary>
    public string ShipSymbol { get; }

    /// <summary>Gets the tracked ship. Call <see cref="RefreshAsync"/> first if the client has not seen it yet.</summary>
    /// <exception cref="InvalidOperationException">The client's state does not track the ship yet.</exception>
    public TrackedShip Ship => _client.State.TryGetShip(ShipSymbol, out var ship)
        ? ship
        : throw new InvalidOperationException($"{ShipSymbol} is not tracked yet: call RefreshAsync once (or list the fleet) before flying it.");

    private TimeProvider Clock => _client.Options.TimeProvider;

    private PilotPriorities Priorities => _options.Priorities;

    /// <summary>Reads the whole ship from the server (one request); needed only once, or after an unknown outcome.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tracked ship.</returns>
    public async Task<TrackedShip> RefreshAsync(CancellationToken cancellationToken)
    {
        await _client.Fleet.GetMyShipAsync(ShipSymbol, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Ship;
    }

    /// <summary>Waits until the ship has arrived, if it is flying. No request.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes on arrival.</returns>
    public async Task WaitForArrivalAsync(CancellationToken cancellationToken)
    {
        var ship = await KnownShipAsync(cancellationToken).ConfigureAwait(false);

        // A loop, not one wait: a timer of a real or scaled clock may fire a little early.
        for (var wait = ship.TimeToArrival; wait > TimeSpan.Zero; wait = ship.TimeToArrival)
        {
            await Clock.DelayAsync(wait + ServerTimePrecision, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the reactor cooldown is over, if one runs. No request.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the ship can act again.</returns>
    public async Task WaitForCooldownAsync(CancellationToken cancellationToken)
    {
        var ship = await KnownShipAsync(cancellationToken).ConfigureAwait(false);
        for (var wait = ship.CooldownRemaining; wait > TimeSpan.Zero; wait = ship.CooldownRemaining)
        {
            await Clock.DelayAsync(wait + ServerTimePrecision, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until some of the ship's parts change (cargo handed over by another ship, say) or <paramref name="timeout"/>
    /// passes. No request: the change comes from a response another strand of work applied to the client's state.
    /// </summary>
    /// <param name="parts">The parts to watch, for example <see cref="ShipParts.Cargo"/>.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when a watched part changed; <see langword="false"/> at the timeout.</returns>
    public async Task<bool> WaitForChangeAsync(ShipParts parts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ship = await KnownShipAsync(cancellationToken).ConfigureAwait(false);
        var signal = Clock.CreateSignal($"{ShipSymbol} {parts} change");
        var changed = false;
        void OnChanged(object? sender, ShipChangedEventArgs e)
        {
            if ((e.Parts & parts) != 0)
            {
                changed = true;
                signal.Set();
            }
        }

        ship.Changed += OnChanged;
        try
        {
            using var timer = Clock.CreateTimer(static state => ((IClockSignal)state!).Set(), signal, timeout > TimeSpan.Zero ? timeout : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ship.Changed -= OnChanged;
        }

        return changed;
    }

    /// <summary>Puts the ship in orbit: waits for arrival, then orbits unless it already is in orbit.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the ship is in orbit.</returns>
    public Task OrbitAsync(CancellationToken cancellationToken) => OrbitAsync(Priorities.Docking, cancellationToken);

    /// <summary>Docks the ship: waits for arrival, then docks unless it already is docked.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the ship is docked.</returns>
    public async Task DockAsync(CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        if (Ship.Status != ShipNavStatus.Docked)
        {
            await ActAsync(ct => _client.Fleet.DockShipAsync(ShipSymbol, Priorities.Docking, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Plans the fastest feasible route to a waypoint of the ship's system, without flying it.</summary>
    /// <param name="destination">The waypoint.</param>
    /// <param name="cancellationToken">Cancels fetching the system's waypoints (once per system).</param>
    /// <returns>The route, or <see langword="null"/> when the ship is already there.</returns>
    /// <exception cref="RouteNotFoundException">No route is feasible.</exception>
    /// <exception cref="InvalidOperationException">The waypoint is in another system.</exception>
    public async Task<RoutePlan?> PlanRouteAsync(string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        var ship = await KnownShipAsync(cancellationToken).ConfigureAwait(false);
        var nav = ship.Current.Nav ?? throw new InvalidOperationException($"{ShipSymbol}'s position is unknown.");
        if (nav.WaypointSymbol == destination)
        {
            return null;
        }

        if (!string.Equals(SystemOf(destination), nav.SystemSymbol, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{destination} is in another system than {ShipSymbol} ({nav.SystemSymbol}); use TravelToAsync.");
        }

        var planner = await PlannerAsync(nav.SystemSymbol, cancellationToken).ConfigureAwait(false);
        var snapshot = ship.Current;
        var routeShip = RouteShip.From(snapshot.Engine!, snapshot.Fuel!);
        return planner.Plan(nav.WaypointSymbol, destination, routeShip, _options.Route)
            ?? throw new RouteNotFoundException(
                $"No feasible route for {ShipSymbol} from {nav.WaypointSymbol} to {destination} with {routeShip.CurrentFuel}/{routeShip.FuelCapacity} fuel and the fuel sellers known in {nav.SystemSymbol}.");
    }

    /// <summary>
    /// Flies to a waypoint of the ship's system along the planned route: refuels where planned, sets each
    /// hop's flight mode, and waits for every arrival.
    /// </summary>
    /// <param name="destination">The waypoint.</param>
    /// <param name="cancellationToken">Cancels the flight (a hop already under way continues on the server).</param>
    /// <returns>The route flown, or <see langword="null"/> when the ship was already there.</returns>
    /// <exception cref="RouteNotFoundException">No route is feasible.</exception>
    /// <exception cref="InvalidOperationException">The waypoint is in another system.</exception>
    public async Task<RoutePlan?> NavigateAsync(string destination, CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var plan = await PlanRouteAsync(destination, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return null;
        }

        foreach (var leg in plan.Legs)
        {
            if (leg.RefuelsBefore)
            {
                await RefuelAsync(cancellationToken).ConfigureAwait(false);
            }

            await OrbitAsync(Priorities.ActionPrelude, cancellationToken).ConfigureAwait(false);
            if (Ship.Current.Nav!.FlightMode != leg.Mode)
            {
                await ActAsync(ct => _client.Fleet.PatchShipNavAsync(ShipSymbol, leg.Mode, Priorities.ActionPrelude, ct), cancellationToken).ConfigureAwait(false);
            }

            await ActAsync(ct => _client.Fleet.NavigateShipAsync(ShipSymbol, leg.To, Priorities.Action, ct), cancellationToken).ConfigureAwait(false);

            await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    /// <summary>
    /// Travels to any waypoint: through the jump gates the client's world cache knows when it lies in another
    /// system (flying to each gate, jumping), then along the planned route inside the destination system.
    /// </summary>
    /// <param name="destination">The waypoint.</param>
    /// <param name="cancellationToken">Cancels the journey.</param>
    /// <returns>How many jumps were made.</returns>
    /// <exception cref="InvalidOperationException">No known gate path leads to the destination's system.</exception>
    public async Task<int> TravelToAsync(string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var here = Ship.Current.Nav!.SystemSymbol;
        var target = SystemOf(destination);
        var jumps = 0;
        if (!string.Equals(here, target, StringComparison.Ordinal))
        {
            var path = _client.World.BuildJumpGateGraph().FindPath(here, target)
                ?? throw new RouteNotFoundException(
                    $"No known jump-gate path from {here} to {target}: fetch the gates on the way (client.World.GetJumpGateAsync) or explore first.");
            foreach (var hop in path.Hops)
            {
                await NavigateAsync(hop.FromGate, cancellationToken).ConfigureAwait(false);
                try
                {
                    await JumpAsync(hop.ToGate, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestOutcomeUnknownException lost) when (lost.Outcome == ActionOutcome.Applied)
                {
                    // It jumped (the ship read back is in the state); only the antimatter's price was lost.
                }

                jumps++;
            }
        }

        await NavigateAsync(destination, cancellationToken).ConfigureAwait(false);
        return jumps;
    }

    /// <summary>Jumps from the jump gate the ship is at to a connected gate (orbiting first, waiting out a cooldown).</summary>
    /// <param name="gateWaypointSymbol">The destination gate.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The server's answer.</returns>
    public async Task<JumpShipResult> JumpAsync(string gateWaypointSymbol, CancellationToken cancellationToken)
    {
        await OrbitAsync(Priorities.ActionPrelude, cancellationToken).ConfigureAwait(false);
        await WaitForCooldownAsync(cancellationToken).ConfigureAwait(false);
        return await ActAsync(ct => _client.Fleet.JumpShipAsync(ShipSymbol, gateWaypointSymbol, Priorities.Action, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills the tank at the market the ship is at (docking first). Does nothing for a full tank or a ship without one.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The fuel units added.</returns>
    public async Task<int> RefuelAsync(CancellationToken cancellationToken)
    {
        var ship = await KnownShipAsync(cancellationToken).ConfigureAwait(false);
        var fuel = ship.Current.Fuel;
        if (fuel is null || fuel.Capacity == 0 || fuel.Current >= fuel.Capacity)
        {
            return 0;
        }

        await DockAsync(cancellationToken).ConfigureAwait(false);
        var result = await ActAsync(ct => _client.Fleet.RefuelShipAsync(ShipSymbol, priority: Priorities.Trade, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return result.Fuel.Current - fuel.Current;
    }

    /// <summary>
    /// Tops up the tank where the ship is, if it is below <paramref name="fraction"/> of its capacity and the market here
    /// is known to sell fuel (docking first). A refusal for lack of credits is not an error: nothing is bought.
    /// </summary>
    /// <param name="fraction">The fill level under which to refuel, from 0 to 1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The fuel units added (0 when nothing was needed or possible).</returns>
    public async Task<int> RefuelIfBelowAsync(double fraction, CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var fuel = Ship.Current.Fuel;
        var here = Ship.WaypointSymbol;
        if (fuel is null || fuel.Capacity == 0 || fuel.Current >= fuel.Capacity * fraction || here is null || !SellsFuel(here))
        {
            return 0;
        }

        try
        {
            return await RefuelAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return 0;
        }
    }

    /// <summary>
    /// Makes sure the tank holds at least <paramref name="fraction"/> of its capacity: refuels where the ship is when
    /// the market here sells fuel, otherwise flies to the nearest known fuel seller of the system first.
    /// </summary>
    /// <param name="fraction">The fill level under which to refuel, from 0 to 1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The fuel units added (0 when nothing was needed, or the credits did not cover it).</returns>
    /// <exception cref="RouteNotFoundException">No known fuel seller can be reached.</exception>
    public async Task<int> EnsureFuelAsync(double fraction, CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var fuel = Ship.Current.Fuel;
        if (fuel is null || fuel.Capacity == 0 || fuel.Current >= fuel.Capacity * fraction)
        {
            return 0;
        }

        var nav = Ship.Current.Nav!;
        if (!SellsFuel(nav.WaypointSymbol))
        {
            var waypoints = await _client.World.GetWaypointsAsync(nav.SystemSymbol, cancellationToken).ConfigureAwait(false);
            var here = WaypointPosition.From(nav.Route.Destination);
            var station = waypoints
                .Where(w => w.Type == WaypointType.FuelStation || SellsFuel(w.Symbol))
                .OrderBy(w => FlightRules.Distance(here.X, here.Y, w.X, w.Y))
                .ThenBy(w => w.Symbol, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new RouteNotFoundException($"No fuel seller is known in {nav.SystemSymbol} for {ShipSymbol}.");
            await NavigateAsync(station.Symbol, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await RefuelAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return 0;
        }
    }

    /// <summary>
    /// Extracts once at the ship's waypoint: orbits, waits out the cooldown, extracts (with the survey when one
    /// is given and still usable). A survey the server calls exhausted, expired or unverifiable (4224, 4221, 4220) is retired in the survey cache
    /// and the extraction is done without it.
    /// </summary>
    /// <param name="survey">A survey of this waypoint, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was extracted, or <see langword="null"/> when the hold is full.</returns>
    public async Task<Extraction?> ExtractAsync(Survey? survey, CancellationToken cancellationToken)
    {
        await OrbitAsync(Priorities.ActionPrelude, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await WaitForCooldownAsync(cancellationToken).ConfigureAwait(false);
            if (Ship.CargoFree == 0)
            {
                return null;
            }

            try
            {
                if (survey is not null && _client.Surveys.GetStatus(survey.Signature) == Caches.SurveyStatus.Usable)
                {
                    var usable = survey;
                    var surveyed = await ActAsync(ct => _client.Fleet.ExtractResourcesWithSurveyAsync(ShipSymbol, usable, Priorities.Action, ct), cancellationToken).ConfigureAwait(false);
                    return surveyed.Extraction;
                }

                var plain = await ActAsync(ct => _client.Fleet.ExtractResourcesAsync(ShipSymbol, Priorities.Action, ct), cancellationToken).ConfigureAwait(false);
                return plain.Extraction;
            }
            catch (SpaceTradersApiException error) when (survey is not null && (error.IsSurveyExhausted || error.IsSurveyExpired || error.IsSurveyInvalid))
            {
                _client.Surveys.TryReport(error, survey);
                survey = null;
            }
            catch (SpaceTradersApiException error) when (error.IsCargoFull)
            {
                return null;
            }
        }
    }

    /// <summary>Surveys the ship's waypoint (orbiting, waiting out a cooldown); the surveys also go into the client's survey cache.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new surveys; none when the survey ran but its answer was lost (its cooldown is in the state).</returns>
    public async Task<IReadOnlyList<Survey>> SurveyAsync(CancellationToken cancellationToken)
    {
        await OrbitAsync(Priorities.ActionPrelude, cancellationToken).ConfigureAwait(false);
        await WaitForCooldownAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await ActAsync(ct => _client.Fleet.CreateSurveyAsync(ShipSymbol, Priorities.Action, ct), cancellationToken).ConfigureAwait(false);
            return result.Surveys;
        }
        catch (RequestOutcomeUnknownException lost) when (lost.Outcome == ActionOutcome.Applied)
        {
            return [];   // it ran (its cooldown is in the state) but its answer, with the surveys, was lost
        }
    }

    /// <summary>
    /// Gets the market the ship is at with its prices: the tracked copy when it was seen less than
    /// <see cref="PilotOptions.MarketFreshness"/> ago, otherwise one request.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The market, with trade goods.</returns>
    /// <exception cref="InvalidOperationException">The ship is not at a marketplace.</exception>
    public async Task<Market> GetMarketAsync(CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var waypoint = Ship.WaypointSymbol!;
        if (_client.State.TryGetMarket(waypoint, out var tracked)
            && tracked.Value is { TradeGoods: not null } known
            && tracked.ObservedAt is { } seen
            && Clock.GetUtcNow() - seen < _options.MarketFreshness)
        {
            return known;
        }

        return await _client.Systems.GetMarketAsync(waypoint, Priorities.MarketRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sells the cargo the market here buys (docking first), in batches no larger than each good's trade volume.
    /// Goods the market does not trade stay in the hold.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="which">Which cargo to sell; everything the market trades when <see langword="null"/>.</param>
    /// <returns>The sales, in order.</returns>
    public async Task<IReadOnlyList<MarketTransaction>> SellCargoAsync(CancellationToken cancellationToken, Func<ShipCargoItem, bool>? which = null)
    {
        await DockAsync(cancellationToken).ConfigureAwait(false);
        var market = await GetMarketAsync(cancellationToken).ConfigureAwait(false);
        var sales = new List<MarketTransaction>();
        foreach (var item in Ship.Current.Cargo?.Inventory ?? [])
        {
            if (which is not null && !which(item))
            {
                continue;
            }

            var good = market.TradeGoods?.FirstOrDefault(g => g.Symbol == item.Symbol);
            if (good is null)
            {
                continue;
            }

            for (var left = item.Units; left > 0;)
            {
                var batch = Math.Min(left, Math.Max(1, good.TradeVolume));
                try
                {
                    var result = await ActAsync(ct => _client.Fleet.SellCargoAsync(ShipSymbol, item.Symbol, batch, Priorities.Trade, ct), cancellationToken).ConfigureAwait(false);
                    sales.Add(result.Transaction);
                }
                catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.MarketTradeNoPurchase or ErrorCodes.MarketTradeNotSold)
                {
                    break;   // the listing changed since it was seen: keep the rest of this good
                }

                left -= batch;
            }
        }

        return sales;
    }

    /// <summary>Buys a good at the market here (docking first), in batches no larger than its trade volume, up to the free cargo space.</summary>
    /// <param name="good">The good.</param>
    /// <param name="units">How many units at most.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The purchases, in order.</returns>
    /// <exception cref="InvalidOperationException">The market here does not sell the good.</exception>
    public async Task<IReadOnlyList<MarketTransaction>> BuyAsync(TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        await DockAsync(cancellationToken).ConfigureAwait(false);
        var market = await GetMarketAsync(cancellationToken).ConfigureAwait(false);
        var listing = market.TradeGoods?.FirstOrDefault(g => g.Symbol == good)
            ?? throw new InvalidOperationException($"The market at {market.Symbol} does not sell {good}.");
        var purchases = new List<MarketTransaction>();
        for (var left = Math.Min(units, Ship.CargoFree); left > 0;)
        {
            var batch = Math.Min(left, Math.Max(1, listing.TradeVolume));
            var result = await ActAsync(ct => _client.Fleet.PurchaseCargoAsync(ShipSymbol, good, batch, Priorities.Trade, ct), cancellationToken).ConfigureAwait(false);
            purchases.Add(result.Transaction);
            left -= batch;
        }

        return purchases;
    }

    /// <summary>
    /// Sells the hold where it pays best: picks the market stop with <see cref="SalePlanner"/> (prices and listings from
    /// the client's market cache, the distance costed), flies there, sells what that market buys, and repeats for what is
    /// left until no known market buys the rest.
    /// </summary>
    /// <param name="options">What to keep, how to cost distance. The default value is <see cref="SalePlanOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sales, and the goods no known market buys (still in the hold).</returns>
    public Task<HoldSale> SellHoldAsync(SalePlanOptions? options, CancellationToken cancellationToken) =>
        SellHoldAsync(options, null, cancellationToken);

    /// <summary>
    /// Sells the hold as <see cref="SellHoldAsync(SalePlanOptions?, CancellationToken)"/> does, offering each stop the
    /// planner picks to <paramref name="preferStop"/> first: a stop it declines is left out and the planner looks again,
    /// and when it has declined every market that buys what is left, the best of them is used anyway (the hold is still
    /// sold). For example, a drone that should not drift to a far market unless it has to.
    /// </summary>
    /// <param name="options">What to keep, how to cost distance. The default value is <see cref="SalePlanOptions.Default"/>.</param>
    /// <param name="preferStop">Whether to take a stop; <see langword="null"/> takes every stop.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The sales, and the goods no known market buys (still in the hold).</returns>
    public async Task<HoldSale> SellHoldAsync(SalePlanOptions? options, Func<SaleStop, CancellationToken, ValueTask<bool>>? preferStop, CancellationToken cancellationToken)
    {
        options ??= SalePlanOptions.Default;
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var sales = new List<MarketTransaction>();
        var refused = new HashSet<(string Market, TradeSymbol Good)>();
        for (var stops = 0; stops < options.MaxStops; stops++)
        {
            var stop = await NextSaleStopAsync(options, refused, preferStop, cancellationToken).ConfigureAwait(false);
            if (stop is null)
            {
                break;
            }

            await NavigateAsync(stop.WaypointSymbol, cancellationToken).ConfigureAwait(false);
            var sold = await SellCargoAsync(cancellationToken, item => stop.Goods.Contains(item.Symbol)).ConfigureAwait(false);
            sales.AddRange(sold);
            foreach (var good in stop.Goods)
            {
                if (Ship.CargoUnitsOf(good) > 0)
                {
                    refused.Add((stop.WaypointSymbol, good));
                }
            }
        }

        var unsold = (Ship.Current.Cargo?.Inventory ?? [])
            .Where(i => options.Keep is null || !options.Keep.Contains(i.Symbol))
            .ToList();
        return new HoldSale(sales, unsold);
    }

    /// <summary>The best stop for what the hold has left that <paramref name="preferStop"/> takes, else the best stop.</summary>
    private async Task<SaleStop?> NextSaleStopAsync(SalePlanOptions options, HashSet<(string Market, TradeSymbol Good)> refused, Func<SaleStop, CancellationToken, ValueTask<bool>>? preferStop, CancellationToken cancellationToken)
    {
        var cargo = Ship.Current.Cargo?.Inventory ?? [];
        var here = Ship.WaypointSymbol!;
        var declined = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var stop = SalePlanner.FindBestStop(_client.Markets, _client.World, here, cargo, options, (market, good) => refused.Contains((market, good)) || declined.Contains(market));
            if (stop is null)
            {
                return declined.Count == 0 ? null : SalePlanner.FindBestStop(_client.Markets, _client.World, here, cargo, options, (market, good) => refused.Contains((market, good)));
            }

            if (preferStop is null || await preferStop(stop, cancellationToken).ConfigureAwait(false))
            {
                return stop;
            }

            declined.Add(stop.WaypointSymbol);
        }
    }

    /// <summary>Jettisons cargo (no market needed; the goods are lost). Waits for arrival first.</summary>
    /// <param name="good">The good.</param>
    /// <param name="units">How many units; no more than the hold has are sent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The units jettisoned (0 when the hold has none).</returns>
    public async Task<int> JettisonAsync(TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var held = Math.Min(units, Ship.CargoUnitsOf(good));
        if (held <= 0)
        {
            return 0;
        }

        await ActAsync(ct => _client.Fleet.JettisonCargoAsync(ShipSymbol, good, held, Priorities.Trade, ct), cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <summary>
    /// Transfers cargo to another of the agent's ships at the same waypoint (waits for arrival first). Both ships must be
    /// in the same state, docked or in orbit; the caller arranges that (for example: both stay in orbit at an asteroid).
    /// </summary>
    /// <param name="targetShipSymbol">The receiving ship.</param>
    /// <param name="good">The good.</param>
    /// <param name="units">How many units; no more than the hold has are sent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The units transferred (0 when the hold has none).</returns>
    public async Task<int> TransferCargoAsync(string targetShipSymbol, TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetShipSymbol);
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        var held = Math.Min(units, Ship.CargoUnitsOf(good));
        if (held <= 0)
        {
            return 0;
        }

        await ActAsync(ct => _client.Fleet.TransferCargoAsync(ShipSymbol, targetShipSymbol, good, held, Priorities.Trade, ct), cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <summary>Delivers goods from the hold to a contract at the waypoint the ship is at (docking first).</summary>
    /// <param name="contractId">The contract.</param>
    /// <param name="good">The good.</param>
    /// <param name="units">How many units at most; no more than the hold has are delivered.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The units delivered (0 when the hold has none).</returns>
    public async Task<int> DeliverContractAsync(string contractId, TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        var held = Math.Min(units, Ship.CargoUnitsOf(good));
        if (held <= 0)
        {
            return 0;
        }

        await DockAsync(cancellationToken).ConfigureAwait(false);
        await ActAsync(ct => _client.Contracts.DeliverContractAsync(contractId, ShipSymbol, good, held, Priorities.Trade, ct), cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <summary>Gets the system a waypoint lies in (<c>X1-DF55-B7</c> → <c>X1-DF55</c>); the same as <see cref="Symbols.SystemOf"/>.</summary>
    /// <param name="waypointSymbol">The waypoint.</param>
    /// <returns>The system symbol.</returns>
    public static string SystemOf(string waypointSymbol) => Symbols.SystemOf(waypointSymbol);

    private bool SellsFuel(string waypointSymbol) =>
        _client.Markets.TryGet(waypointSymbol, out var market) && market.GetListing(TradeSymbol.Fuel) is not null;

    private async Task OrbitAsync(RequestPriority? priority, CancellationToken cancellationToken)
    {
        await WaitForArrivalAsync(cancellationToken).ConfigureAwait(false);
        if (Ship.Status != ShipNavStatus.InOrbit)
        {
            await ActAsync(ct => _client.Fleet.OrbitShipAsync(ShipSymbol, priority, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one action of the ship. On a cooldown (4000) or in-transit (4214/4200) refusal it waits, on the client's
    /// clock, until the time the error gives and tries once more; any other error, and a second refusal, is thrown.
    /// </summary>
    private async Task<T> ActAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        DateTimeOffset until;
        try
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }
        catch (SpaceTradersApiException error) when (WaitsOut(error) is { } due)
        {
            if (error.Cooldown is { } cooldown)
            {
                _client.State.Apply(ShipSymbol, cooldown);
            }

            until = due + ServerTimePrecision;
        }

        // A loop, not one wait: a timer of a real or scaled clock may fire a little early.
        while (Clock.GetUtcNow() < until)
        {
            await Clock.DelayUntilAsync(until, cancellationToken).ConfigureAwait(false);
        }

        return await action(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When a refusal the pilot waits out ends: the cooldown's expiry (4000) or the route's arrival (4214, 4200); <see langword="null"/> for any other error, or one without a time.</summary>
    private DateTimeOffset? WaitsOut(SpaceTradersApiException error)
    {
        var now = Clock.GetUtcNow();
        if (error.IsCooldown)
        {
            return error.Cooldown is { } cooldown ? cooldown.Expiration ?? now.AddSeconds(cooldown.RemainingSeconds) : null;
        }

        if (error.IsShipInTransit)
        {
            return error.Transit is { } transit ? transit.Arrival ?? (transit.SecondsToArrival is { } seconds ? now.AddSeconds(seconds) : null) : null;
        }

        return null;
    }

    private async Task<TrackedShip> KnownShipAsync(CancellationToken cancellationToken)
        => _client.State.TryGetShip(ShipSymbol, out var ship) && ship.Current.Nav is not null
            ? ship
            : await RefreshAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The route planner of a system, shared by every pilot of the client and kept while the system's known fuel
    /// sellers and charted waypoints stay the same.
    /// </summary>
    private async Task<SystemRoutePlanner> PlannerAsync(string systemSymbol, CancellationToken cancellationToken)
    {
        var waypoints = await _client.World.GetWaypointsAsync(systemSymbol, cancellationToken).ConfigureAwait(false);
        var fuelStations = _client.Markets.GetFuelStations(systemSymbol);
        var rules = _client.State.Rules;
        return _client.RoutePlanners.Get(systemSymbol, waypoints.Count, fuelStations, rules, () =>
        {
            var fuelSellers = new HashSet<string>(fuelStations, StringComparer.Ordinal);
            foreach (var waypoint in waypoints)
            {
                if (waypoint.Type == WaypointType.FuelStation)
                {
                    fuelSellers.Add(waypoint.Symbol);
                }
            }

            return new SystemRoutePlanner(_client.World.GetSystemWaypoints(systemSymbol), fuelSellers, rules);
        });
    }
}
