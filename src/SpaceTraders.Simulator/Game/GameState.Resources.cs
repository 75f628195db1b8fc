using System.Globalization;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>The outcome of an extraction or siphon.</summary>
internal sealed record YieldOutcome(string Symbol, int Units, IReadOnlyList<string> Modifiers, IReadOnlyList<ConditionEvent> Events);

/// <summary>The outcome of refining.</summary>
internal sealed record RefineOutcome(string Consumed, int ConsumedUnits, string Produced, int ProducedUnits);

/// <summary>
/// Extraction, surveys, siphoning, refining, jettison and transfers.
/// </summary>
/// <remarks>
/// <para>Yield: <c>max(1, round(S / 5 × u))</c> units with S the summed strength of the mining lasers (or gas
/// siphons) and u uniform in [1, 2); × 1.0 / 1.25 / 1.5 with a SMALL / MODERATE / LARGE survey; halved while the
/// waypoint is UNSTABLE; cut to the free cargo space. The good is drawn from the waypoint's deposits by weight, or
/// uniformly from the survey's deposit list (repeats count). Cooldown: <c>60 + 10 × power of the mounts used</c>.</para>
/// <para>Instability: each extraction adds 1 to a waypoint's heat, which halves every 10 minutes. An asteroid shows
/// CRITICAL_LIMIT from heat 100 and UNSTABLE from 144 (the steady state of 10 extractions a minute); an engineered
/// asteroid tolerates twice that.</para>
/// </remarks>
internal sealed partial class GameState
{
    private static readonly TimeSpan HeatHalfLife = TimeSpan.FromMinutes(10);
    private int _surveysSincePrune;

    /// <summary>Extracts resources at the ship's waypoint, optionally with a survey.</summary>
    public YieldOutcome Extract(Ship ship, Survey? survey, DateTimeOffset now)
    {
        EnsureInOrbit(ship, now);
        EnsureNoCooldown(ship, now);
        if (!ship.HasMount("MOUNT_MINING_LASER"))
        {
            throw GameErrors.ForShip(4243, ship, $"Ship {ship.Symbol} does not have a mining laser mount.");
        }

        if (!ship.HasModule("MODULE_MINERAL_PROCESSOR"))
        {
            throw GameErrors.ForShip(4242, ship, $"Ship {ship.Symbol} does not have a mineral processor module.");
        }

        var waypoint = ship.Location;
        if (waypoint.Type is not ("ASTEROID" or "ASTEROID_FIELD" or "ENGINEERED_ASTEROID") || waypoint.Deposits.IsEmpty)
        {
            throw GameErrors.AtWaypoint(4205, ship, $"Ship extract failed. Waypoint {waypoint.Symbol} has no minable deposits.");
        }

        if (survey is not null && survey.WaypointSymbol != waypoint.Symbol)
        {
            throw GameErrors.Survey(4270, 400, survey.Signature, waypoint.Symbol, $"Ship extract failed. Survey {survey.Signature} is for {survey.WaypointSymbol}, not {waypoint.Symbol}.");
        }

        if (ship.CargoSpace == 0)
        {
            throw GameErrors.CargoFull(ship, 1);
        }

        var heat = Heat(waypoint, now);
        var unstable = heat.Score >= InstabilityThreshold(waypoint);
        heat.Score += 1;
        var luck = LuckOf(ship);
        var good = survey is null ? waypoint.Deposits.Draw(luck)! : survey.Deposits[luck.Next(survey.Deposits.Length)];
        var units = YieldUnits(luck, ship.MountStrength("MOUNT_MINING_LASER"), survey is null ? 1.0 : Survey.YieldFactor(survey.Size), unstable, ship.CargoSpace);
        if (survey is not null)
        {
            survey.Extractions++;
        }

        ship.Cargo.Add(good, units);
        ship.StartCooldown(TravelRules.ActionCooldown(ship.MountPower("MOUNT_MINING_LASER")), now);
        var events = ConditionEvents.AfterExtraction(ship, luck);
        return new YieldOutcome(good, units, Modifiers(waypoint, now), events);
    }

