using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Week07;

/// <summary>The steps of contract work for one ship: find or negotiate the contract, plan its sources, fetch and deliver.</summary>
internal sealed class ContractWork(IBehaviourContext context, StrategyParameters parameters)
{
    private static readonly MarketTradeGoodType[] Purchasable = [MarketTradeGoodType.Export, MarketTradeGoodType.Exchange];

    /// <summary>The goods a gas siphon draws from a gas giant.</summary>
    private static readonly TradeSymbol[] Gases = [new("LIQUID_HYDROGEN"), new("LIQUID_NITROGEN"), new("HYDROCARBON")];

    private readonly ShipPilot _pilot = new(context.Client, context.Ship.Symbol);
    private readonly SalePlanOptions _sale = new() { CreditsPerDistance = parameters.GetDouble("creditsPerDistance", 5) };
    private readonly double _refuelBelow = parameters.GetDouble("refuelBelow", 0.5);
    private readonly bool _mine = parameters.GetBoolean("mine", true);
    private readonly long _minSiphonPayment = parameters.GetInt32("minSiphonPayment", 20000);
    private readonly double _importHeadroom = parameters.GetDouble("importHeadroom", 1.1);
    private IReadOnlyList<Waypoint> _waypoints = [];

    private string System => _pilot.Ship.Current.Nav!.SystemSymbol;

