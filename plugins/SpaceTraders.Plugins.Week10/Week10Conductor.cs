using System.Globalization;
using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Piloting;
using SpaceTraders.Sdk.State;

namespace SpaceTraders.Plugins.Week10;

/// <summary>
/// <c>week10</c>: plays a fresh agent for credits per request. Every ship with a hold trades along the best evaluated
/// trade routes (<c>trade-routes</c>); when no known route pays, a ship with a mining laser mines a few waste-aware
/// cycles (<c>extract-and-sell@week10</c>) and tries the routes again. Ships without a hold (the probe) tour the markets
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

    /// <summary>Gets the descriptor with the parameters and their defaults.</summary>
    public static StrategyDescriptor Descriptor { get; } = new(
        Id,
        "Week 10: trade along the best evaluated routes, mine waste-aware between routes, probes keep prices fresh; pause the lowest earners per request when requests saturate.",
        [
            new("mineCycles", ParameterType.Integer, "Mining cycles a ship flies when no trade route pays, before trying the routes again.", "1"),
            new("acceptStartingContract", ParameterType.Boolean, "Accept the starting contract for its advance.", "true"),
            new("retryAfter", ParameterType.Duration, "How long a ship with nothing to do waits before it is given work again.", "00:05:00"),
            new("saturationQueueWait", ParameterType.Duration, "Mean rate-limiter wait over the last minute above which requests count as saturated.", "00:00:01"),
            new("saturationDelayed", ParameterType.Number, "Share of the last minute's requests that waited above which requests count as saturated.", "0.1"),
            new("minimumSessionAge", ParameterType.Duration, "How long a session runs before its credits per request are trusted by the saturation control.", "00:05:00"),
        ]);

    /// <inheritdoc />
    public async Task RunAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Parameters;
        var mineCycles = parameters.GetInt32("mineCycles", 1);
        var retryAfter = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(5));
        var saturation = new SaturationControl(new SaturationOptions
        {
            QueueWaitThreshold = parameters.GetDuration("saturationQueueWait", TimeSpan.FromSeconds(1)),
            DelayedPerRequestThreshold = parameters.GetDouble("saturationDelayed", 0.1),
            MinimumSessionAge = parameters.GetDuration("minimumSessionAge", TimeSpan.FromMinutes(5)),
        });

        var hq = context.Agent.Agent.Value?.Headquarters
            ?? (await context.Client.Agents.GetMyAgentAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Headquarters;
        await MarketListings.EnsureLoadedAsync(context.Client, ShipPilot.SystemOf(hq), cancellationToken).ConfigureAwait(false);
        if (parameters.GetBoolean("acceptStartingContract", true))
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
                if (ship.State is not (FleetShipState.Unassigned or FleetShipState.Waiting) || ship.Session?.Outcome == "failed"
                    || !context.Agent.TryGetShip(ship.Symbol, out var tracked))
                {
                    continue;
                }

                var next = NextWork(ship, tracked, mineCycles);
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

                    next = Usual(tracked);
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
    /// What a ship back with the conductor does next: its usual work when it has none or its session completed; after a
    /// trade session that found no route, a ship with a laser mines a few cycles first. <see langword="null"/> when it
    /// should pause before its usual work (its session ended idle with nothing else to do).
    /// </summary>
    private static (StrategyRef Behaviour, StrategyParameters? Parameters)? NextWork(FleetShip ship, TrackedShip tracked, int mineCycles)
    {
        if (ship.State == FleetShipState.Unassigned || ship.Session?.Outcome == "completed")
        {
            return Usual(tracked);
        }

        var laser = YieldEstimate.LaserStrength(tracked.Current.Mounts) > 0;
        if (ship.Assignment?.Id == TradeRoutes.Id && laser && mineCycles > 0)
        {
            // No route paid: mine a little while the probes refresh the prices, then trade again.
            return (Miner, new StrategyParameters([new("cycles", mineCycles.ToString(CultureInfo.InvariantCulture))]));
        }

        return null;
    }

    /// <summary>A ship's usual work: a hold trades, anything else tours the markets.</summary>
    private static (StrategyRef Behaviour, StrategyParameters? Parameters) Usual(TrackedShip tracked) =>
        (tracked.Current.Cargo?.Capacity ?? 0) > 0 ? (Trader, null) : (Tourer, null);

    private static async Task AcceptStartingContractAsync(IConductorContext context, CancellationToken cancellationToken)
    {
        if (context.Agent.Contracts.Count == 0)
        {
            // A runtime plays the agent from its token: the registration's contract is not in this client's state yet.
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
}
