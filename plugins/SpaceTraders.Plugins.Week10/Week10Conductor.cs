using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Plugins.Piloting.V1;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.State;
using SaturationControl = SpaceTraders.Plugins.Piloting.V1.SaturationControl;
using SaturationOptions = SpaceTraders.Plugins.Piloting.V1.SaturationOptions;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// <c>week10</c>: plays a fresh agent for credits per request. Every ship with a hold alternates one contract
/// (<c>fulfill-contracts@week07</c>, reused by reference when loaded) with trading along the best evaluated trade routes
/// (<c>trade-routes</c>) until no route pays; while no contract can be sourced it only trades; when no
/// known route pays either, a ship with a mining laser mines <c>mineCycles</c> waste-aware cycles
/// (<c>extract-and-sell@week10</c>) or waits, and tries again. A miner starts by filling a free mounting point with a
/// laser when that pays (<c>upgrade@week07</c>). Ships without a hold (the probe) tour the markets
/// to keep the prices fresh (<c>tour-markets</c>). The starting contract is accepted for its advance. Saturation control
/// (<see cref="SaturationControl"/>) pauses the ships earning the fewest credits per request while requests saturate and
/// resumes them, best first, once capacity returns.
/// </summary>
internal sealed class Week10Conductor : IConductor
{
    /// <summary>The conductor's id.</summary>
    public const string Id = "week10";

    private static readonly StrategyRef Trader = new(TradeRoutes.Id, Week10Plugin.VersionLabel);
    private static readonly StrategyRef Miner = new(ExtractAndSell.Id, Week10Plugin.VersionLabel);
    private static readonly StrategyRef Tourer = new(TourMarkets.Id, Week10Plugin.VersionLabel);
    private const string FulfillContractsId = "fulfill-contracts";
    private static readonly StrategyRef Contracts = new(FulfillContractsId, "week07");

    private const string UpgradeId = "upgrade";
    private static readonly StrategyRef Upgrade = new(UpgradeId, "week07");

    private static readonly StrategyParameters OneContract = new([new("contracts", "1")]);