    /// <summary>Checks a survey sent back by a client against the one the game issued.</summary>
    /// <returns>The issued survey.</returns>
    public Survey VerifySurvey(string signature, string symbol, IReadOnlyList<string> deposits, DateTimeOffset expiration, string size, DateTimeOffset now)
    {
        if (!_surveys.TryGetValue(signature, out var survey)
            || survey.WaypointSymbol != symbol
            || survey.Size != size
            || Math.Abs((survey.Expiration - expiration).TotalMilliseconds) >= 1
            || !survey.Deposits.AsSpan().SequenceEqual([.. deposits]))
        {
            throw GameErrors.Survey(4220, 400, signature, symbol, $"Ship survey failed. Survey {signature} is not a valid, unmodified survey.");
        }

        if (survey.Expiration <= now)
        {
            throw GameErrors.Survey(4221, 400, signature, symbol, $"Ship survey failed. Survey {signature} has expired.");
        }

        if (survey.IsExhausted)
        {
            throw GameErrors.Survey(4224, 409, signature, symbol, $"Ship extract failed. Survey {signature} has been exhausted.");
        }

        return survey;
    }

    /// <summary>Surveys the ship's waypoint: one survey per point of surveyor strength.</summary>
    public IReadOnlyList<Survey> CreateSurveys(Ship ship, DateTimeOffset now)
    {
        EnsureInOrbit(ship, now);
        EnsureNoCooldown(ship, now);
        if (!ship.HasMount("MOUNT_SURVEYOR"))
        {
            throw GameErrors.ForShip(4240, ship, $"Ship {ship.Symbol} does not have a surveyor mount.");
        }

        var waypoint = ship.Location;
        var detectable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in ship.Mounts)
        {
            if (mount.Symbol.StartsWith("MOUNT_SURVEYOR", StringComparison.Ordinal) && mount.Deposits is { } found)
            {
                detectable.UnionWith(found);
            }
        }

        var luck = LuckOf(ship);
        if (waypoint.Type is not ("ASTEROID" or "ASTEROID_FIELD" or "ENGINEERED_ASTEROID")
            || waypoint.Deposits.Draw(luck, detectable.Contains) is null)
        {
            throw GameErrors.AtWaypoint(4222, ship, $"Ship survey failed. Waypoint {waypoint.Symbol} has no deposits this ship can survey.");
        }

        var count = Math.Max(1, ship.MountStrength("MOUNT_SURVEYOR"));
        var surveys = new List<Survey>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = luck.NextDouble();
            var size = roll < 0.5 ? "SMALL" : roll < 0.85 ? "MODERATE" : "LARGE";
            var deposits = new string[3 + luck.Next(5)];
            for (var d = 0; d < deposits.Length; d++)
            {
                deposits[d] = waypoint.Deposits.Draw(luck, detectable.Contains)!;
            }

            var expiration = now.AddSeconds(900 + luck.Next(2700));
            expiration = new DateTimeOffset(expiration.UtcTicks - (expiration.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var signature = string.Create(CultureInfo.InvariantCulture, $"{waypoint.Symbol}-{Random.Next(0x1000000):X6}");
            while (_surveys.ContainsKey(signature))
            {
                signature = string.Create(CultureInfo.InvariantCulture, $"{waypoint.Symbol}-{Random.Next(0x1000000):X6}");
            }

            var survey = new Survey(signature, waypoint.Symbol, deposits, expiration, size);
            _surveys.Add(signature, survey);
            surveys.Add(survey);
        }

        PruneSurveys(now, count);
        ship.StartCooldown(TravelRules.ActionCooldown(ship.MountPower("MOUNT_SURVEYOR")), now);
        return surveys;
    }

