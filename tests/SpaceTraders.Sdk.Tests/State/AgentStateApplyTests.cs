using Microsoft.Extensions.Time.Testing;
using SpaceTraders.Sdk.Caches;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.State;
using static SpaceTraders.Sdk.Tests.State.ShipData;

namespace SpaceTraders.Sdk.Tests.State;

/// <summary>One test per response shape: each merges exactly the parts it carries, and marks exactly those that changed.</summary>
[TestFixture]
public sealed class AgentStateApplyTests
{
    private const string Ship1 = "BADGER-1";

    private FakeTimeProvider _clock = null!;
    private MarketCache _markets = null!;
    private SurveyCache _surveys = null!;
    private AgentState _state = null!;
    private TrackedShip _ship = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _markets = new MarketCache(_clock);
        _surveys = new SurveyCache(_clock, _markets);
        _state = new AgentState(_clock, _markets, _surveys);
        _ship = _state.Apply(Ship());
        _state.Apply(Agent());
        _state.MarkClean(_state.GetChanges());
        Assert.That(_state.GetChanges().IsEmpty, Is.True, "set-up leaves everything clean");
    }

    [Test]
    public void Navigate_merges_nav_fuel_and_events()
    {
        var result = new NavigateShipResult
        {
            Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(57)),
            Fuel = Fuel(350, consumed: 50),
            Events = Events("ENGINE_WEAR"),
        };

        var ship = _state.Apply(Ship1, result);

        Assert.That(ship, Is.SameAs(_ship));
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Nav | ShipParts.Fuel));
        Assert.That(ship.Current.Nav, Is.SameAs(result.Nav));
        Assert.That(ship.Current.Fuel!.Current, Is.EqualTo(350));
        Assert.That(ship.Current.LastEvents.Select(e => e.Symbol.Value), Is.EqualTo(new[] { "ENGINE_WEAR" }));
    }

    [Test]
    public void Warp_merges_nav_and_fuel()
    {
        var ship = _state.Apply(Ship1, new WarpShipResult { Nav = InTransit("X1-DF55-A1", "X1-ZZ9-A1", Start.AddMinutes(9)), Fuel = Fuel(100), Events = [] });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Nav | ShipParts.Fuel));
        Assert.That(ship.Current.Nav!.WaypointSymbol, Is.EqualTo("X1-ZZ9-A1"));
    }

    [Test]
    public void Patch_nav_merges_nav_and_fuel()
    {
        var nav = DockedAt() with { FlightMode = ShipNavFlightMode.Drift };

        var ship = _state.Apply(Ship1, new PatchShipNavResult { Nav = nav, Fuel = Fuel(), Events = [] });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Nav), "the fuel was unchanged");
        Assert.That(ship.Current.Nav!.FlightMode, Is.EqualTo(ShipNavFlightMode.Drift));
    }

    [Test]
    public void Jump_merges_nav_cooldown_and_the_agent()
    {
        var result = new JumpShipResult
        {
            Nav = DockedAt("X1-ZZ9-I1") with { Status = ShipNavStatus.InOrbit },
            Cooldown = CooldownUntil(Start.AddSeconds(45), total: 45, remaining: 45),
            Transaction = Transaction("PURCHASE", "ANTIMATTER", 1, 8_000),
            Agent = Agent(167_000),
        };

        var ship = _state.Apply(Ship1, result);

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Nav | ShipParts.Cooldown));
        Assert.That(ship.CooldownRemaining, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(167_000));
        Assert.That(_state.Agent.IsDirty, Is.True);
    }

    [Test]
    public void Orbit_and_dock_merge_the_nav()
    {
        var orbit = _state.Apply(Ship1, new OrbitShipResult { Nav = DockedAt() with { Status = ShipNavStatus.InOrbit } });
        Assert.That(orbit.DirtyParts, Is.EqualTo(ShipParts.Nav));
        Assert.That(orbit.Status, Is.EqualTo(ShipNavStatus.InOrbit));

        var dock = _state.Apply(Ship1, new DockShipResult { Nav = DockedAt() });
        Assert.That(dock.Status, Is.EqualTo(ShipNavStatus.Docked));
        Assert.That(dock.Version, Is.EqualTo(3), "full ship v1, orbit v2, dock v3");
    }

    [Test]
    public void Extract_merges_cooldown_cargo_events_and_the_waypoint_modifiers()
    {
        var asteroid = _state.Apply(Waypoint("X1-DF55-A1", "ASTEROID"));
        asteroid.MarkClean(asteroid.Version);
        var result = new ExtractResourcesResult
        {
            Extraction = new Extraction { ShipSymbol = Ship1, Yield = new ExtractionYield { Symbol = "IRON_ORE", Units = 7 } },
            Cooldown = CooldownUntil(Start.AddSeconds(80), 80, 80),
            Cargo = Cargo(40, ("IRON_ORE", 17)),
            Modifiers = [new WaypointModifier { Symbol = "CRITICAL_LIMIT", Name = "Critical Limit", Description = "-" }],
            Events = Events("REACTOR_OVERLOAD"),
        };

        var ship = _state.Apply(Ship1, result);

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown | ShipParts.Cargo));
        Assert.That(ship.CargoUnitsOf("IRON_ORE"), Is.EqualTo(17));
        Assert.That(ship.Current.LastEvents, Has.Count.EqualTo(1));
        Assert.That(asteroid.Value!.Modifiers!.Select(m => m.Symbol.Value), Is.EqualTo(new[] { "CRITICAL_LIMIT" }));
        Assert.That(asteroid.IsDirty, Is.True);
    }

    [Test]
    public void Extract_with_survey_merges_cooldown_and_cargo()
    {
        var ship = _state.Apply(Ship1, new ExtractResourcesWithSurveyResult
        {
            Extraction = new Extraction { ShipSymbol = Ship1, Yield = new ExtractionYield { Symbol = "COPPER_ORE", Units = 5 } },
            Cooldown = CooldownUntil(Start.AddSeconds(80), 80, 80),
            Cargo = Cargo(40, ("IRON_ORE", 10), ("COPPER_ORE", 5)),
            Events = [],
        });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown | ShipParts.Cargo));
        Assert.That(ship.CargoFree, Is.EqualTo(25));
    }

    [Test]
    public void Siphon_merges_cooldown_and_cargo()
    {
        var ship = _state.Apply(Ship1, new SiphonResourcesResult
        {
            Siphon = new Siphon { ShipSymbol = Ship1, Yield = new SiphonYield { Symbol = "LIQUID_HYDROGEN", Units = 4 } },
            Cooldown = CooldownUntil(Start.AddSeconds(70)),
            Cargo = Cargo(40, ("IRON_ORE", 10), ("LIQUID_HYDROGEN", 4)),
            Events = [],
        });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown | ShipParts.Cargo));
    }

    [Test]
    public void Survey_merges_the_cooldown_and_feeds_the_survey_cache()
    {
        var survey = Survey("SIG-1", "X1-DF55-A1", Start.AddMinutes(20), "MODERATE", "IRON_ORE", "IRON_ORE", "COPPER_ORE");

        var ship = _state.Apply(Ship1, new CreateSurveyResult { Cooldown = CooldownUntil(Start.AddSeconds(70)), Surveys = [survey] });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown));
        Assert.That(_surveys.GetBest("X1-DF55-A1", SurveyGoal.ForGood("IRON_ORE")), Is.SameAs(survey));
    }

    [Test]
    public void Refine_merges_cargo_and_cooldown()
    {
        var ship = _state.Apply(Ship1, new RefineShipResult
        {
            Cargo = Cargo(40, ("IRON", 10)),
            Cooldown = CooldownUntil(Start.AddSeconds(60)),
            Produced = [new RefineShipItem { TradeSymbol = "IRON", Units = 10 }],
            Consumed = [new RefineShipItem { TradeSymbol = "IRON_ORE", Units = 10 }],
        });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cargo | ShipParts.Cooldown));
    }

    [Test]
    public void The_three_scans_merge_the_cooldown()
    {
        _state.Apply(Ship1, new CreateShipShipScanResult { Cooldown = CooldownUntil(Start.AddSeconds(60)), Ships = [] });
        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown));

        _state.Apply(Ship1, new CreateShipSystemScanResult { Cooldown = CooldownUntil(Start.AddSeconds(61)), Systems = [] });
        Assert.That(_ship.Current.Cooldown!.Expiration, Is.EqualTo(Start.AddSeconds(61)));

        _state.Apply(Ship1, new CreateShipWaypointScanResult { Cooldown = CooldownUntil(Start.AddSeconds(62)), Waypoints = [] });
        Assert.That(_ship.Current.Cooldown!.Expiration, Is.EqualTo(Start.AddSeconds(62)));
        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Cooldown));
    }

    [Test]
    public void Sell_and_purchase_merge_the_agent_and_cargo()
    {
        var sold = _state.Apply(Ship1, new SellCargoResult { Cargo = Cargo(40), Transaction = Transaction(), Agent = Agent(175_200) });
        Assert.That(sold.DirtyParts, Is.EqualTo(ShipParts.Cargo));
        Assert.That(sold.CargoFree, Is.EqualTo(40));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(175_200));

        var bought = _state.Apply(Ship1, new PurchaseCargoResult { Cargo = Cargo(40, ("FUEL", 5)), Transaction = Transaction("PURCHASE", "FUEL", 5, 70), Agent = Agent(174_850) });
        Assert.That(bought.CargoUnitsOf("FUEL"), Is.EqualTo(5));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(174_850));
        Assert.That(_state.Agent.Version, Is.EqualTo(3));
    }

    [Test]
    public void Refuel_merges_the_agent_fuel_and_the_cargo_when_it_came_from_the_hold()
    {
        var ship = _state.Apply(Ship1, new RefuelShipResult { Agent = Agent(174_000), Fuel = Fuel(400), Transaction = Transaction("PURCHASE", "FUEL", 1, 72) });
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.None), "the tank was already full, the hold untouched");
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(174_000));

        _state.Apply(Ship1, new NavigateShipResult { Nav = DockedAt(), Fuel = Fuel(100), Events = [] });
        _ship.MarkClean(_ship.GetChanges()!);
        _state.Apply(Ship1, new RefuelShipResult { Agent = Agent(174_000), Fuel = Fuel(200), Cargo = Cargo(40), Transaction = Transaction("PURCHASE", "FUEL", 1, 0) });
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Fuel | ShipParts.Cargo));
    }

    [Test]
    public void Transfer_merges_the_cargo_of_both_ships()
    {
        var other = _state.Apply(Ship("BADGER-2"));
        other.MarkClean(other.GetChanges()!);

        _state.Apply(Ship1, "BADGER-2", new TransferCargoResult { Cargo = Cargo(40), TargetCargo = Cargo(40, ("IRON_ORE", 20)) });

        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Cargo));
        Assert.That(other.DirtyParts, Is.EqualTo(ShipParts.Cargo));
        Assert.That(other.CargoUnitsOf("IRON_ORE"), Is.EqualTo(20));
    }

    [Test]
    public void Jettison_merges_the_cargo()
    {
        var ship = _state.Apply(Ship1, new JettisonCargoResult { Cargo = Cargo(40, ("IRON_ORE", 4)) });

        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.Cargo));
        Assert.That(ship.CargoUnitsOf("IRON_ORE"), Is.EqualTo(4));
    }

    [Test]
    public void Installing_and_removing_mounts_merge_the_agent_mounts_and_cargo()
    {
        var fewer = Mounts().Take(1).ToArray();
        var modification = new ShipModificationTransaction { WaypointSymbol = "X1-DF55-A1", ShipSymbol = Ship1, TradeSymbol = "MOUNT_SURVEYOR_I", TotalPrice = 100, Timestamp = Start };

        var removed = _state.Apply(Ship1, new RemoveMountResult { Agent = Agent(174_900), Mounts = fewer, Cargo = Cargo(40, ("IRON_ORE", 10), ("MOUNT_SURVEYOR_I", 1)), Transaction = modification });
        Assert.That(removed.DirtyParts, Is.EqualTo(ShipParts.Mounts | ShipParts.Cargo));
        Assert.That(removed.Current.Mounts, Has.Count.EqualTo(1));

        _ship.MarkClean(_ship.GetChanges()!);
        var installed = _state.Apply(Ship1, new InstallMountResult { Agent = Agent(174_800), Mounts = Mounts(), Cargo = Cargo(40, ("IRON_ORE", 10)), Transaction = modification });
        Assert.That(installed.DirtyParts, Is.EqualTo(ShipParts.Mounts | ShipParts.Cargo));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(174_800));
    }

    [Test]
    public void Installing_and_removing_modules_merge_the_agent_modules_and_cargo()
    {
        var modification = new ShipModificationTransaction { WaypointSymbol = "X1-DF55-A1", ShipSymbol = Ship1, TradeSymbol = "MODULE_CARGO_HOLD_I", TotalPrice = 100, Timestamp = Start };

        var removed = _state.Apply(Ship1, new RemoveShipModuleResult { Agent = Agent(174_900), Modules = Modules().Skip(1).ToArray(), Cargo = Cargo(10, ("IRON_ORE", 10)), Transaction = modification });
        Assert.That(removed.DirtyParts, Is.EqualTo(ShipParts.Modules | ShipParts.Cargo));
        Assert.That(removed.CargoFree, Is.Zero);

        _ship.MarkClean(_ship.GetChanges()!);
        _state.Apply(Ship1, new InstallShipModuleResult { Agent = Agent(174_800), Modules = Modules(), Cargo = Cargo(40, ("IRON_ORE", 10)), Transaction = modification });
        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Modules | ShipParts.Cargo));
    }

    [Test]
    public void Repair_merges_the_whole_ship_and_the_agent()
    {
        var worn = Ship() with { Frame = Frame(condition: 0.6) };
        _state.Apply(worn);
        _ship.MarkClean(_ship.GetChanges()!);

        _state.Apply(Ship1, new RepairShipResult
        {
            Agent = Agent(170_000),
            Ship = Ship(),
            Transaction = new RepairTransaction { WaypointSymbol = "X1-DF55-A1", ShipSymbol = Ship1, TotalPrice = 5_000, Timestamp = Start },
        });

        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Frame));
        Assert.That(_ship.Current.Frame!.Condition, Is.EqualTo(1.0));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(170_000));
    }

    [Test]
    public void Scrap_stops_tracking_the_ship_and_reports_it_until_the_store_acknowledges()
    {
        var scrapped = _state.Apply(Ship1, new ScrapShipResult
        {
            Agent = Agent(180_000, ships: 1),
            Transaction = new ScrapTransaction { WaypointSymbol = "X1-DF55-A1", ShipSymbol = Ship1, TotalPrice = 5_000, Timestamp = Start },
        });

        Assert.That(scrapped, Is.True);
        Assert.That(_ship.IsScrapped, Is.True);
        Assert.That(_state.TryGetShip(Ship1, out _), Is.False);
        var changes = _state.GetChanges();
        Assert.That(changes.ScrappedShips, Is.EqualTo(new[] { Ship1 }));
        Assert.That(changes.Agent!.Value.ShipCount, Is.EqualTo(1));

        _state.MarkClean(changes);
        Assert.That(_state.GetChanges().IsEmpty, Is.True);
    }

    [Test]
    public void Purchasing_a_ship_tracks_a_new_ship_with_every_part_dirty()
    {
        var result = new PurchaseShipResult
        {
            Ship = Ship("BADGER-3"),
            Agent = Agent(90_000, ships: 3),
            Transaction = new ShipyardTransaction { WaypointSymbol = "X1-DF55-A1", ShipType = "SHIP_MINING_DRONE", Price = 85_000, AgentSymbol = "BADGER", Timestamp = Start },
        };

        var ship = _state.Apply(result);

        Assert.That(ship.Symbol, Is.EqualTo("BADGER-3"));
        Assert.That(ship.DirtyParts, Is.EqualTo(ShipParts.All));
        Assert.That(ship.Current.IsComplete, Is.True);
        Assert.That(ship.Current.ToShip(), Is.Not.Null);
        Assert.That(_state.Ships.Select(s => s.Symbol), Is.EqualTo(new[] { "BADGER-1", "BADGER-3" }));
        Assert.That(_state.Agent.Value!.ShipCount, Is.EqualTo(3));
    }

    [Test]
    public void Negotiating_accepting_delivering_and_fulfilling_track_the_contract()
    {
        var negotiated = _state.Apply(Ship1, new NegotiateContractResult { Contract = Contract("c-9") });
        Assert.That(negotiated.Version, Is.EqualTo(1));
        Assert.That(_ship.IsDirty, Is.False, "negotiating does not change the ship");

        var accepted = _state.Apply(new AcceptContractResult { Contract = Contract("c-9", accepted: true), Agent = Agent(185_000) });
        Assert.That(accepted, Is.SameAs(negotiated));
        Assert.That(accepted.Value!.Accepted, Is.True);
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(185_000));

        _state.Apply(Ship1, new DeliverContractResult { Contract = Contract("c-9", accepted: true, fulfilled: 10), Cargo = Cargo(40) });
        Assert.That(accepted.Value!.Terms.Deliver![0].UnitsFulfilled, Is.EqualTo(10));
        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Cargo));

        _state.Apply(new FulfillContractResult { Contract = Contract("c-9", accepted: true, fulfilled: 60) with { Fulfilled = true }, Agent = Agent(225_000) });
        Assert.That(accepted.Value!.Fulfilled, Is.True);
        Assert.That(accepted.Version, Is.EqualTo(4));
    }

    [Test]
    public void Registering_tracks_the_agent_the_starting_contract_and_ships()
    {
        var state = new AgentState(_clock);

        state.Apply(new RegisterResult
        {
            Token = "not-a-real-token",
            Agent = Agent(),
            Faction = new Faction { Symbol = "COSMIC", Name = "Cosmic", Description = "-", Traits = [], IsRecruiting = true },
            Contract = Contract(),
            Ships = [Ship("BADGER-1"), Ship("BADGER-2")],
        });

        Assert.That(state.Agent.Value, Is.EqualTo(Agent()));
        Assert.That(state.TryGetContract("c-1", out _), Is.True);
        Assert.That(state.Ships.Select(s => s.Symbol), Is.EqualTo(new[] { "BADGER-1", "BADGER-2" }));
    }

    [Test]
    public void Charting_merges_the_agent_and_the_waypoint()
    {
        var charted = Waypoint() with { Chart = new Chart { WaypointSymbol = "X1-DF55-C3", SubmittedBy = "BADGER", SubmittedOn = Start } };

        var waypoint = _state.Apply(new CreateChartResult
        {
            Chart = charted.Chart!,
            Waypoint = charted,
            Transaction = new ChartTransaction { WaypointSymbol = "X1-DF55-C3", ShipSymbol = Ship1, TotalPrice = 1_000, Timestamp = Start },
            Agent = Agent(176_000),
        });

        Assert.That(waypoint.Value!.Chart!.SubmittedBy, Is.EqualTo("BADGER"));
        Assert.That(_state.Agent.Value!.Credits, Is.EqualTo(176_000));
    }

    [Test]
    public void Supplying_a_construction_site_merges_the_cargo()
    {
        _state.Apply(Ship1, new SupplyConstructionResult
        {
            Construction = new Construction { Symbol = "X1-DF55-I1", Materials = [new ConstructionMaterial { TradeSymbol = "FAB_MATS", Required = 100, Fulfilled = 10 }], IsComplete = false },
            Cargo = Cargo(40),
        });

        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Cargo));
    }

    [Test]
    public void Part_refreshes_merge_their_part()
    {
        _state.Apply(Ship1, DockedAt() with { Status = ShipNavStatus.InOrbit });
        _state.Apply(Ship1, Cargo(40));
        _state.Apply(Ship1, Mounts().Take(1).ToArray());
        _state.Apply(Ship1, Modules().Take(1).ToArray());
        _state.Apply(Ship1, CooldownUntil(Start.AddSeconds(30)));

        Assert.That(_ship.DirtyParts, Is.EqualTo(ShipParts.Nav | ShipParts.Cargo | ShipParts.Mounts | ShipParts.Modules | ShipParts.Cooldown));
        Assert.That(_ship.IsOnCooldown, Is.True);

        // GET cooldown answers 204 once the cooldown is over: null means "none running".
        _clock.Advance(TimeSpan.FromSeconds(31));
        _ship.MarkClean(_ship.GetChanges()!);
        _state.Apply(Ship1, (Cooldown?)null);
        Assert.That(_ship.IsDirty, Is.False, "an expired cooldown and no cooldown are the same");
        Assert.That(_ship.IsOnCooldown, Is.False);
    }

    [Test]
    public void Agent_contract_and_ship_list_refreshes_are_merged()
    {
        _state.Apply(Agent(1));
        _state.Apply([Contract("c-1"), Contract("c-2")]);
        _state.Apply([Ship("BADGER-1"), Ship("BADGER-2")]);

        var changes = _state.GetChanges();
        Assert.That(changes.Agent!.Value.Credits, Is.EqualTo(1));
        Assert.That(changes.Contracts.Select(c => c.Key), Is.EqualTo(new[] { "c-1", "c-2" }));
        Assert.That(changes.Ships.Select(s => s.ShipSymbol), Is.EqualTo(new[] { "BADGER-2" }), "BADGER-1 came back unchanged");
    }

    [Test]
    public void A_market_keeps_its_prices_when_seen_without_a_ship_and_is_recorded_into_the_market_cache()
    {
        var priced = Market("X1-DF55-A1", [TradeGood("IRON_ORE", "IMPORT", 30, 25)], ("IRON_ORE", "IMPORT"));
        var tracked = _state.Apply(priced);
        tracked.MarkClean(tracked.Version);

        _clock.Advance(TimeSpan.FromMinutes(5));
        _state.Apply(Market("X1-DF55-A1", null, ("IRON_ORE", "IMPORT")));

        Assert.That(tracked.IsDirty, Is.False, "the listing is the same and the prices were kept");
        Assert.That(tracked.Value!.TradeGoods, Has.Count.EqualTo(1));
        Assert.That(tracked.ObservedAt, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(tracked.ChangedAt, Is.EqualTo(Start));
        Assert.That(_markets.TryGet("X1-DF55-A1", out var cached), Is.True);
        Assert.That(cached!.GetGood("IRON_ORE")!.SellPrice, Is.EqualTo(25));
        Assert.That(cached.ListedAt, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(cached.PricesObservedAt, Is.EqualTo(Start));
    }

    /// <summary>
    /// The siblings of the hold compared without order: a market, waypoint or contract received again with its
    /// order-free lists in another order is the same value: no new version, nothing dirty, the held value kept, no
    /// change event. A real change still counts.
    /// </summary>
    [TestCaseSource(nameof(ValuesListedInAnotherOrder))]
    public void The_same_value_listed_in_another_order_marks_nothing(Action<AgentState, FakeTimeProvider> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        check(_state, _clock);
    }

    [Test]
    public void Waypoints_are_tracked_and_an_identical_refresh_marks_nothing()
    {
        _state.Apply([Waypoint("X1-DF55-C3"), Waypoint("X1-DF55-C4")]);
        var c3 = _state.Waypoints[0];
        c3.MarkClean(c3.Version);

        _state.Apply(Waypoint("X1-DF55-C3"));
        Assert.That(c3.IsDirty, Is.False);

        _state.Apply(Waypoint("X1-DF55-C3", "ASTEROID", 10, -20, "UNSTABLE"));
        Assert.That(c3.IsDirty, Is.True);
        Assert.That(c3.Version, Is.EqualTo(2));
    }

    [Test]
    public void An_action_of_a_ship_never_fetched_tracks_the_parts_it_carried()
    {
        var ship = _state.Apply("BADGER-9", new NavigateShipResult { Nav = InTransit("X1-DF55-A1", "X1-DF55-B2", Start.AddSeconds(60)), Fuel = Fuel(10, 100), Events = [] });

        Assert.That(ship.Current.KnownParts, Is.EqualTo(ShipParts.Nav | ShipParts.Fuel));
        Assert.That(ship.Current.IsComplete, Is.False);
        Assert.That(ship.Current.ToShip(), Is.Null);
        Assert.That(ship.IsInTransit, Is.True);
        Assert.That(() => ship.TravelTimeTo(new("X1-DF55-A1", "X1-DF55", 0, 0)), Throws.InvalidOperationException.With.Message.Contains("engine"));

        _state.Apply(Ship("BADGER-9"));
        Assert.That(ship.Current.IsComplete, Is.True);
    }

    private static IEnumerable<TestCaseData> ValuesListedInAnotherOrder()
    {
        var iron = TradeGood("IRON_ORE", "IMPORT", 30, 25);
        var fuel = TradeGood("FUEL", "EXCHANGE", 70, 68);
        var food = TradeGood("FOOD", "EXPORT", 40, 35);
        var buy = Transaction("PURCHASE", "FUEL", 10, 70);
        var sell = Transaction("SELL", "IRON_ORE", 5, 25);
        var reordered = Market("X1-DF55-A1", [food, iron, fuel], ("COPPER_ORE", "IMPORT"), ("IRON_ORE", "IMPORT"), ("FOOD", "EXPORT"), ("WATER", "EXCHANGE"), ("FUEL", "EXCHANGE")) with { Transactions = [sell, buy] };
        yield return Reordering(
            "market goods, listing and transactions",
            static (state, market) => state.Apply(market),
            Market("X1-DF55-A1", [iron, fuel, food], ("IRON_ORE", "IMPORT"), ("COPPER_ORE", "IMPORT"), ("FOOD", "EXPORT"), ("FUEL", "EXCHANGE"), ("WATER", "EXCHANGE")) with { Transactions = [buy, sell] },
            reordered,
            reordered with { TradeGoods = [food, iron, fuel with { SellPrice = 69 }] });

        var metal = new WaypointTrait { Symbol = "COMMON_METAL_DEPOSITS", Name = "Common Metal Deposits", Description = "-" };
        var ice = new WaypointTrait { Symbol = "ICE_CRYSTALS", Name = "Ice Crystals", Description = "-" };
        var field = new WaypointTrait { Symbol = "MINERAL_DEPOSITS", Name = "Mineral Deposits", Description = "-" };
        yield return Reordering(
            "waypoint traits",
            static (state, waypoint) => state.Apply(waypoint),
            Waypoint() with { Traits = [metal, ice, field] },
            Waypoint() with { Traits = [field, metal, ice] },
            Waypoint() with { Traits = [field, metal] });
        yield return Reordering(
            "waypoint orbitals",
            static (state, waypoint) => state.Apply(waypoint),
            Waypoint() with { Orbitals = [new() { Symbol = "X1-DF55-C5" }, new() { Symbol = "X1-DF55-C6" }] },
            Waypoint() with { Orbitals = [new() { Symbol = "X1-DF55-C6" }, new() { Symbol = "X1-DF55-C5" }] },
            Waypoint() with { Orbitals = [new() { Symbol = "X1-DF55-C6" }] });
        yield return Reordering(
            "waypoint modifiers",
            static (state, waypoint) => state.Apply(waypoint),
            Waypoint(modifiers: ["UNSTABLE", "RADIATION_LEAK", "STRIPPED"]),
            Waypoint(modifiers: ["STRIPPED", "UNSTABLE", "RADIATION_LEAK"]),
            Waypoint(modifiers: ["STRIPPED", "UNSTABLE"]));

        var ore = new ContractDeliverGood { TradeSymbol = "IRON_ORE", DestinationSymbol = "X1-DF55-B2", UnitsRequired = 60, UnitsFulfilled = 0 };
        var copper = new ContractDeliverGood { TradeSymbol = "COPPER_ORE", DestinationSymbol = "X1-DF55-B2", UnitsRequired = 40, UnitsFulfilled = 10 };
        var contract = Contract(accepted: true);
        yield return Reordering(
            "contract deliver terms",
            static (state, value) => state.Apply(value),
            contract with { Terms = contract.Terms with { Deliver = [ore, copper] } },
            contract with { Terms = contract.Terms with { Deliver = [copper, ore] } },
            contract with { Terms = contract.Terms with { Deliver = [copper with { UnitsFulfilled = 20 }, ore] } });
    }

    /// <summary>A case of <see cref="The_same_value_listed_in_another_order_marks_nothing"/>: one value received three times.</summary>
    private static TestCaseData Reordering<T>(string lists, Func<AgentState, T, TrackedValue<T>> apply, T first, T reordered, T changed)
        where T : class
    {
        void Check(AgentState state, FakeTimeProvider clock)
        {
            var tracked = apply(state, first);
            tracked.MarkClean(tracked.Version);
            var version = tracked.Version;
            var held = tracked.Value;
            var raised = 0;
            tracked.Changed += (_, _) => raised++;

            clock.Advance(TimeSpan.FromMinutes(1));
            apply(state, reordered);

            Assert.Multiple(() =>
            {
                Assert.That(tracked.IsDirty, Is.False);
                Assert.That(tracked.Version, Is.EqualTo(version));
                Assert.That(tracked.Value, Is.SameAs(held), "no new snapshot");
                Assert.That(tracked.ChangedAt, Is.EqualTo(Start));
                Assert.That(raised, Is.Zero, "no change event");
            });

            apply(state, changed);

            Assert.That(tracked.IsDirty, Is.True, "a real change still counts");
            Assert.That(raised, Is.EqualTo(1));
        }

        return new TestCaseData((Action<AgentState, FakeTimeProvider>)Check).SetArgDisplayNames(lists);
    }
}
