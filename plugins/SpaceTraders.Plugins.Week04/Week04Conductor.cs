using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Week04;

/// <summary>
/// <c>week04</c> ("stage 3"): plays a fresh agent around one asteroid. Miners run <c>extract-and-transfer-or-sell</c>,
/// haulers <c>receive-and-fulfill</c>, surveyors <c>survey</c>; a mixed ship (laser and surveyor) surveys while the survey
/// cache runs dry and no dedicated surveyor works, and mines otherwise. The probe parks at the shipyard of the next
/// purchase (<c>watch-market@week02</c>). It buys a surveyor first, then ore hounds and a freighter, each only when its
/// expected income pays its price back within <c>paybackHours</c>. The starting contract is accepted when the asteroid
/// yields its good (the hauler delivers it).
/// </summary>
internal sealed class Week04Conductor : IConductor
{
    /// <summary>The conductor's id.</summary>
    public const string Id = "week04";

    private static readonly ShipType Surveyor = new("SHIP_SURVEYOR");
    private static readonly ShipType OreHound = new("SHIP_ORE_HOUND");
    private static readonly ShipType LightHauler = new("SHIP_LIGHT_HAULER");

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 4 stage 3: survey-guided mining with haulers; buy a surveyor, then ore hounds and freighters when they pay back.",
        [
            new("paybackHours", ParameterType.Number, "Buy a miner or a freighter only when its expected income repays its price within this many hours.", "6"),
            new("reserve", ParameterType.Integer, "Credits kept back when buying a ship.", "20000"),
            new("surveyors", ParameterType.Integer, "Dedicated surveyors to buy.", "1"),
            new("surveyStock", ParameterType.Integer, "Usable surveys to keep cached for the asteroid.", "6"),
            new("maxOreHounds", ParameterType.Integer, "The most ore hounds to buy.", "4"),
            new("haulerAfterMiners", ParameterType.Integer, "Miners working before a freighter is worth buying.", "3"),
            new("maxHaulers", ParameterType.Integer, "The most freighters to buy.", "1"),
            new("haulerGain", ParameterType.Number, "The share of the miners' income a freighter is expected to add (the flights it saves them).", "0.15"),
            new("acceptStartingContract", ParameterType.Boolean, "Accept the starting contract when the asteroid yields its good.", "true"),
            new("retryAfter", ParameterType.Duration, "How long a ship whose behaviour ended waits before it is given work again.", "00:05:00"),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = new Settings(context.Parameters);
        var hq = context.Agent.Agent.Value?.Headquarters
            ?? (await context.Client.Agents.GetMyAgentAsync(priority: EndpointPriorities.GetMyAgent, cancellationToken: cancellationToken).ConfigureAwait(false)).Headquarters;
        var home = ShipPilot.SystemOf(hq);
        await MarketListings.EnsureLoadedAsync(context.Client, home, cancellationToken).ConfigureAwait(false);
        var waypoints = await context.World.GetWaypointsAsync(home, cancellationToken).ConfigureAwait(false);
        var origin = waypoints.First(w => w.Symbol == hq);
        var asteroidWaypoint = MiningSites.Rank(waypoints, WaypointPosition.From(origin)).FirstOrDefault();
        if (asteroidWaypoint is null)
        {
            context.Logger.LogWarning("No minable asteroid in {System}: week04 has nothing to do.", home);
            return;
        }

        var asteroid = asteroidWaypoint.Symbol;
        var yards = await ShipyardsAsync(context, waypoints, origin, cancellationToken).ConfigureAwait(false);
        if (settings.AcceptStartingContract)
        {
            await AcceptStartingContractAsync(context, asteroidWaypoint, cancellationToken).ConfigureAwait(false);
        }

        var fleet = new FleetPlan(context, asteroid, settings);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var purchase = NextPurchase(context, fleet, yards, settings);
            var parkAt = purchase?.Yard ?? yards.GetValueOrDefault(OreHound) ?? yards.GetValueOrDefault(Surveyor);
            fleet.Assign(parkAt);
            if (purchase is { } next && await TryBuyAsync(context, fleet.Watcher, next, settings.Reserve, cancellationToken).ConfigureAwait(false) is { } bought)
            {
                fleet.Bought(bought, next.Type);
                continue;
            }

            await context.WaitForFleetChangeAsync(fleet.NextWake(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Decides what to buy next, if anything: a surveyor, then ore hounds, then a freighter, each when it pays back.</summary>
    private static Purchase? NextPurchase(IConductorContext context, FleetPlan fleet, Dictionary<ShipType, string> yards, Settings settings)
    {
        if (fleet.Count(ShipKind.Surveyor) < settings.Surveyors && yards.TryGetValue(Surveyor, out var small))
        {
            return new Purchase(Surveyor, small);
        }

        var rate = fleet.IncomePerStrengthHour();
        if (rate is null)
        {
            return null;
        }

        if (fleet.BoughtOf(OreHound) < settings.MaxOreHounds && yards.TryGetValue(OreHound, out var large)
            && PaysBack(context, large, OreHound, rate.Value * 35, settings.PaybackHours))
        {
            return new Purchase(OreHound, large);
        }

        if (fleet.Count(ShipKind.Miner) + fleet.Count(ShipKind.Mixed) >= settings.HaulerAfterMiners && fleet.Count(ShipKind.Hauler) < settings.MaxHaulers
            && yards.TryGetValue(LightHauler, out var freighters)
            && PaysBack(context, freighters, LightHauler, rate.Value * fleet.Strength() * settings.HaulerGain, settings.PaybackHours))
        {
            return new Purchase(LightHauler, freighters);
        }

        return null;
    }

    /// <summary>Whether a ship of <paramref name="type"/> earning <paramref name="incomePerHour"/> repays its price (as last seen at the yard) in time.</summary>
    private static bool PaysBack(IConductorContext context, string yard, ShipType type, double incomePerHour, double paybackHours)
    {
        var price = context.World.TryGetShipyard(yard, out var known) ? known.Ships?.FirstOrDefault(s => s.Type == type)?.PurchasePrice : null;
        return price is { } p && incomePerHour > 0 && p / incomePerHour <= paybackHours;
    }

    /// <summary>Finds, for each ship type week 4 buys, the nearest shipyard (to the headquarters) that lists it.</summary>
    private static async Task<Dictionary<ShipType, string>> ShipyardsAsync(IConductorContext context, IReadOnlyList<Waypoint> waypoints, Waypoint origin, CancellationToken cancellationToken)
    {
        var yards = new Dictionary<ShipType, string>();
        foreach (var waypoint in waypoints
            .Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard))
            .OrderBy(w => FlightRules.Distance(origin.X, origin.Y, w.X, w.Y))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal))
        {
            var shipyard = await context.World.GetShipyardAsync(waypoint.Symbol, cancellationToken).ConfigureAwait(false);
            foreach (var type in new[] { Surveyor, OreHound, LightHauler })
            {
                if (!yards.ContainsKey(type) && shipyard.ShipTypes.Any(t => t.Type == type))
                {
                    yards[type] = waypoint.Symbol;
                }
            }
        }

        return yards;
    }

