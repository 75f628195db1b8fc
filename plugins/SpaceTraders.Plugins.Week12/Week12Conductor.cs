using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Week12.Behaviours;
using SpaceTraders.Plugins.Week12.Fleet;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Plugins.Week12;

/// <summary>
/// <c>week12</c>: plays a fresh agent the way strong players do, reinvesting until its requests fill the rate limit.
/// </summary>
/// <remarks>
/// <para>Roles by ship type: the command ship, shuttles and haulers trade (<c>trade</c>: one claimed trip per
/// session); mining drones mine the engineered asteroid and the asteroids next to a fuel market (<c>mine</c>), siphon
/// drones the gas giant (<c>siphon</c>), one cycle per session, selling where they fly without drifting except
/// <c>driftShare</c> of them at a time (so the drones never all drift off together and leave the request budget unused);
/// probes stand at the three shipyards (so ships can be bought there) and tour the markets (<c>scout</c>).</para>
/// <para>Buying: every ship type in <c>buyTypes</c> is measured over a rolling window (its ships' credits and
/// requests per hour, sampled from the runtime's session figures); its newest ships' credits per hour (a prior until
/// measured) estimate what one more would add. The type whose price pays back fastest is bought when that payback is
/// under <c>horizon</c> and the credits left cover the reserve and the traders' working capital, one purchase per
/// <c>purchaseGap</c>, at most <c>unmeasuredPerType</c> unmeasured ships per type. Once the fleet's requests reach
/// <c>saturationRpm</c> a minute, only types whose credits per request beat the fleet's are bought.</para>
/// <para>Saturation control (<see cref="SaturationControl"/>, judging ships by their completed sessions over
/// <c>saturationWindow</c>, probes and gate builders exempt) pauses the lowest earners per request while requests
/// queue, and resumes them when capacity returns.</para>
/// <para>The starting jump gate (<see cref="GateProject"/>, <c>gate</c> and <c>expand</c>): built by haulers bought for
/// it once the fleet's income covers the missing materials within <c>gateWithin</c>; once it works, probes price the
/// markets of the systems across it (<c>outpost</c>) and traders with no trade left at home trade through it
/// (<c>expand</c>).</para>
/// </remarks>
internal sealed partial class Week12Conductor : IConductor
{
    /// <summary>The conductor's id.</summary>
    public const string Id = "week12";

