using System.Globalization;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Week12;

/// <summary>The <c>week12</c> conductor's parameters, their defaults, and how they are read.</summary>
internal sealed class Week12Settings
{
    /// <summary>The ship types the conductor buys by payback, in the order ties are broken.</summary>
    public const string DefaultBuyTypes = "SHIP_LIGHT_SHUTTLE|SHIP_LIGHT_HAULER|SHIP_MINING_DRONE|SHIP_SIPHON_DRONE";

    /// <summary>Initializes a new instance of the <see cref="Week12Settings"/> class.</summary>
    /// <param name="parameters">The parameters, defaults filled in.</param>
    public Week12Settings(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Horizon = parameters.GetDuration("horizon", TimeSpan.FromHours(48));
        ResetShare = Math.Clamp(parameters.GetDouble("resetShare", 0.5), 0, 1);
        Reserve = parameters.GetInt32("reserve", 50_000);
        WorkingCapital = parameters.GetInt32("workingCapital", 40_000);
        MeasureWindow = parameters.GetDuration("measureWindow", TimeSpan.FromHours(1));
        PurchaseGap = parameters.GetDuration("purchaseGap", TimeSpan.FromMinutes(1));
        UnmeasuredPerType = Math.Max(1, parameters.GetInt32("unmeasuredPerType", 3));
        Scouts = Math.Max(0, parameters.GetInt32("scouts", 2));
        MinersPerSite = Math.Max(1, parameters.GetInt32("minersPerSite", 12));
        DriftShare = Math.Clamp(parameters.GetDouble("driftShare", 0.2), 0, 1);
        SaturationRequestsPerMinute = parameters.GetDouble("saturationRpm", 140);
        SaturationQueueWait = parameters.GetDuration("saturationQueueWait", TimeSpan.FromSeconds(2));
        SaturationDelayed = parameters.GetDouble("saturationDelayed", 0.5);
        SaturationWindow = parameters.GetDuration("saturationWindow", TimeSpan.FromHours(1));
        MaxShips = Math.Max(2, parameters.GetInt32("maxShips", 250));
        IdleLookback = parameters.GetDuration("idleLookback", TimeSpan.FromMinutes(30));
        RetryAfter = parameters.GetDuration("retryAfter", TimeSpan.FromMinutes(3));
        AcceptStartingContract = parameters.GetBoolean("acceptStartingContract", true);
        Gate = parameters.GetBoolean("gate", true);
        GateWithin = parameters.GetDuration("gateWithin", TimeSpan.FromHours(3));
        GateBuilders = Math.Max(1, parameters.GetInt32("gateBuilders", 2));
        GateMarkup = Math.Max(0, parameters.GetDouble("gateMarkup", 0.3));
        GateScouts = Math.Max(0, parameters.GetInt32("gateScouts", 2));
        Expand = parameters.GetBoolean("expand", true);
        BuyTypes = [.. (parameters.GetList("buyTypes") is { Count: > 0 } listed ? listed : DefaultBuyTypes.Split('|')).Select(t => t.Trim().ToUpperInvariant())];
        Priors = new Dictionary<string, (double Cph, double Rph)>(StringComparer.Ordinal)
        {
            ["SHIP_LIGHT_SHUTTLE"] = (parameters.GetDouble("shuttlePriorCph", 60_000), 150),
            ["SHIP_LIGHT_HAULER"] = (parameters.GetDouble("haulerPriorCph", 110_000), 150),
            ["SHIP_MINING_DRONE"] = (parameters.GetDouble("minerPriorCph", 6_000), 70),
            ["SHIP_SIPHON_DRONE"] = (parameters.GetDouble("siphonPriorCph", 5_000), 70),
        };
    }