    /// <summary>Knows the ship, the system's waypoints and market listings, and the agent's contracts.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (context.Ship.Current.Nav is null || context.Ship.Current.Mounts is null || context.Ship.Current.Cargo is null)
        {
            await _pilot.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        _waypoints = await context.World.GetWaypointsAsync(System, cancellationToken).ConfigureAwait(false);
        await MarketListings.EnsureLoadedAsync(context.Client, System, cancellationToken).ConfigureAwait(false);
        if (context.Agent.Contracts.Count == 0)
        {
            await context.Client.Contracts.GetContractsAsync(priority: EndpointPriorities.GetContracts, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets the active contract, else the offered one, else negotiates a new one at a faction waypoint.</summary>
    public async Task<Contract?> CurrentContractAsync(CancellationToken cancellationToken)
    {
        if (Open() is { } open)
        {
            return open;
        }

        var here = _waypoints.FirstOrDefault(w => w.Symbol == _pilot.Ship.WaypointSymbol);
        if (here?.Faction is null)
        {
            var hq = context.Agent.Agent.Value?.Headquarters;
            if (hq is null || ShipPilot.SystemOf(hq) != System)
            {
                return null;
            }

            await _pilot.NavigateAsync(hq, cancellationToken).ConfigureAwait(false);
        }

        await _pilot.DockAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            context.ReportActivity("negotiating a contract");
            return (await context.Client.Fleet.NegotiateContractAsync(_pilot.ShipSymbol, priority: EndpointPriorities.NegotiateContract, cancellationToken: cancellationToken).ConfigureAwait(false)).Contract;
        }
        catch (SpaceTradersApiException error) when (error.ErrorCode == ErrorCodes.ExistingContract)
        {
            await context.Client.Contracts.GetContractsAsync(priority: EndpointPriorities.GetContracts, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Open();
        }
    }

    /// <summary>Plans where each outstanding delivery comes from and what it costs.</summary>
    public ContractPlan Plan(Contract contract)
    {
        var sources = new List<DeliverySource>();
        long cost = 0;
        var here = _pilot.Ship.WaypointSymbol!;
        foreach (var delivery in contract.Terms.Deliver ?? [])
        {
            var remaining = delivery.UnitsRequired - delivery.UnitsFulfilled;
            if (remaining <= 0)
            {
                continue;
            }

            var good = delivery.TradeSymbol;
            var offer = context.Markets.FindBuyOffers(good, here, new MarketOfferQuery { Units = remaining, CreditsPerDistance = _sale.CreditsPerDistance, Listings = Purchasable }).FirstOrDefault();
            var listed = offer?.WaypointSymbol ?? NearestListing(good, here);
            if (listed is not null)
            {
                sources.Add(new DeliverySource(good, delivery.DestinationSymbol, listed, null, offer?.PricePerUnit));
                cost += (long)remaining * (offer?.PricePerUnit ?? 0);
                continue;
            }

            var asteroid = _mine && YieldEstimate.LaserStrength(_pilot.Ship.Current.Mounts) > 0
                ? MiningSites.Rank(_waypoints, Position(here), good).FirstOrDefault()?.Symbol
                : null;
            if (asteroid is not null)
            {
                sources.Add(new DeliverySource(good, delivery.DestinationSymbol, null, asteroid, null));
                continue;
            }

            var giant = _mine && CanSiphon() && Gases.Contains(good) ? NearestGasGiant(here) : null;
            if (giant is not null && Payment(contract) >= _minSiphonPayment)
            {
                sources.Add(new DeliverySource(good, delivery.DestinationSymbol, null, giant, null) { Siphon = true });
                continue;
            }

            // Last resort: a market that imports the good sells it dear (the destination itself does), but a contract pays
            // about one and a half times its base value, so buying there still pays unless the price has run up; and a
            // contract left offered blocks the next one for a day. (A gas giant yields a mix of gases: a cheap gas
            // contract would keep the ship siphoning for less than mining pays.)
            var import = context.Markets.FindBuyOffers(good, here, new MarketOfferQuery { Units = remaining, CreditsPerDistance = _sale.CreditsPerDistance, Listings = [MarketTradeGoodType.Import] }).FirstOrDefault();
            if (import is not null && (long)remaining * import.PricePerUnit * _importHeadroom <= Payment(contract))
            {
                sources.Add(new DeliverySource(good, delivery.DestinationSymbol, import.WaypointSymbol, null, import.PricePerUnit));
                cost += (long)remaining * import.PricePerUnit;
                continue;
            }

            return new ContractPlan(sources, giant is null ? good.Value : $"{good} (siphoning pays {Payment(contract)}, under {_minSiphonPayment})", Payment(contract), cost) { MissingGood = good };
        }

        return new ContractPlan(sources, null, Payment(contract), cost);
    }

    /// <summary>
    /// For an offered contract whose good nobody exports, reads (once per contract, remembered on the fleet board) the
    /// nearest market that imports it and whose price is unknown, so that the plan can weigh buying there.
    /// </summary>
    /// <returns>Whether a market was read (plan again).</returns>
    public async Task<bool> ReadImportPriceAsync(Contract contract, TradeSymbol good, CancellationToken cancellationToken)
    {
        var key = "contract-import-read/" + contract.Id;
        if (contract.Accepted || context.Board.TryRead<string>(key, out _))
        {
            return false;
        }

        context.Board.Post(key, good.Value);
        var here = Position(_pilot.Ship.WaypointSymbol!);
        var market = context.Markets.FindMarkets(System, good, MarketTradeGoodType.Import)
            .Where(m => m.GetGood(good)?.PurchasePrice is null)
            .Select(m => m.WaypointSymbol)
            .OrderBy(symbol => _waypoints.FirstOrDefault(w => w.Symbol == symbol) is { } w ? FlightRules.Distance(here.X, here.Y, w.X, w.Y) : double.MaxValue)
            .ThenBy(symbol => symbol, StringComparer.Ordinal)
            .FirstOrDefault();
        if (market is null)
        {
            return false;
        }

        await _pilot.EnsureFuelAsync(_refuelBelow, cancellationToken).ConfigureAwait(false);
        context.ReportActivity($"reading the price of {good} at {market}");
        await _pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
        await _pilot.GetMarketAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Fetches and delivers every outstanding delivery, then fulfils the contract; returns whether it was fulfilled.</summary>
    public async Task<bool> FulfillAsync(string contractId, ContractPlan plan, CancellationToken cancellationToken)
    {
        foreach (var source in plan.Sources)
        {
            while (Remaining(contractId, source.Good) is var remaining && remaining > 0)
            {
                var held = _pilot.Ship.CargoUnitsOf(source.Good);
                if (held > 0 && (held >= remaining || _pilot.Ship.CargoFree == 0 || source.Market is not null))
                {
                    await _pilot.EnsureFuelAsync(_refuelBelow, cancellationToken).ConfigureAwait(false);
                    context.ReportActivity($"delivering {Math.Min(held, remaining)} {source.Good} to {source.Destination}");
                    await _pilot.NavigateAsync(source.Destination, cancellationToken).ConfigureAwait(false);
                    await _pilot.DeliverContractAsync(contractId, source.Good, remaining, cancellationToken).ConfigureAwait(false);
                    await SellExtrasHereAsync(contractId, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_pilot.Ship.CargoFree == 0)
                {
                    await ClearHoldAsync(contractId, cancellationToken).ConfigureAwait(false);
                    if (_pilot.Ship.CargoFree == 0)
                    {
                        return false;
                    }

                    continue;
                }

                var gained = source.Market is { } market
                    ? await BuyAsync(market, source.Good, remaining - held, cancellationToken).ConfigureAwait(false)
                    : await MineAsync(source.Asteroid!, source.Good, remaining - held, source.Siphon, cancellationToken).ConfigureAwait(false);
                if (gained == 0)
                {
                    return false;
                }
            }
        }

        if (!context.Agent.TryGetContract(contractId, out var tracked) || tracked.Value is not { Fulfilled: false } contract
            || (contract.Terms.Deliver ?? []).Any(d => d.UnitsFulfilled < d.UnitsRequired))
        {
            return tracked?.Value?.Fulfilled == true;
        }

        context.ReportActivity($"fulfilling {contractId}");
        await context.Client.Contracts.FulfillContractAsync(contractId, priority: EndpointPriorities.FulfillContract, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<int> BuyAsync(string market, TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        await _pilot.EnsureFuelAsync(_refuelBelow, cancellationToken).ConfigureAwait(false);
        context.ReportActivity($"buying {good} at {market}");
        await _pilot.NavigateAsync(market, cancellationToken).ConfigureAwait(false);
        var listing = (await _pilot.GetMarketAsync(cancellationToken).ConfigureAwait(false)).TradeGoods?.FirstOrDefault(g => g.Symbol == good);
        if (listing is null)
        {
            return 0;
        }

        var credits = context.Agent.Agent.Value?.Credits ?? 0;
        var affordable = (int)Math.Min(units, credits / Math.Max(1, (long)(listing.PurchasePrice * 1.2)));
        if (affordable <= 0)
        {
            return 0;
        }

        try
        {
            var bought = await _pilot.BuyAsync(good, affordable, cancellationToken).ConfigureAwait(false);
            return bought.Sum(t => t.Units);
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return _pilot.Ship.CargoUnitsOf(good);
        }
    }

    private async Task<int> MineAsync(string asteroid, TradeSymbol good, int units, bool siphon, CancellationToken cancellationToken)
    {
        if (_pilot.Ship.WaypointSymbol != asteroid)
        {
            await _pilot.EnsureFuelAsync(_refuelBelow, cancellationToken).ConfigureAwait(false);
            context.ReportActivity($"flying to {asteroid} to {(siphon ? "siphon" : "mine")} {good}");
            await _pilot.NavigateAsync(asteroid, cancellationToken).ConfigureAwait(false);
        }

        if (siphon)
        {
            return await SiphonAsync(good, units, cancellationToken).ConfigureAwait(false);
        }

        var surveyor = (_pilot.Ship.Current.Mounts ?? []).Any(m => m.Symbol.Value.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal));
        var before = _pilot.Ship.CargoUnitsOf(good);
        var extractions = 0;
        while (_pilot.Ship.CargoFree > 0 && _pilot.Ship.CargoUnitsOf(good) - before < units)
        {
            var survey = context.Surveys.GetBest(asteroid, SurveyGoal.ForGood(good));
            if (survey is null && surveyor)
            {
                context.ReportActivity($"surveying {asteroid} for {good}");
                await _pilot.SurveyAsync(cancellationToken).ConfigureAwait(false);
                survey = context.Surveys.GetBest(asteroid, SurveyGoal.ForGood(good));
            }

            context.ReportActivity($"mining {good} at {asteroid}");
            if (await _pilot.ExtractAsync(survey, cancellationToken).ConfigureAwait(false) is null)
            {
                break;
            }

            extractions++;
        }

        // Mined something, even if not the good: the caller delivers, or clears the hold and comes back.
        return extractions;
    }

    /// <summary>Siphons at the gas giant the ship is at until the hold is full or holds enough of the good; returns the siphons made.</summary>
    private async Task<int> SiphonAsync(TradeSymbol good, int units, CancellationToken cancellationToken)
    {
        var before = _pilot.Ship.CargoUnitsOf(good);
        var siphons = 0;
        await _pilot.OrbitAsync(cancellationToken).ConfigureAwait(false);
        while (_pilot.Ship.CargoFree > 0 && _pilot.Ship.CargoUnitsOf(good) - before < units)
        {
            await _pilot.WaitForCooldownAsync(cancellationToken).ConfigureAwait(false);
            context.ReportActivity($"siphoning {good} at {_pilot.Ship.WaypointSymbol}");
            try
            {
                await context.Client.Fleet.SiphonResourcesAsync(_pilot.ShipSymbol, priority: EndpointPriorities.Siphon, cancellationToken: cancellationToken).ConfigureAwait(false);
                siphons++;
            }
            catch (SpaceTradersApiException error) when (error.IsCooldown && error.Cooldown is { } cooldown)
            {
                context.Client.State.Apply(_pilot.ShipSymbol, cooldown);
            }
            catch (SpaceTradersApiException error) when (error.IsCargoFull)
            {
                break;
            }
        }

        return siphons;
    }

    private bool CanSiphon()
    {
        var ship = _pilot.Ship.Current;
        return (ship.Mounts ?? []).Any(m => m.Symbol.Value.StartsWith("MOUNT_GAS_SIPHON", StringComparison.Ordinal))
            && (ship.Modules ?? []).Any(m => m.Symbol.Value.StartsWith("MODULE_GAS_PROCESSOR", StringComparison.Ordinal));
    }

    private string? NearestGasGiant(string here)
    {
        var origin = Position(here);
        return _waypoints
            .Where(w => w.Type == WaypointType.GasGiant)
            .OrderBy(w => FlightRules.Distance(origin.X, origin.Y, w.X, w.Y))
            .ThenBy(w => w.Symbol, StringComparer.Ordinal)
            .FirstOrDefault()?.Symbol;
    }

    /// <summary>At a market (a delivery destination often is one), sells the mined goods the contract does not need.</summary>
    private async Task SellExtrasHereAsync(string contractId, CancellationToken cancellationToken)
    {
        var keep = Needed(contractId);
        var here = _pilot.Ship.WaypointSymbol;
        if (here is null || !context.Markets.TryGet(here, out var market)
            || !(_pilot.Ship.Current.Cargo?.Inventory ?? []).Any(i => !keep.Contains(i.Symbol) && market.GetListing(i.Symbol) is { } listing && listing != MarketTradeGoodType.Export))
        {
            return;
        }

        await _pilot.SellCargoAsync(cancellationToken, item => !keep.Contains(item.Symbol)).ConfigureAwait(false);
    }

    private TradeSymbol[] Needed(string contractId) =>
        context.Agent.TryGetContract(contractId, out var tracked)
            ? [.. (tracked.Value?.Terms.Deliver ?? []).Where(d => d.UnitsFulfilled < d.UnitsRequired).Select(d => d.TradeSymbol)]
            : [];

    /// <summary>Sells what the contracts do not need; jettisons what no market buys.</summary>
    private async Task ClearHoldAsync(string contractId, CancellationToken cancellationToken)
    {
        var keep = Needed(contractId);
        context.ReportActivity("selling what the contract does not need");
        var sold = await _pilot.SellHoldAsync(_sale with { Keep = keep }, cancellationToken).ConfigureAwait(false);
        foreach (var item in sold.Unsold)
        {
            await _pilot.JettisonAsync(item.Symbol, item.Units, cancellationToken).ConfigureAwait(false);
        }
    }

    private Contract? Open()
    {
        var now = context.Clock.GetUtcNow();
        var contracts = context.Agent.Contracts.Select(c => c.Value).OfType<Contract>().Where(c => !c.Fulfilled).ToList();
        return contracts.FirstOrDefault(c => c.Accepted && c.Terms.Deadline > now)
            ?? contracts.FirstOrDefault(c => !c.Accepted && (c.DeadlineToAccept ?? c.Terms.Deadline) > now);
    }

    private int Remaining(string contractId, TradeSymbol good) =>
        context.Agent.TryGetContract(contractId, out var tracked) && tracked.Value is { } contract
            ? (contract.Terms.Deliver ?? []).Where(d => d.TradeSymbol == good).Sum(d => Math.Max(0, d.UnitsRequired - d.UnitsFulfilled))
            : 0;

    private string? NearestListing(TradeSymbol good, string here)
    {
        var origin = Position(here);
        return Purchasable
            .SelectMany(type => context.Markets.FindMarkets(System, good, type))
            .Select(m => m.WaypointSymbol)
            .Distinct()
            .OrderBy(symbol => _waypoints.FirstOrDefault(w => w.Symbol == symbol) is { } w ? FlightRules.Distance(origin.X, origin.Y, w.X, w.Y) : double.MaxValue)
            .ThenBy(symbol => symbol, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private WaypointPosition Position(string waypoint) =>
        _waypoints.FirstOrDefault(w => w.Symbol == waypoint) is { } known
            ? WaypointPosition.From(known)
            : WaypointPosition.From(_pilot.Ship.Current.Nav!.Route.Destination);

    private static long Payment(Contract contract) => (long)contract.Terms.Payment.OnAccepted + contract.Terms.Payment.OnFulfilled;
}