    private static readonly StrategyRef TradeRef = new(Trade.Id, Week12Plugin.VersionLabel);
    private static readonly StrategyRef MineRef = new(Extract.MineId, Week12Plugin.VersionLabel);
    private static readonly StrategyRef SiphonRef = new(Extract.SiphonId, Week12Plugin.VersionLabel);
    private static readonly StrategyRef ScoutRef = new(Scout.Id, Week12Plugin.VersionLabel);
    private static readonly TimeSpan ReviewEvery = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> _retryAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _scoutShares = new(StringComparer.Ordinal);

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 12: reinvest until requests fill the rate limit: claimed trade routes, mining and siphoning, scouts at the shipyards and on tours, ships bought by measured payback, saturation control on completed sessions.",
        Week12Settings.Descriptors);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = new Week12Settings(context.Parameters);
        var hq = context.Agent.Agent.Value?.Headquarters
            ?? (await context.Client.Agents.GetMyAgentAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Headquarters;
        var system = ShipPilot.SystemOf(hq);
        var world = await SystemMap.LoadAsync(context, system, hq, cancellationToken).ConfigureAwait(false);
        if (settings.AcceptStartingContract)
        {
            await AcceptStartingContractAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var gate = new GateProject(settings, world);
        var ledger = new FleetLedger(TimeSpan.FromTicks(Math.Max(settings.MeasureWindow.Ticks, settings.SaturationWindow.Ticks) * 2));
        var saturation = new SaturationControl(new SaturationOptions
        {
            QueueWaitThreshold = settings.SaturationQueueWait,
            DelayedPerRequestThreshold = settings.SaturationDelayed,
            ResumeBelowQueueWait = TimeSpan.FromTicks(settings.SaturationQueueWait.Ticks / 4),
            ResumeBelowDelayedPerRequest = settings.SaturationDelayed / 4,
            JudgeBy = SaturationJudgement.CompletedSessions,
            Window = settings.SaturationWindow,
            Exempt = ship => IsProbe(ship.ShipType) || gate.IsBuilder(ship.Symbol),
            MinimumRequestsPerMinute = settings.SaturationRequestsPerMinute,
            ResumeBelowRequestsPerMinute = settings.SaturationRequestsPerMinute - 8,
            MinimumRunning = 4,
        });
        var buyer = new Purchasing(settings, world) { NextReset = await NextResetAsync(context, cancellationToken).ConfigureAwait(false) };
        var found = context.Ships;
        if (Inherited(context, found))
        {
            // The runner restarted mid-game: take over what the previous conductor left before any ship is given work.
            await gate.ResumeAsync(context, found, cancellationToken).ConfigureAwait(false);
            KeepStations(context, found, world, gate);
        }

        var lastReview = DateTimeOffset.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = context.Clock.GetUtcNow();
            var ships = context.Ships;   // one snapshot per round: the runtime builds a new one on every read
            ledger.Observe(gate.StartedAt is null ? ships : [.. ships.Where(s => !gate.IsBuilder(s.Symbol))], now);   // builders only spend
            AssignIdleShips(context, ships, world, settings, gate, now);
            foreach (var paused in saturation.Evaluate(context).Paused)
            {
                LogPaused(context.Logger, paused);
            }

            if (now - lastReview >= ReviewEvery)
            {
                // Buying looks at the whole fleet's history: every half minute is plenty, and a fleet of a hundred
                // ships changes several times a second.
                lastReview = now;
                await gate.ReviewAsync(context, ships, ledger, cancellationToken).ConfigureAwait(false);
                await buyer.TryBuyAsync(context, ships, ledger, saturation.PausedShips.Count > 0, cancellationToken).ConfigureAwait(false);
            }

            await context.WaitForFleetChangeAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives every ship that waits for the conductor its role's next session.</summary>
    private void AssignIdleShips(IConductorContext context, IReadOnlyList<FleetShip> ships, SystemMap world, Week12Settings settings, GateProject gate, DateTimeOffset now)
    {
        foreach (var ship in ships)
        {
            if (ship.State is not (FleetShipState.Unassigned or FleetShipState.Waiting) || ship.Session?.Outcome == SessionOutcome.Failed
                || !context.Agent.TryGetShip(ship.Symbol, out var tracked) || tracked.IsScrapped)
            {
                continue;
            }

            if (ship.Session?.Outcome == SessionOutcome.Idle)
            {
                // Nothing to do last time: wait a little before the same work is tried again.
                if (!_retryAt.TryGetValue(ship.Symbol, out var at))
                {
                    _retryAt[ship.Symbol] = now + settings.RetryAfter;
                    continue;
                }

                if (at > now)
                {
                    continue;
                }
            }

            _retryAt.Remove(ship.Symbol);
            var (behaviour, parameters) = gate.RoleFor(ship, tracked) ?? Role(ships, world, settings, ship, tracked);
            context.Assign(ship.Symbol, behaviour, parameters);
        }
    }

    /// <summary>The behaviour a ship runs next, by its type.</summary>
    private (StrategyRef Behaviour, StrategyParameters? Parameters) Role(IReadOnlyList<FleetShip> ships, SystemMap world, Week12Settings settings, FleetShip ship, TrackedShip tracked)
    {
        var current = tracked.Current;
        if (IsProbe(ship.ShipType) || (current.Frame?.Symbol == ShipFrameSymbol.FrameProbe))
        {
            return (ScoutRef, ScoutParameters(ships, world, settings, ship.Symbol));
        }

        var mounts = current.Mounts ?? [];
        var cargo = current.Cargo?.Capacity ?? 0;
        if (ship.ShipType == "SHIP_SIPHON_DRONE" || (cargo > 0 && ship.ShipType != "SHIP_COMMAND_FRIGATE" && mounts.Any(m => m.Symbol.Value.StartsWith("MOUNT_GAS_SIPHON", StringComparison.Ordinal)) && !mounts.Any(m => m.Symbol.Value.StartsWith("MOUNT_MINING_LASER", StringComparison.Ordinal))))
        {
            return (SiphonRef, world.GasGiant is { } giant ? Parameters(("site", giant), ("driftSales", DriftSales(ships, settings))) : null);
        }

        if (ship.ShipType is "SHIP_MINING_DRONE" or "SHIP_ORE_HOUND")
        {
            return (MineRef, Parameters(("site", MiningSite(world, settings, ship.Symbol)), ("driftSales", DriftSales(ships, settings))));
        }

        return (TradeRef, null);
    }

    /// <summary>A probe's share: first the shipyards without a probe standing at them, then a sector of the markets.</summary>
    private StrategyParameters ScoutParameters(IReadOnlyList<FleetShip> ships, SystemMap world, Week12Settings settings, string ship)
    {
        if (_stations.TryGetValue(ship, out var kept))
        {
            return Parameters(("station", kept));
        }

        var alive = ships.Select(s => s.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _stations.Where(p => !alive.Contains(p.Key)).Select(p => p.Key).ToList())
        {
            _stations.Remove(gone);
        }

        var free = world.Shipyards.FirstOrDefault(y => !_stations.ContainsValue(y));
        if (free is not null)
        {
            _stations[ship] = free;
            return Parameters(("station", free));
        }

        if (!_scoutShares.TryGetValue(ship, out var share))
        {
            share = _scoutShares.Count;
            _scoutShares[ship] = share;
        }

        var sectors = Math.Max(1, Math.Min(settings.Scouts, _scoutShares.Count));
        var markets = world.MarketSector(share % sectors, sectors);
        return new StrategyParameters([new("markets", string.Join('|', markets))]);
    }

    /// <summary>
    /// Whether the conductor found a fleet another conductor played (the runner restarted): more ships than a new
    /// agent's two, or a hold with cargo in it.
    /// </summary>
    private static bool Inherited(IConductorContext context, IReadOnlyList<FleetShip> ships) =>
        ships.Count > 2 || context.Agent.Ships.Any(s => !s.IsScrapped && (s.Current.Cargo?.Units ?? 0) > 0);

    /// <summary>Keeps each probe found standing at a home shipyard no other probe holds there, instead of dealing the stations out anew.</summary>
    private void KeepStations(IConductorContext context, IReadOnlyList<FleetShip> ships, SystemMap world, GateProject gate)
    {
        foreach (var probe in ships.Where(s => IsProbe(s.ShipType) && !gate.IsOutpost(s.Symbol)).OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            if (context.Agent.TryGetShip(probe.Symbol, out var tracked) && tracked.Current.Nav is { } nav && nav.SystemSymbol == world.System
                && world.Shipyards.Contains(nav.WaypointSymbol) && !_stations.ContainsValue(nav.WaypointSymbol))
            {
                _stations[probe.Symbol] = nav.WaypointSymbol;
            }
        }
    }

    /// <summary>The asteroid a mining drone works: the least crowded of the sites near a fuel market, in order.</summary>
    private string MiningSite(SystemMap world, Week12Settings settings, string ship)
    {
        if (_sites.TryGetValue(ship, out var site))
        {
            return site;
        }

        var counts = world.MiningSites.ToDictionary(s => s, s => _sites.Values.Count(v => v == s), StringComparer.Ordinal);
        site = world.MiningSites.FirstOrDefault(s => counts[s] < settings.MinersPerSite)
            ?? world.MiningSites.OrderBy(s => counts[s]).ThenBy(s => s, StringComparer.Ordinal).FirstOrDefault()
            ?? string.Empty;
        _sites[ship] = site;
        return site;
    }

    /// <summary>The drones that may drift to a far market at a time: <c>driftShare</c> of the mining and siphon drones.</summary>
    private static string DriftSales(IReadOnlyList<FleetShip> ships, Week12Settings settings) =>
        ((int)(settings.DriftShare * ships.Count(s => s.ShipType is "SHIP_SIPHON_DRONE" or "SHIP_MINING_DRONE" or "SHIP_ORE_HOUND"))).ToString(CultureInfo.InvariantCulture);

    internal static bool IsProbe(string? shipType) => shipType == "SHIP_PROBE";

    private static StrategyParameters Parameters(params (string Name, string Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));

    /// <summary>When the server resets next, from the status endpoint; unknown when the status cannot be read.</summary>
    private static async Task<DateTimeOffset?> NextResetAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        try
        {
            var status = await context.Client.Global.GetStatusAsync(RequestPriority.Background, cancellationToken).ConfigureAwait(false);
            return DateTimeOffset.TryParse(status.ServerResets.Next, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var next) ? next : null;
        }
        catch (SpaceTradersApiException)
        {
            return null;
        }
    }

    private static async Task AcceptStartingContractAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        if (context.Agent.Contracts.Count == 0)
        {
            await context.Client.Contracts.GetContractsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var tracked in context.Agent.Contracts)
        {
            if (tracked.Value is { Accepted: false, Fulfilled: false } contract)
            {
                try
                {
                    await context.Client.Contracts.AcceptContractAsync(contract.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (SpaceTradersApiException error) when (error.ErrorCode is ErrorCodes.AcceptContractConflict or ErrorCodes.ContractDeadline)
                {
                    context.Logger.LogInformation("Contract {Contract} cannot be accepted: {Message}", contract.Id, error.ErrorMessage);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Saturation: paused {Ship}.")]
    private static partial void LogPaused(ILogger logger, string ship);
}