    private DateTimeOffset _contractsAfter = DateTimeOffset.MinValue;

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 10: trade along the best evaluated routes, mine waste-aware between routes, probes keep prices fresh; pause the lowest earners per request when requests saturate.",
        [
            new("mineCycles", ParameterType.Integer, "Mining cycles a ship flies when no trade route pays, before trying the routes again.", "1"),
            new("acceptStartingContract", ParameterType.Boolean, "Accept the starting contract for its advance.", "true"),
            new("contracts", ParameterType.Boolean, "Work a contract (fulfill-contracts@week07) when no trade route pays.", "true"),
            new("contractRetry", ParameterType.Duration, "How long after a contract could not be sourced before contracts are tried again.", "00:30:00"),
            new("upgrade", ParameterType.Boolean, "Let a miner first fill a free mounting point with a laser when that pays (upgrade@week07).", "true"),
            new("tourRefresh", ParameterType.Duration, "How old a market's prices get before a touring probe visits it again.", "00:45:00"),
            new("retryAfter", ParameterType.Duration, "How long a ship with nothing to do waits before it is given work again.", "00:05:00"),
            new("saturationQueueWait", ParameterType.Duration, "Mean rate-limiter wait over the last minute above which requests count as saturated.", "00:00:00.1"),
            new("saturationDelayed", ParameterType.Number, "Share of the last minute's requests that were delayed (waited over a second) above which requests count as saturated.", "0.1"),
            new("minimumSessionAge", ParameterType.Duration, "How long a session runs before its credits per request are trusted by the saturation control.", "00:05:00"),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var settings = new Settings(parameters);
        var retryAfter = settings.RetryAfter;
        var saturation = new SaturationControl(new SaturationOptions
        {
            QueueWaitThreshold = parameters.GetDuration("saturationQueueWait", TimeSpan.FromMilliseconds(100)),
            DelayedPerRequestThreshold = parameters.GetDouble("saturationDelayed", 0.1),
            MinimumSessionAge = parameters.GetDuration("minimumSessionAge", TimeSpan.FromMinutes(5)),
        });

        var hq = context.Agent.Agent.Value?.Headquarters
            ?? (await context.Client.Agents.GetMyAgentAsync(priority: EndpointPriorities.GetMyAgent, cancellationToken: cancellationToken).ConfigureAwait(false)).Headquarters;
        await MarketListings.EnsureLoadedAsync(context.Client, ShipPilot.SystemOf(hq), cancellationToken).ConfigureAwait(false);
        if (settings.AcceptStartingContract)
        {
            await AcceptStartingContractAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var retryAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = context.Clock.GetUtcNow();
            foreach (var ship in context.Ships)
            {
                // Paused ships are the saturation control's; a failed session is the runtime's to restart.
                if (ship.State is not (FleetShipState.Unassigned or FleetShipState.Waiting) || ship.Session?.Outcome == SessionOutcome.Failed
                    || !context.Agent.TryGetShip(ship.Symbol, out var tracked))
                {
                    continue;
                }

                var next = NextWork(context, ship, tracked, settings, now);
                if (next is null)
                {
                    // Nothing better to do right now: the ship gets its usual work again after a pause.
                    if (!retryAt.TryGetValue(ship.Symbol, out var at))
                    {
                        retryAt[ship.Symbol] = now + retryAfter;
                        continue;
                    }

                    if (at > now)
                    {
                        continue;
                    }

                    next = Usual(context, tracked, settings, now);
                }

                retryAt.Remove(ship.Symbol);
                context.Assign(ship.Symbol, next.Value.Behaviour, next.Value.Parameters);
            }

            var decision = saturation.Evaluate(context);
            foreach (var paused in decision.Paused)
            {
                context.Logger.LogInformation("Saturation: paused {Ship}.", paused);
            }

            foreach (var resumed in decision.Resumed)
            {
                context.Logger.LogInformation("Saturation eased: resumed {Ship}.", resumed);
            }

            var wake = TimeSpan.FromMinutes(1);
            foreach (var at in retryAt.Values)
            {
                wake = at - now < wake ? at - now : wake;
            }

            await context.WaitForFleetChangeAsync(wake > TimeSpan.Zero ? wake : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What a ship back with the conductor does next. A hold works contracts first (<c>fulfill-contracts@week07</c>, when
    /// loaded and not found unworkable lately); when none can be sourced it trades; when no route pays either, a ship with
    /// a laser mines <c>mineCycles</c> waste-aware cycles, or waits. <see langword="null"/> when it should pause before its
    /// usual work.
    /// </summary>
    private (StrategyRef Behaviour, StrategyParameters? Parameters)? NextWork(IConductorContext context, FleetShip ship, TrackedShip tracked, Settings settings, DateTimeOffset now)
    {
        var laser = YieldEstimate.LaserStrength(tracked.Current.Mounts) > 0;
        if (ship.State == FleetShipState.Unassigned)
        {
            // A miner first fills a free mounting point with a laser when that pays (upgrade@week07): contract goods are
            // often mined, and a second laser mines them faster.
            return laser && settings.Upgrade && context.Behaviours.Any(b => b.Reference == Upgrade) ? (Upgrade, null) : Usual(context, tracked, settings, now);
        }

        var completed = ship.Session?.Outcome == SessionOutcome.Completed;
        switch (ship.Assignment?.Id)
        {
            case UpgradeId:
                return Usual(context, tracked, settings, now);
            case FulfillContractsId:
                if (!completed)
                {
                    _contractsAfter = now + settings.ContractRetry;   // no contract could be sourced: trade meanwhile
                }

                return (Trader, null);   // after each contract, the trade routes whose prices recovered meanwhile
            case TradeRoutes.Id when !completed:
                if (ContractsOpen(context, settings, now))
                {
                    return (Contracts, OneContract);
                }

                return laser && settings.MineCycles > 0
                    ? (Miner, new StrategyParameters([new("cycles", settings.MineCycles.ToString(CultureInfo.InvariantCulture))]))
                    : null;
            default:
                return completed ? Usual(context, tracked, settings, now) : null;
        }
    }

    /// <summary>A ship's usual work: a hold works contracts when they are open, else trades; anything else tours the markets.</summary>
    private (StrategyRef Behaviour, StrategyParameters? Parameters) Usual(IConductorContext context, TrackedShip tracked, Settings settings, DateTimeOffset now) =>
        (tracked.Current.Cargo?.Capacity ?? 0) == 0 ? (Tourer, (StrategyParameters?)new StrategyParameters([new("refreshAfter", settings.TourRefresh.ToString("c", CultureInfo.InvariantCulture))]))
        : ContractsOpen(context, settings, now) ? (Contracts, OneContract)
        : (Trader, null);

    private bool ContractsOpen(IConductorContext context, Settings settings, DateTimeOffset now) =>
        settings.Contracts && now >= _contractsAfter && context.Behaviours.Any(b => b.Reference == Contracts);

    private static async Task AcceptStartingContractAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        if (context.Agent.Contracts.Count == 0)
        {
            // A runtime plays the agent from its token: the registration's contract is not in this client's state yet.
            await context.Client.Contracts.GetContractsAsync(priority: EndpointPriorities.GetContracts, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var tracked in context.Agent.Contracts)
        {
            if (tracked.Value is { Accepted: false, Fulfilled: false } contract)
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

    /// <summary>The conductor's parameters, read once.</summary>
    private sealed class Settings(StrategyParameters parameters)
    {
        public int MineCycles { get; } = parameters.GetInt32("mineCycles", 1);

        public bool AcceptStartingContract { get; } = parameters.GetBoolean("acceptStartingContract", true);

        public bool Contracts { get; } = parameters.GetBoolean("contracts", true);

        public TimeSpan ContractRetry { get; } = parameters.GetDuration("contractRetry", TimeSpan.FromMinutes(30));

        public bool Upgrade { get; } = parameters.GetBoolean("upgrade", true);

        public TimeSpan TourRefresh { get; } = parameters.GetDuration("tourRefresh", TimeSpan.FromMinutes(45));

        public TimeSpan RetryAfter { get; } = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(5));
    }
}