    /// <summary>Siphons gas at a gas giant.</summary>
    public YieldOutcome Siphon(Ship ship, DateTimeOffset now)
    {
        EnsureInOrbit(ship, now);
        EnsureNoCooldown(ship, now);
        if (!ship.HasMount("MOUNT_GAS_SIPHON"))
        {
            throw GameErrors.ForShip(4258, ship, $"Ship {ship.Symbol} does not have a gas siphon mount.");
        }

        if (!ship.HasModule("MODULE_GAS_PROCESSOR"))
        {
            throw GameErrors.ForShip(4257, ship, $"Ship {ship.Symbol} does not have a gas processor module.");
        }

        var waypoint = ship.Location;
        if (waypoint.Type != "GAS_GIANT")
        {
            throw GameErrors.AtWaypoint(4259, ship, $"Ship siphon failed. Waypoint {waypoint.Symbol} is not a gas giant.");
        }

        if (ship.CargoSpace == 0)
        {
            throw GameErrors.CargoFull(ship, 1);
        }

        var luck = LuckOf(ship);
        var good = waypoint.Deposits.Draw(luck)!;
        var units = YieldUnits(luck, ship.MountStrength("MOUNT_GAS_SIPHON"), 1.0, false, ship.CargoSpace);
        ship.Cargo.Add(good, units);
        ship.StartCooldown(TravelRules.ActionCooldown(ship.MountPower("MOUNT_GAS_SIPHON")), now);
        return new YieldOutcome(good, units, [], ConditionEvents.AfterExtraction(ship, luck));
    }

    /// <summary>
    /// Refines with a refinery module: 20 ore into 10 metal (an ore refinery; 10 into 5 with a micro refinery), or
    /// 10 HYDROCARBON into 10 FUEL (a fuel refinery). Cooldown <c>60 + 10 × the refinery's power</c>.
    /// </summary>
    public RefineOutcome Refine(Ship ship, string? produce, DateTimeOffset now)
    {
        string[] metals = ["IRON", "COPPER", "SILVER", "GOLD", "ALUMINUM", "PLATINUM", "URANITE", "MERITIUM"];
        if (produce is null || (produce != "FUEL" && Array.IndexOf(metals, produce) < 0))
        {
            throw GameErrors.Invalid("produce", "produce must be one of IRON, COPPER, SILVER, GOLD, ALUMINUM, PLATINUM, URANITE, MERITIUM, FUEL.");
        }

        EnsureNotInTransit(ship, now);
        EnsureNoCooldown(ship, now);
        var refinery = produce == "FUEL"
            ? ship.Modules.Find(static m => m.Symbol == "MODULE_FUEL_REFINERY_I")
            : ship.Modules.Find(static m => m.Symbol is "MODULE_ORE_REFINERY_I" or "MODULE_MICRO_REFINERY_I");
        if (refinery is null)
        {
            throw GameErrors.ForShip(4239, ship, $"Ship {ship.Symbol} has no refinery module that can produce {produce}.");
        }

        var input = produce == "FUEL" ? "HYDROCARBON" : produce + "_ORE";
        var (consumed, produced) = produce == "FUEL" ? (10, 10) : refinery.Symbol == "MODULE_ORE_REFINERY_I" ? (20, 10) : (10, 5);
        if (ship.Cargo.UnitsOf(input) < consumed)
        {
            throw GameErrors.CargoMissing(ship, input, consumed);
        }

        ship.Cargo.Remove(input, consumed);
        ship.Cargo.Add(produce, produced);
        ship.StartCooldown(TravelRules.ActionCooldown(refinery.Requirements.Power ?? 0), now);
        return new RefineOutcome(input, consumed, produce, produced);
    }

    /// <summary>Jettisons cargo.</summary>
    public void Jettison(Ship ship, string? symbol, int? units, DateTimeOffset now)
    {
        var (good, count) = RequireGoodAndUnits(symbol, units, "symbol");
        EnsureNotInTransit(ship, now);
        if (ship.Cargo.UnitsOf(good) < count)
        {
            throw GameErrors.CargoMissing(ship, good, count);
        }

        ship.Cargo.Remove(good, count);
    }

