using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Navigation;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Week07;

/// <summary>
/// <c>week07</c>, the recon conductor: plays a fresh agent. The command ship first fills its free mounting point with a
/// laser when that pays (<c>upgrade</c>), then works contracts (<c>fulfill-contracts</c>, which accepts the starting
/// contract); whenever no contract can be sourced it mines (<c>extract-and-transfer-or-sell@week04</c>) and tries the
/// contracts again every <c>contractRetry</c>. The starting probe tracks the shipyards' prices
/// (<c>monitor-shipyards</c>) and parks at the cheapest one for the next purchase; the conductor buys there: a surveyor
/// (<c>survey@week04</c>), and <c>explorers</c> probes for exploration (<c>explore</c>, then <c>watch-market@week02</c>).
/// With no explorer to buy (the default: a probe's price is not earned back by exploring within a day), the monitoring
/// probe itself explores once nothing is left to buy, then watches the market nearest to where it ended up.
/// </summary>
internal sealed class Week07Conductor : IConductor
{
    /// <summary>The conductor's id.</summary>
    public const string Id = "week07";

    private static readonly ShipType Surveyor = new("SHIP_SURVEYOR");
    private static readonly ShipType Probe = new("SHIP_PROBE");

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 7 recon: contracts (mining between them), a laser upgrade, shipyard prices, a surveyor, and a probe exploring the gate network.",
        [
            new("reserve", ParameterType.Integer, "Credits kept back when buying a ship.", "20000"),
            new("surveyors", ParameterType.Integer, "Dedicated surveyors to buy.", "1"),
            new("explorers", ParameterType.Integer, "Probes to buy for exploration; with 0 the monitoring probe explores once nothing is left to buy.", "0"),
            new("maxJumps", ParameterType.Integer, "The most jumps an explorer makes.", "2"),
            new("upgrade", ParameterType.Boolean, "Let the command ship install a laser in a free mounting point when it pays.", "true"),
            new("contractRetry", ParameterType.Duration, "How long the command ship mines before trying the contracts again.", "00:30:00"),
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
        var asteroid = MiningSites.Rank(waypoints, WaypointPosition.From(origin)).FirstOrDefault()?.Symbol;
        var yards = waypoints.Where(w => w.Traits.Any(t => t.Symbol == WaypointTraitSymbol.Shipyard)).ToList();

        // Which types the yards sell is public (their prices are not): a type no yard sells is never waited for.
        var sold = new HashSet<ShipType>();
        foreach (var yard in yards)
        {
            sold.UnionWith((await context.World.GetShipyardAsync(yard.Symbol, cancellationToken).ConfigureAwait(false)).ShipTypes.Select(t => t.Type));
        }

        var plan = new Roles(context, settings, asteroid);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var purchase = NextPurchase(plan, settings) is { } wanted && sold.Contains(wanted) ? wanted : (ShipType?)null;
            plan.Assign(purchase);
            if (purchase is { } type && await TryBuyAsync(context, plan.Monitor, yards, type, settings.Reserve, cancellationToken).ConfigureAwait(false) is { } bought)
            {
                plan.Bought(bought, type);
                continue;
            }

            await context.WaitForFleetChangeAsync(plan.NextWake(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ShipType? NextPurchase(Roles plan, Settings settings) =>
        plan.Count(Role.Surveyor) < settings.Surveyors ? Surveyor
        : plan.Count(Role.Explorer) < settings.Explorers ? Probe
        : (ShipType?)null;

    /// <summary>Buys at the cheapest known shipyard for the type, once the monitoring probe is parked there.</summary>
    private static async Task<string?> TryBuyAsync(IConductorContext context, string? monitor, IReadOnlyList<Waypoint> yards, ShipType type, int reserve, CancellationToken cancellationToken)
    {
        var cheapest = MonitorShipyards.Cheapest(context, yards, type);
        if (cheapest is null || monitor is null || !context.Agent.TryGetShip(monitor, out var probe) || probe.WaypointSymbol != cheapest || probe.IsInTransit)
        {
            return null;
        }

        var price = context.World.TryGetShipyard(cheapest, out var known) ? known.Ships?.FirstOrDefault(s => s.Type == type)?.PurchasePrice : null;
        if (price is null || (context.Agent.Agent.Value?.Credits ?? 0) < price + reserve)
        {
            return null;
        }

        try
        {
            var result = await context.Client.Fleet.PurchaseShipAsync(type, cheapest, priority: EndpointPriorities.PurchaseShip, cancellationToken: cancellationToken).ConfigureAwait(false);
            context.Logger.LogInformation("Bought {Ship} ({Type}) at {Yard}, the cheapest known, for {Price} credits.", result.Ship.Symbol, type, cheapest, result.Transaction.Price);
            context.World.Record(await context.Client.Systems.GetShipyardAsync(cheapest, priority: EndpointPriorities.GetShipyard, cancellationToken: cancellationToken).ConfigureAwait(false));
            context.Board.Post(MonitorShipyards.SeenPrefix + cheapest, context.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return result.Ship.Symbol;
        }
        catch (SpaceTradersApiException error) when (error.IsInsufficientCredits)
        {
            return null;
        }
    }

    /// <summary>The conductor's parameters, read once.</summary>
    private sealed class Settings(StrategyParameters parameters)
    {
        public int Reserve { get; } = parameters.GetInt32("reserve", 20000);

        public int Surveyors { get; } = parameters.GetInt32("surveyors", 1);

        public int Explorers { get; } = parameters.GetInt32("explorers", 0);

        public int MaxJumps { get; } = parameters.GetInt32("maxJumps", 2);

        public bool Upgrade { get; } = parameters.GetBoolean("upgrade", true);

        public TimeSpan ContractRetry { get; } = parameters.GetDuration("contractRetry", TimeSpan.FromMinutes(30));

        public TimeSpan RetryAfter { get; } = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(5));
    }

    /// <summary>Who does what, and what each runs next.</summary>
    private sealed class Roles(IConductorContext context, Settings settings, string? asteroid)
    {
        private static readonly StrategyRef Contracts = new(FulfillContracts.Id, Week07Plugin.VersionLabel);
        private static readonly StrategyRef Upgrade = new(UpgradeMounts.Id, Week07Plugin.VersionLabel);
        private static readonly StrategyRef Monitoring = new(MonitorShipyards.Id, Week07Plugin.VersionLabel);
        private static readonly StrategyRef Exploring = new(Explore.Id, Week07Plugin.VersionLabel);
        private static readonly StrategyRef Mining = new("extract-and-transfer-or-sell", "week04");
        private static readonly StrategyRef Surveying = new("survey", "week04");
        private static readonly StrategyRef Watching = new("watch-market", "week02");

        private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _retryAt = new(StringComparer.Ordinal);
        private readonly HashSet<string> _upgraded = new(StringComparer.Ordinal);
        private DateTimeOffset? _contractsAgainAt;
        private ShipType? _monitorFor;

        public string? Monitor => _roles.FirstOrDefault(r => r.Value == Role.Monitor).Key;

        public int Count(Role role) => _roles.Count(r => r.Value == role);

        public void Bought(string ship, ShipType type) => _roles[ship] = type == Surveyor ? Role.Surveyor : Role.Explorer;

        public TimeSpan NextWake()
        {
            var now = context.Clock.GetUtcNow();
            var wake = TimeSpan.FromMinutes(1);
            foreach (var at in _retryAt.Values.Append(_contractsAgainAt ?? DateTimeOffset.MaxValue))
            {
                if (at - now < wake)
                {
                    wake = at - now;
                }
            }

            return wake > TimeSpan.Zero ? wake : TimeSpan.FromSeconds(1);
        }

        public void Assign(ShipType? purchase)
        {
            var now = context.Clock.GetUtcNow();
            foreach (var ship in context.Ships)
            {
                if (!context.Agent.TryGetShip(ship.Symbol, out var tracked))
                {
                    continue;
                }

                var role = RoleOf(ship.Symbol, tracked);
                switch (role)
                {
                    case Role.Contractor:
                        AssignContractor(ship, now);
                        break;
                    case Role.Monitor when purchase is null && settings.Explorers == 0:
                        // Nothing left to buy and no explorer to buy: the monitoring probe becomes the explorer.
                        _roles[ship.Symbol] = Role.Explorer;
                        context.Assign(ship.Symbol, Exploring, ExploreParameters());
                        break;
                    case Role.Monitor:
                        var wanted = purchase ?? Probe;
                        if (NeedsWork(ship, now) || (ship.State == FleetShipState.Running && _monitorFor != wanted))
                        {
                            context.Assign(ship.Symbol, Monitoring, Parameters(("shipType", wanted.Value)));
                            _monitorFor = wanted;
                        }

                        break;
                    case Role.Surveyor when NeedsWork(ship, now) && asteroid is not null:
                        context.Assign(ship.Symbol, Surveying, Parameters(("asteroid", asteroid)));
                        break;
                    case Role.Explorer when NeedsWork(ship, now, immediately: ship.Assignment == Exploring && ship.Session?.Outcome == SessionOutcome.Completed):
                        // Explore once; afterwards the probe watches the market nearest to where it ended up.
                        context.Assign(ship.Symbol, ship.Assignment == Exploring || ship.Assignment == Watching ? Watching : Exploring,
                            ship.Assignment is null ? ExploreParameters() : null);
                        break;
                    case Role.Miner when NeedsWork(ship, now) && asteroid is not null:
                        context.Assign(ship.Symbol, Mining, Parameters(("asteroid", asteroid)));
                        break;
                }
            }
        }

        private void AssignContractor(FleetShip ship, DateTimeOffset now)
        {
            var ended = ship.State == FleetShipState.Waiting && ship.Session?.Outcome is SessionOutcome.Completed or SessionOutcome.Idle;
            if (ship.State == FleetShipState.Unassigned || (ended && ship.Assignment == Upgrade))
            {
                if (settings.Upgrade && _upgraded.Add(ship.Symbol))
                {
                    context.Assign(ship.Symbol, Upgrade);
                }
                else
                {
                    context.Assign(ship.Symbol, Contracts);
                }

                return;
            }

            if (ended && ship.Assignment == Contracts)
            {
                if (ship.Session?.Outcome == SessionOutcome.Completed)
                {
                    context.Assign(ship.Symbol, Contracts);
                    return;
                }

                // No contract can be sourced now: mine, and look at the contracts again later.
                context.Assign(ship.Symbol, Mining, asteroid is null ? null : Parameters(("asteroid", asteroid)));
                _contractsAgainAt = now + settings.ContractRetry;
                return;
            }

            if ((ship.Assignment == Mining && _contractsAgainAt is { } again && now >= again) || (ended && ship.Assignment == Mining))
            {
                _contractsAgainAt = null;
                context.Assign(ship.Symbol, Contracts);
            }
        }

        private Role RoleOf(string symbol, TrackedShip ship)
        {
            if (_roles.TryGetValue(symbol, out var role))
            {
                return role;
            }

            var mounts = ship.Current.Mounts ?? [];
            var laser = YieldEstimate.LaserStrength(mounts) > 0;
            var surveyor = mounts.Any(m => m.Symbol.Value.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal));
            role = ship.Current.Registration?.Role == ShipRole.Command ? Role.Contractor
                : laser ? Role.Miner
                : surveyor ? Role.Surveyor
                : Monitor is null ? Role.Monitor
                : Role.Explorer;
            _roles[symbol] = role;
            return role;
        }

        private bool NeedsWork(FleetShip ship, DateTimeOffset now, bool immediately = false)
        {
            if (ship.State == FleetShipState.Unassigned)
            {
                return true;
            }

            if (ship.State != FleetShipState.Waiting || ship.Session?.Outcome == SessionOutcome.Failed)
            {
                return false;
            }

            if (immediately)
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

        private StrategyParameters ExploreParameters() => Parameters(("maxJumps", settings.MaxJumps.ToString(CultureInfo.InvariantCulture)));

        private static StrategyParameters Parameters(params (string Name, string Value)[] values) =>
            new(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
    }

    /// <summary>What a ship does in the recon fleet.</summary>
    private enum Role
    {
        Contractor,
        Monitor,
        Explorer,
        Surveyor,
        Miner,
    }
}
