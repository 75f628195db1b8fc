using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Timing;

namespace SpaceTraders.Benchmarks.ThrottlingComparison.Workload;

/// <summary>
/// A drone that fills its hold at one site and sells it: a mining drone extracting at the engineered asteroid, or
/// a siphon drone siphoning at the gas giant. At the site: extract (or siphon), wait out the cooldown, again until
/// the hold is full. Then jettison what no market within a tank's flight of the site buys, fly to the markets that
/// buy the rest (the nearest buyer of each good, the nearest such market first), dock, sell, refuel when below half,
/// and fly back.
/// </summary>
public sealed class ExtractorPilot : ShipPilot
{
    private readonly Dictionary<TradeSymbol, string?> _buyers = [];

    /// <summary>Initializes a new instance of the <see cref="ExtractorPilot"/> class.</summary>
    /// <param name="context">The run.</param>
    /// <param name="ship">The drone as it was bought.</param>
    /// <param name="site">Where it extracts or siphons.</param>
    /// <param name="siphons">Whether it siphons (a gas giant) rather than extracts (an asteroid).</param>
    public ExtractorPilot(RunContext context, Ship ship, string site, bool siphons)
        : base(context, ship)
    {
        ArgumentException.ThrowIfNullOrEmpty(site);
        Site = site;
        Siphons = siphons;

        // A site without fuel (the gas giant) must be left with enough in the tank for the first market.
        FuelReserve = context.World.Traded.TryGetValue(site, out var traded) && traded.Contains(TradeSymbol.Fuel)
            ? 0
            : Math.Max(1, (int)Math.Round(context.World.Marketplaces.Min(m => context.World.Distance(site, m)), MidpointRounding.AwayFromZero));
    }

    /// <summary>Gets where the drone works.</summary>
    public string Site { get; }

    /// <summary>Gets a value indicating whether the drone siphons.</summary>
    public bool Siphons { get; }

    /// <summary>Gets the units this drone extracted or siphoned.</summary>
    public long UnitsExtracted { get; private set; }

    /// <summary>Gets how many of this drone's extractions found the asteroid unstable (halved yields).</summary>
    public int UnstableExtractions { get; private set; }

    /// <inheritdoc />
    /// <remarks>The nearest market within a tank's flight of the site that imports or exchanges the good; none: it jettisons the good.</remarks>
    public override string? BuyerOf(TradeSymbol good)
    {
        lock (_buyers)
        {
            if (!_buyers.TryGetValue(good, out var buyer))
            {
                buyer = Context.World.NearestBuyer(good, Site, FuelCapacity);
                _buyers[good] = buyer;
            }

            return buyer;
        }
    }

    /// <inheritdoc />
    protected override async Task LoopAsync(CancellationToken cancellationToken)
    {
        var fleet = Context.Client.Fleet;
        while (true)
        {
            await GoToAsync(Site, dock: false, cancellationToken).ConfigureAwait(false);
            while (CargoUnits < CargoCapacity)
            {
                await WaitUntilAsync(CooldownUntil, cancellationToken).ConfigureAwait(false);
                Cooldown cooldown;
                if (Siphons)
                {
                    var siphon = await fleet.SiphonResourcesAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Apply(siphon.Cargo);
                    UnitsExtracted += siphon.Siphon.Yield.Units;
                    cooldown = siphon.Cooldown;
                }
                else
                {
                    var extraction = await fleet.ExtractResourcesAsync(Symbol, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Apply(extraction.Cargo);
                    UnitsExtracted += extraction.Extraction.Yield.Units;
                    if (extraction.Modifiers?.Any(m => m.Symbol == WaypointModifierSymbol.Unstable) == true)
                    {
                        UnstableExtractions++;
                    }

                    cooldown = extraction.Cooldown;
                }

                CooldownUntil = cooldown.Expiration ?? Context.Clock.GetUtcNow().AddSeconds(cooldown.RemainingSeconds);
            }

            foreach (var (good, units) in Inventory.Where(i => BuyerOf(i.Good) is null).ToList())
            {
                await JettisonAsync(good, units, cancellationToken).ConfigureAwait(false);
            }

            while (Inventory.Select(i => BuyerOf(i.Good)).OfType<string>().Distinct(StringComparer.Ordinal)
                       .OrderBy(m => Context.World.Distance(Location, m)).ThenBy(m => m, StringComparer.Ordinal)
                       .FirstOrDefault() is { } market)
            {
                await GoToAsync(market, dock: true, cancellationToken).ConfigureAwait(false);
                foreach (var (good, _) in Inventory.Where(i => BuyerOf(i.Good) == market).ToList())
                {
                    await SellAsync(good, cancellationToken).ConfigureAwait(false);
                }

                await RefuelIfLowAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