    /// <summary>Moves cargo to another of the agent's ships at the same waypoint and in the same state.</summary>
    /// <returns>The receiving ship.</returns>
    public Ship Transfer(Ship ship, string? symbol, int? units, string? targetSymbol, DateTimeOffset now)
    {
        var (good, count) = RequireGoodAndUnits(symbol, units, "tradeSymbol");
        if (string.IsNullOrEmpty(targetSymbol))
        {
            throw GameErrors.Invalid("shipSymbol", "shipSymbol is required.");
        }

        EnsureNotInTransit(ship, now);
        var target = FindShip(targetSymbol) ?? throw GameErrors.Rule(4231, $"Transfer failed. Ship {targetSymbol} not found.", 404);
        target.Refresh(now);
        if (target.Owner != ship.Owner)
        {
            throw GameErrors.ForShip(4232, ship, $"Transfer failed. Ship {targetSymbol} belongs to another agent.");
        }

        if (target == ship)
        {
            throw GameErrors.ForShip(4233, ship, "Transfer failed. A ship cannot transfer cargo to itself.");
        }

        if (target.Location != ship.Location || target.Status == NavStatus.InTransit)
        {
            throw GameErrors.ForShip(4234, ship, $"Transfer failed. Ship {targetSymbol} is not at {ship.Location.Symbol}.");
        }

        if (target.Status != ship.Status)
        {
            throw GameErrors.ForShip(4271, ship, $"Transfer failed. Both ships must be docked or both in orbit.");
        }

        if (ship.Cargo.UnitsOf(good) < count)
        {
            throw GameErrors.CargoMissing(ship, good, count);
        }

        if (target.CargoSpace < count)
        {
            throw GameErrors.CargoFull(target, count);
        }

        ship.Cargo.Remove(good, count);
        target.Cargo.Add(good, count);
        return target;
    }

    /// <summary>Gets the modifiers a waypoint shows now (CRITICAL_LIMIT, UNSTABLE from heavy extraction).</summary>
    public IReadOnlyList<string> Modifiers(Waypoint waypoint, DateTimeOffset now)
    {
        if (!_heat.ContainsKey(waypoint.Symbol))
        {
            return waypoint.Modifiers;
        }

        var score = Heat(waypoint, now).Score;
        var threshold = InstabilityThreshold(waypoint);
        var list = new List<string>(waypoint.Modifiers);
        if (score >= threshold)
        {
            list.Add("UNSTABLE");
        }
        else if (score >= threshold * 100 / 144)
        {
            list.Add("CRITICAL_LIMIT");
        }

        return list;
    }

    private static (string Good, int Units) RequireGoodAndUnits(string? symbol, int? units, string field)
    {
        if (string.IsNullOrEmpty(symbol) || !TradeGoodCatalog.TryGet(symbol, out _))
        {
            throw GameErrors.Invalid(field, $"{field} must be a trade symbol; '{symbol}' is not one.");
        }

        if (units is not { } count || count < 1)
        {
            throw GameErrors.Invalid("units", "units must be a whole number of at least 1.");
        }

        return (symbol, count);
    }

    private static double InstabilityThreshold(Waypoint waypoint) => waypoint.Type == "ENGINEERED_ASTEROID" ? 288 : 144;

    private static int YieldUnits(Random luck, int strength, double factor, bool unstable, int space)
    {
        var units = Math.Max(1, TravelRules.Round(strength / 5.0 * (1 + luck.NextDouble()) * factor));
        if (unstable)
        {
            units = Math.Max(1, units / 2);
        }

        return Math.Min(units, space);
    }

    private ExtractionHeat Heat(Waypoint waypoint, DateTimeOffset now)
    {
        if (!_heat.TryGetValue(waypoint.Symbol, out var heat))
        {
            heat = new ExtractionHeat { LastUpdate = now };
            _heat.Add(waypoint.Symbol, heat);
        }

        var elapsed = now - heat.LastUpdate;
        if (elapsed > TimeSpan.Zero)
        {
            heat.Score *= Math.Pow(0.5, elapsed / HeatHalfLife);
            heat.LastUpdate = now;
        }

        return heat;
    }

    private void PruneSurveys(DateTimeOffset now, int added)
    {
        _surveysSincePrune += added;
        if (_surveysSincePrune < 5000)
        {
            return;
        }

        _surveysSincePrune = 0;
        var cutoff = now.AddHours(-6);
        List<string>? stale = null;
        foreach (var (signature, survey) in _surveys)
        {
            if (survey.Expiration < cutoff)
            {
                (stale ??= []).Add(signature);
            }
        }

        foreach (var signature in stale ?? [])
        {
            _surveys.Remove(signature);
        }
    }

    /// <summary>How hard a waypoint has been mined lately.</summary>
    private sealed class ExtractionHeat
    {
        public double Score { get; set; }

        public DateTimeOffset LastUpdate { get; set; }
    }
}
