using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// A light hauler on a trade route: dock at the exporter, read its market, buy a hold of the good while it costs
/// at least 10% less there than the importer last paid, fly to the importer, dock, sell it all, refuel when below
/// half, and go back. When the margin is gone it waits a minute for the prices to recover.
/// </summary>
/// <param name="context">The run.</param>
/// <param name="ship">The hauler as it was bought.</param>
/// <param name="route">Its route.</param>
public sealed class HaulerPilot(RunContext context, Ship ship, TradeRoute route) : ShipPilot(context, ship)
{
    private const double MinMargin = 0.1;
    private static readonly TimeSpan NoMarginPause = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public override string? BuyerOf(TradeSymbol good) => good == route.Good ? route.To : null;

    /// <inheritdoc />
    protected override async Task LoopAsync(CancellationToken cancellationToken)
    {
        var fleet = Context.Client.Fleet;
        var book = Context.Book;
        while (true)
        {
            if (CargoUnits == 0)
            {
                await GoToAsync(route.From, dock: true, cancellationToken).ConfigureAwait(false);
                await ReadMarketAsync(cancellationToken).ConfigureAwait(false);
                if (!book.TryGet(route.From, route.Good, out var offer))
                {
                    throw new InvalidOperationException($"{route.From} does not sell {route.Good}.");
                }

                if (!Worth(offer.PurchasePrice))
                {
                    await Context.Clock.DelayAsync(NoMarginPause, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                while (CargoUnits < CargoCapacity)
                {
                    var purchase = await fleet.PurchaseCargoAsync(Symbol, route.Good, Math.Min(offer.TradeVolume, CargoCapacity - CargoUnits), cancellationToken: cancellationToken).ConfigureAwait(false);
                    Apply(purchase.Cargo);
                    Earned -= purchase.Transaction.TotalPrice;
                    book.RecordPurchase(route.From, route.Good, purchase.Transaction.PricePerUnit);
                    if (!book.TryGet(route.From, route.Good, out offer) || !Worth(offer.PurchasePrice))
                    {
                        break;
                    }
                }
            }

            await GoToAsync(route.To, dock: true, cancellationToken).ConfigureAwait(false);
            foreach (var (good, _) in Inventory)
            {
                await SellAsync(good, cancellationToken).ConfigureAwait(false);
            }

            await RefuelIfLowAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether buying at <paramref name="purchasePrice"/> leaves the margin at the importer's last known price (unknown: yes).</summary>
    private bool Worth(int purchasePrice)
        => !Context.Book.TryGet(route.To, route.Good, out var bid) || purchasePrice <= (1 - MinMargin) * bid.SellPrice;
}