    private static async Task AcceptStartingContractAsync(IConductorContext context, Waypoint asteroid, CancellationToken cancellationToken)
    {
        var yields = MiningSites.KnownYields(asteroid);
        if (context.Agent.Contracts.Count == 0)
        {
            // A runtime plays the agent from its token: the registration's contract is not in this client's state yet.
            await context.Client.Contracts.GetContractsAsync(priority: EndpointPriorities.GetContracts, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var tracked in context.Agent.Contracts)
        {
            if (tracked.Value is { Accepted: false, Fulfilled: false } contract
                && (contract.Terms.Deliver ?? []).All(d => yields.Contains(d.TradeSymbol)))
            {
                try
                {
                    await context.Client.Contracts.AcceptContractAsync(contract.Id, priority: EndpointPriorities.AcceptContract, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.AcceptContractConflict or ErrorCodes.ContractDeadline)
                {
                    context.Logger.LogInformation("Contract {Contract} cannot be accepted: {Message}", contract.Id, error.ErrorMessage);
                }
            }
        }
    }

    /// <summary>Buys one ship at the yard when the watcher is parked there and the credits cover its price plus the reserve.</summary>
    private static async Task<string?> TryBuyAsync(IConductorContext context, string? watcher, Purchase purchase, int reserve, CancellationToken cancellationToken)
    {
        if (watcher is null || !context.Agent.TryGetShip(watcher, out var probe) || probe.WaypointSymbol != purchase.Yard || probe.IsInTransit)
        {
            return null;
        }

        var credits = context.Agent.Agent.Value?.Credits ?? 0;
        var price = context.World.TryGetShipyard(purchase.Yard, out var known) ? known.Ships?.FirstOrDefault(s => s.Type == purchase.Type)?.PurchasePrice : null;
        if (price is null || credits < price + reserve)
        {
            return null;
        }

        try
        {
            var result = await context.Client.Fleet.PurchaseShipAsync(purchase.Type, purchase.Yard, priority: EndpointPriorities.PurchaseShip, cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Logger.LogInformation("Bought {Ship} ({Type}) at {Yard} for {Price} credits.", result.Ship.Symbol, purchase.Type, purchase.Yard, result.Transaction.Price);
            context.World.Record(await context.Client.Systems.GetShipyardAsync(purchase.Yard, priority: EndpointPriorities.GetShipyard, cancellationToken: cancellationToken).ConfigureAwait(false));
            return result.Ship.Symbol;
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return null;
        }
    }

    private sealed record Purchase(ShipType Type, string Yard);

    /// <summary>The conductor's parameters, read once.</summary>
    private sealed class Settings(StrategyParameters parameters)
    {
        public double PaybackHours { get; } = parameters.GetDouble("paybackHours", 6);

        public int Reserve { get; } = parameters.GetInt32("reserve", 20000);

        public int Surveyors { get; } = parameters.GetInt32("surveyors", 1);

        public int SurveyStock { get; } = parameters.GetInt32("surveyStock", 6);

        public int MaxOreHounds { get; } = parameters.GetInt32("maxOreHounds", 4);

        public int HaulerAfterMiners { get; } = parameters.GetInt32("haulerAfterMiners", 3);

        public int MaxHaulers { get; } = parameters.GetInt32("maxHaulers", 1);

        public double HaulerGain { get; } = parameters.GetDouble("haulerGain", 0.15);

        public bool AcceptStartingContract { get; } = parameters.GetBoolean("acceptStartingContract", true);

        public TimeSpan RetryAfter { get; } = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(5));
    }

    /// <summary>What each ship is for, what it runs, and when a ship whose behaviour ended gets work again.</summary>
    private sealed class FleetPlan(IConductorContext context, string asteroid, Settings settings)
    {
        private static readonly StrategyRef Miner = new(ExtractAndTransferOrSell.Id, Week04Plugin.VersionLabel);
        private static readonly StrategyRef Hauler = new(ReceiveAndFulfill.Id, Week04Plugin.VersionLabel);
        private static readonly StrategyRef SurveyRef = new(KeepSurveysStocked.Id, Week04Plugin.VersionLabel);
        private static readonly StrategyRef WatchMarket = new("watch-market", "week02");

        private readonly Dictionary<string, DateTimeOffset> _retryAt = new(StringComparer.Ordinal);
        private readonly Dictionary<ShipType, int> _bought = [];
        private readonly DateTimeOffset _started = context.Clock.GetUtcNow();
        private DateTimeOffset _nextReview = context.Clock.GetUtcNow();
        private string? _watcherYard;

        public string? Watcher { get; private set; }

        public int BoughtOf(ShipType type) => _bought.GetValueOrDefault(type);

        public void Bought(string ship, ShipType type)
        {
            _bought[type] = BoughtOf(type) + 1;
            _retryAt.Remove(ship);
        }

        public int Count(ShipKind kind) => context.Agent.Ships.Count(s => KindOf(s) == kind);

        /// <summary>Gets the summed laser strength of the ships that mine.</summary>
        public int Strength() => context.Agent.Ships.Where(s => KindOf(s) is ShipKind.Miner or ShipKind.Mixed).Sum(s => YieldEstimate.LaserStrength(s.Current.Mounts));

        /// <summary>
        /// Gets the credits the mining operation (miners and haulers) earned per hour per unit of laser strength, from the
        /// current sessions; <see langword="null"/> until there is an hour of mining to judge by.
        /// </summary>
        public double? IncomePerStrengthHour()
        {
            var now = context.Clock.GetUtcNow();
            double income = 0, strengthHours = 0;
            foreach (var ship in context.Ships)
            {
                if (ship.Session is not { } session || ship.Assignment is not { } assignment)
                {
                    continue;
                }

                if (assignment.Id is ExtractAndTransferOrSell.Id or ReceiveAndFulfill.Id)
                {
                    income += session.CreditsEarned;
                }

                if (assignment.Id == ExtractAndTransferOrSell.Id && context.Agent.TryGetShip(ship.Symbol, out var tracked))
                {
                    strengthHours += YieldEstimate.LaserStrength(tracked.Current.Mounts) * (now - session.StartedAt).TotalHours;
                }
            }

            return now - _started < TimeSpan.FromHours(1) || strengthHours <= 0 ? null : income / strengthHours;
        }

        public TimeSpan NextWake()
        {
            var now = context.Clock.GetUtcNow();
            var wake = TimeSpan.FromMinutes(1);
            foreach (var at in _retryAt.Values)
            {
                if (at - now < wake)
                {
                    wake = at - now;
                }
            }

            return wake > TimeSpan.Zero ? wake : TimeSpan.FromSeconds(1);
        }

        /// <summary>Gives every ship without work its behaviour, and moves the watcher to the yard of the next purchase.</summary>
        public void Assign(string? parkAt)
        {
            var now = context.Clock.GetUtcNow();
            var surveyorsWork = context.Ships.Any(s => s.Assignment?.Id == KeepSurveysStocked.Id && s.State == FleetShipState.Running
                && context.Agent.TryGetShip(s.Symbol, out var t) && KindOf(t) == ShipKind.Surveyor);
            var dry = context.Surveys.GetSurveys(asteroid).Count == 0;
            var review = now >= _nextReview;
            if (review)
            {
                _nextReview = now + TimeSpan.FromMinutes(10);
            }

            foreach (var ship in context.Ships)
            {
                if (!context.Agent.TryGetShip(ship.Symbol, out var tracked))
                {
                    continue;
                }

                var kind = KindOf(tracked);
                if (kind == ShipKind.Probe)
                {
                    AssignWatcher(ship, parkAt, now);
                    continue;
                }

                // A mixed ship mining while the cache is dry and nobody surveys is lent to surveying (checked every ten minutes).
                if (review && kind == ShipKind.Mixed && dry && !surveyorsWork && ship.State == FleetShipState.Running && ship.Assignment?.Id == ExtractAndTransferOrSell.Id)
                {
                    context.Assign(ship.Symbol, SurveyRef, Parameters(("asteroid", asteroid), ("stock", settings.SurveyStock.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("stopWhenStocked", "true")));
                    surveyorsWork = true;
                    continue;
                }

                if (!NeedsWork(ship, now))
                {
                    continue;
                }

                switch (kind)
                {
                    case ShipKind.Surveyor:
                        context.Assign(ship.Symbol, SurveyRef, Parameters(("asteroid", asteroid), ("stock", settings.SurveyStock.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                        break;
                    case ShipKind.Hauler:
                        context.Assign(ship.Symbol, Hauler, Parameters(("asteroid", asteroid)));
                        break;
                    case ShipKind.Mixed when !surveyorsWork && context.Surveys.GetSurveys(asteroid).Count < settings.SurveyStock / 2
                        && ship.Assignment?.Id != KeepSurveysStocked.Id:
                        context.Assign(ship.Symbol, SurveyRef, Parameters(("asteroid", asteroid), ("stock", settings.SurveyStock.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("stopWhenStocked", "true")));
                        surveyorsWork = true;
                        break;
                    default:
                        context.Assign(ship.Symbol, Miner, Parameters(("asteroid", asteroid)));
                        break;
                }
            }
        }

        private void AssignWatcher(FleetShip ship, string? parkAt, DateTimeOffset now)
        {
            if (Watcher is not null && Watcher != ship.Symbol)
            {
                return;
            }

            Watcher = ship.Symbol;
            var moving = parkAt is not null && parkAt != _watcherYard && ship.State == FleetShipState.Running;
            if ((moving || NeedsWork(ship, now)) && parkAt is not null && context.Behaviours.Any(b => b.Reference == WatchMarket))
            {
                context.Assign(ship.Symbol, WatchMarket, Parameters(("market", parkAt)));
                _watcherYard = parkAt;
            }
        }

        /// <summary>Whether the ship has no behaviour, or its behaviour ended (idle or completed) and its pause is over.</summary>
        private bool NeedsWork(FleetShip ship, DateTimeOffset now)
        {
            if (ship.State == FleetShipState.Unassigned)
            {
                return true;
            }

            if (ship.State != FleetShipState.Waiting || ship.Session?.Outcome == SessionOutcome.Failed)
            {
                return false;
            }

            // A mixed ship back from surveying goes straight back to work; anything else pauses first.
            if (ship.Session?.Outcome == SessionOutcome.Completed && ship.Assignment?.Id == KeepSurveysStocked.Id)
            {
                return true;
            }

            if (!_retryAt.TryGetValue(ship.Symbol, out var at))
            {
                _retryAt[ship.Symbol] = now + settings.RetryAfter;
                return false;
            }

            if (at > now)
            {
                return false;
            }

            _retryAt.Remove(ship.Symbol);
            return true;
        }

        private static StrategyParameters Parameters(params (string Name, string Value)[] values) =>
            new(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));

        private static ShipKind KindOf(TrackedShip ship)
        {
            var mounts = ship.Current.Mounts ?? [];
            var laser = YieldEstimate.LaserStrength(mounts) > 0;
            var surveyor = mounts.Any(m => m.Symbol.Value.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal));
            return (laser, surveyor) switch
            {
                (true, true) => ShipKind.Mixed,
                (true, false) => ShipKind.Miner,
                (false, true) => ShipKind.Surveyor,
                _ => (ship.Current.Cargo?.Capacity ?? 0) > 0 ? ShipKind.Hauler : ShipKind.Probe,
            };
        }
    }

    /// <summary>What a ship is for, by its mounts and hold.</summary>
    private enum ShipKind
    {
        Probe,
        Miner,
        Mixed,
        Surveyor,
        Hauler,
    }
}