    /// <summary>Gets the parameter descriptors, with their defaults.</summary>
    public static IReadOnlyList<ParameterDescriptor> Descriptors { get; } =
    [
        new("horizon", ParameterType.Duration, "Buy a ship only when its expected payback (price over the measured credits per hour of its type) is shorter than this.", "2.00:00:00"),
        new("resetShare", ParameterType.Number, "Buy a ship only when its expected payback is also shorter than this share of the time left until the server's next reset (from the status endpoint).", "0.5"),
        new("reserve", ParameterType.Integer, "Credits always kept back from ship purchases.", "50000"),
        new("workingCapital", ParameterType.Integer, "Credits kept back from ship purchases for each trader's cargo.", "40000"),
        new("measureWindow", ParameterType.Duration, "The rolling window a ship type's credits and requests per hour are measured over.", "01:00:00"),
        new("purchaseGap", ParameterType.Duration, "The least time between two ship purchases.", "00:01:00"),
        new("unmeasuredPerType", ParameterType.Integer, "Ships of one type bought before the newest of them have been measured for a whole window (or a quarter of the type's measured ships, when more).", "3"),
        new("scouts", ParameterType.Integer, "Probes that tour the markets, besides the three stationed at the shipyards.", "2"),
        new("minersPerSite", ParameterType.Integer, "Mining drones sent to one asteroid before the next asteroid is used.", "12"),
        new("driftShare", ParameterType.Number, "Share of the mining and siphon drones that may drift to a far market at a time when it scores best (a drift costs no request, but drones that all drift together leave the request budget unused for an hour); the others sell where they fly without drifting.", "0.2"),
        new("saturationRpm", ParameterType.Number, "Requests per minute from which the request budget counts as full: then only ships whose credits per request beat the fleet's are bought, and ships paused for saturation are resumed when requests fall 8 a minute below it.", "140"),
        new("saturationQueueWait", ParameterType.Duration, "Mean rate-limiter wait over the last minute above which saturation control pauses the lowest earners per request.", "00:00:02"),
        new("saturationDelayed", ParameterType.Number, "Share of the last minute's requests that waited above which saturation control pauses the lowest earners per request.", "0.5"),
        new("saturationWindow", ParameterType.Duration, "The window of completed sessions saturation control judges a ship's credits per request by.", "01:00:00"),
        new("maxShips", ParameterType.Integer, "The largest fleet the conductor buys.", "250"),
        new("idleLookback", ParameterType.Duration, "No trader is bought while some trader has found no trade worth making within this long.", "00:30:00"),
        new("retryAfter", ParameterType.Duration, "How long a ship that found nothing to do waits before it is given work again.", "00:03:00"),
        new("acceptStartingContract", ParameterType.Boolean, "Accept the starting contract for its advance.", "true"),
        new("gate", ParameterType.Boolean, "Build the starting jump gate when it pays (see gateWithin): haulers bought for it buy the materials under a price cap and supply them.", "true"),
        new("gateWithin", ParameterType.Duration, "Start building the gate once the fleet's measured income covers the missing materials' expected cost within this long.", "03:00:00"),
        new("gateBuilders", ParameterType.Integer, "Light haulers bought to build the gate (they trade once it is complete).", "2"),
        new("gateMarkup", ParameterType.Number, "Builders buy a material only while its price is at most this share above the recent low at that market (the build behaviour's lowFor: how long a low holds; lowCeiling: how far it may rise over the lowest price ever seen there).", "0.3"),
        new("gateScouts", ParameterType.Integer, "Probes bought, once the gate works, to keep the markets of the systems across it priced (one per system).", "2"),
        new("expand", ParameterType.Boolean, "Once the gate works, traders that find no trade at home trade through it (and probes price the markets across it).", "true"),
        new("buyTypes", ParameterType.List, "The ship types bought by payback.", DefaultBuyTypes),
        new("shuttlePriorCph", ParameterType.Number, "Credits per hour a light shuttle is assumed to earn until measured.", "60000"),
        new("haulerPriorCph", ParameterType.Number, "Credits per hour a light hauler is assumed to earn until measured.", "110000"),
        new("minerPriorCph", ParameterType.Number, "Credits per hour a mining drone is assumed to earn until measured.", "6000"),
        new("siphonPriorCph", ParameterType.Number, "Credits per hour a siphon drone is assumed to earn until measured.", "5000"),
    ];

    /// <summary>Gets the payback horizon.</summary>
    public TimeSpan Horizon { get; }

    /// <summary>Gets the share of the time left until the next server reset that a payback must also fit in.</summary>
    public double ResetShare { get; }

    /// <summary>Gets the credits always kept back.</summary>
    public long Reserve { get; }

    /// <summary>Gets the credits kept back per trader.</summary>
    public long WorkingCapital { get; }

    /// <summary>Gets the measurement window.</summary>
    public TimeSpan MeasureWindow { get; }

    /// <summary>Gets the least time between purchases.</summary>
    public TimeSpan PurchaseGap { get; }

    /// <summary>Gets the unmeasured ships allowed per type.</summary>
    public int UnmeasuredPerType { get; }

    /// <summary>Gets the touring scouts wanted.</summary>
    public int Scouts { get; }

    /// <summary>Gets the miners per asteroid.</summary>
    public int MinersPerSite { get; }

    /// <summary>Gets the share of the drones that may drift to sell at a time.</summary>
    public double DriftShare { get; }

    /// <summary>Gets the requests per minute that count as a full budget.</summary>
    public double SaturationRequestsPerMinute { get; }

    /// <summary>Gets saturation control's queue-wait threshold.</summary>
    public TimeSpan SaturationQueueWait { get; }

    /// <summary>Gets saturation control's delayed-share threshold.</summary>
    public double SaturationDelayed { get; }

    /// <summary>Gets saturation control's window.</summary>
    public TimeSpan SaturationWindow { get; }

    /// <summary>Gets the largest fleet.</summary>
    public int MaxShips { get; }

    /// <summary>Gets how far back a trader that found no trade stops the buying of traders.</summary>
    public TimeSpan IdleLookback { get; }

    /// <summary>Gets the retry pause.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Gets a value indicating whether the starting contract is accepted.</summary>
    public bool AcceptStartingContract { get; }

    /// <summary>Gets a value indicating whether the starting jump gate is built when it pays.</summary>
    public bool Gate { get; }

    /// <summary>Gets the time within which the fleet's income must cover the gate's missing materials for the build to start.</summary>
    public TimeSpan GateWithin { get; }

    /// <summary>Gets the haulers bought to build the gate.</summary>
    public int GateBuilders { get; }

    /// <summary>Gets the builders' price cap above the lowest recent price.</summary>
    public double GateMarkup { get; }

    /// <summary>Gets the probes bought for the systems across the gate.</summary>
    public int GateScouts { get; }

    /// <summary>Gets a value indicating whether the fleet trades through the gate once it works.</summary>
    public bool Expand { get; }

    /// <summary>Gets the types bought by payback.</summary>
    public IReadOnlyList<string> BuyTypes { get; }

    /// <summary>Gets each bought type's assumed credits and requests per hour until measured.</summary>
    public IReadOnlyDictionary<string, (double Cph, double Rph)> Priors { get; }

    /// <summary>Formats a duration as the parameters write it.</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
