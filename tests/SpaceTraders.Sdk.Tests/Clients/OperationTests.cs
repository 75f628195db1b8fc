using System.Text.Json.Nodes;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>
/// Every operation of the API, called through <see cref="SpaceTradersClient"/> against WireMock: the method,
/// path, query and body the server receives are asserted, and the operation's fixture (a realistic body
/// built from the spec) is read back into the models with spot-checked values.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class OperationTests : FakeApiFixture
{
    private const string Ship = "BADGER-1";
    private const string ShipPath = "/v2/my/ships/BADGER-1";
    private const string WaypointPath = "/v2/systems/X1-DF55/waypoints/X1-DF55-A1";
    private const string ContractId = "clhk6yf7r00f3s60chfr3rwaz";

    private static readonly HashSet<string> Created =
    [
        "register", "supply-construction", "purchase-ship", "create-chart", "negotiate-contract", "extract-resources",
        "extract-resources-with-survey", "create-ship-system-scan", "create-ship-waypoint-scan", "create-ship-ship-scan",
        "purchase-cargo", "ship-refine", "sell-cargo", "siphon-resources", "create-survey", "install-ship-module",
        "remove-ship-module", "install-mount", "remove-mount",
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Sends_the_documented_request_and_reads_the_documented_response(OperationCase operation)
    {
        var endpoint = EndpointCatalog.FindByOperationId(operation.OperationId)!;
        Server.Respond(endpoint.Method, operation.Path, Created.Contains(operation.OperationId) ? 201 : 200, Fixtures.Read(operation.OperationId));

        var result = await operation.Call(Client);

        var request = Server.SingleRequest;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(endpoint.Method), "method");
            Assert.That(request.Path, Is.EqualTo(operation.Path), "path");
            Assert.That(request.RawQuery ?? string.Empty, Is.EqualTo(operation.Query ?? string.Empty), "query");
            Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApiServer.Token), "authorization");
            if (operation.Body is null)
            {
                Assert.That(request.Body, Is.Null.Or.Empty, "a request without body");
            }
            else
            {
                Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse(operation.Body)), Is.True, $"body {request.Body}");
                Assert.That(request.Headers!["Content-Type"].Single(), Does.StartWith("application/json"), "content type");
            }
        });
        operation.Check(result);
    }

    [Test]
    public void Every_operation_of_the_catalog_has_exactly_one_case()
    {
        var cases = Cases().Select(c => c.OperationId).ToList();
        Assert.That(cases, Is.Unique);
        Assert.That(cases, Is.EquivalentTo(EndpointCatalog.All.Select(e => e.OperationId)));
    }

    [Test]
    public void Default_priorities_finish_before_they_start_and_read_the_world_last()
    {
        string[] critical = ["sell-cargo", "deliver-contract", "fulfill-contract", "supply-construction", "refuel-ship"];
        Assert.That(EndpointCatalog.All.Where(e => e.DefaultPriority == RequestPriority.Critical).Select(e => e.OperationId), Is.EquivalentTo(critical));
        string[] starts = ["extract-resources", "extract-resources-with-survey", "siphon-resources", "create-survey", "ship-refine", "navigate-ship", "warp-ship", "jump-ship", "dock-ship", "orbit-ship", "purchase-cargo"];
        Assert.That(starts.Select(id => EndpointCatalog.FindByOperationId(id)!.DefaultPriority), Is.All.EqualTo(RequestPriority.Normal));
        Assert.That(EndpointCatalog.FindByOperationId("get-market")!.DefaultPriority, Is.EqualTo(RequestPriority.Background));
    }

    [Test]
    public async Task A_cooldown_answered_with_204_is_null()
    {
        Server.Respond("GET", ShipPath + "/cooldown", 204, string.Empty);

        var cooldown = await Client.Fleet.GetShipCooldownAsync(Ship);

        Assert.That(cooldown, Is.Null);
    }

    [Test]
    public async Task Waypoint_endpoints_also_take_the_waypoint_alone_and_derive_its_system()
    {
        Server.Respond("GET", WaypointPath + "/market", 200, Fixtures.Read("get-market"));
        Server.Respond("GET", WaypointPath + "/shipyard", 200, Fixtures.Read("get-shipyard"));
        Server.Respond("GET", WaypointPath + "/jump-gate", 200, Fixtures.Read("get-jump-gate"));
        Server.Respond("GET", WaypointPath + "/construction", 200, Fixtures.Read("get-construction"));
        Server.Respond("GET", WaypointPath, 200, Fixtures.Read("get-waypoint"));
        Server.Respond("POST", WaypointPath + "/construction/supply", 201, Fixtures.Read("supply-construction"));

        await Client.Systems.GetMarketAsync("X1-DF55-A1");
        await Client.Systems.GetShipyardAsync("X1-DF55-A1");
        await Client.Systems.GetJumpGateAsync("X1-DF55-A1");
        await Client.Systems.GetConstructionAsync("X1-DF55-A1");
        await Client.Systems.GetWaypointAsync("X1-DF55-A1");
        await Client.Systems.SupplyConstructionAsync("X1-DF55-A1", Ship, TradeSymbol.FabMats, 40);

        Assert.That(Server.Requests.Select(r => r.Path), Is.EqualTo(new[]
        {
            WaypointPath + "/market", WaypointPath + "/shipyard", WaypointPath + "/jump-gate", WaypointPath + "/construction", WaypointPath,
            WaypointPath + "/construction/supply",
        }));
        Assert.That(
            JsonNode.DeepEquals(JsonNode.Parse(Server.Requests[^1].Body!), JsonNode.Parse("""{"shipSymbol":"BADGER-1","tradeSymbol":"FAB_MATS","units":40}""")),
            Is.True,
            Server.Requests[^1].Body);
        Assert.That(() => Client.Systems.GetMarketAsync("NOT-A_WAYPOINT"), Throws.ArgumentException);
    }

    [Test]
    public void A_waypoint_named_with_another_system_is_refused_before_anything_is_sent()
    {
        var calls = new Func<Task>[]
        {
            () => Client.Systems.GetWaypointAsync("X1-DF55", "X1-AB12-A1"),
            () => Client.Systems.GetMarketAsync("X1-DF55", "X1-AB12-A1"),
            () => Client.Systems.GetShipyardAsync("X1-DF55", "X1-AB12-A1"),
            () => Client.Systems.GetJumpGateAsync("X1-DF55", "X1-AB12-A1"),
            () => Client.Systems.GetConstructionAsync("X1-DF55", "X1-AB12-A1"),
            () => Client.Systems.SupplyConstructionAsync("X1-DF55", "X1-AB12-A1", Ship, TradeSymbol.FabMats, 1),
        };

        Assert.Multiple(() =>
        {
            foreach (var call in calls)
            {
                Assert.That(
                    call,
                    Throws.ArgumentException.With.Message.Contains("The waypoint 'X1-AB12-A1' lies in the system 'X1-AB12', not 'X1-DF55'"));
            }
        });
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task The_request_body_overloads_send_the_same_body_as_the_convenience_overloads()
    {
        Server.Respond("POST", ShipPath + "/navigate", 200, Fixtures.Read("navigate-ship"));

        await Client.Fleet.NavigateShipAsync(Ship, new NavigateShipRequest { WaypointSymbol = "X1-DF55-B7" });
        await Client.Fleet.NavigateShipAsync(Ship, "X1-DF55-B7");

        Assert.That(Server.Requests.Select(r => r.Body), Is.EqualTo(new[] { """{"waypointSymbol":"X1-DF55-B7"}""", """{"waypointSymbol":"X1-DF55-B7"}""" }));
    }

    [Test]
    public async Task Refuelling_without_arguments_sends_an_empty_object()
    {
        Server.Respond("POST", ShipPath + "/refuel", 200, Fixtures.Read("refuel-ship"));

        await Client.Fleet.RefuelShipAsync(Ship);

        Assert.That(Server.SingleRequest.Body, Is.EqualTo("{}"));
    }

    public static IEnumerable<OperationCase> Cases()
    {
        // Global
        yield return Case<GetStatusResult>("get-status", "/v2/", c => c.Global.GetStatusAsync(), r =>
        {
            Assert.That(r.Version, Is.EqualTo("v2.3.0"));
            Assert.That(r.Stats.Agents, Is.EqualTo(3500));
            Assert.That(r.Leaderboards.MostCredits[0].Credits, Is.EqualTo(175000L));
            Assert.That(r.Links[0].Url, Is.EqualTo(new Uri("https://spacetraders.io/")));
            Assert.That(r.ServerResets.Frequency, Is.EqualTo("weekly"));
        });
        yield return Case<GetErrorCodesResult>("get-error-codes", "/v2/error-codes", c => c.Global.GetErrorCodesAsync(), r =>
        {
            Assert.That(r.ErrorCodes[0].Code, Is.EqualTo(4000));
            Assert.That(r.ErrorCodes[0].Name, Is.EqualTo("cooldownConflictError"));
        });

        // Accounts
        yield return Case<GetMyAccountResult>("get-my-account", "/v2/my/account", c => c.Accounts.GetMyAccountAsync(), r =>
        {
            Assert.That(r.Account.Email, Is.EqualTo("badger@example.com"));
            Assert.That(r.Account.CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 6, 8, 14, 15, 22, TimeSpan.Zero)));
        });
        yield return Case<RegisterResult>(
            "register",
            "/v2/register",
            c => c.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic),
            r =>
            {
                Assert.That(r.Token, Does.EndWith(".new-agent"));
                Assert.That(r.Agent.Credits, Is.EqualTo(175000L));
                Assert.That(r.Faction.Symbol, Is.EqualTo(FactionSymbol.Cosmic));
                Assert.That(r.Ships, Has.Count.EqualTo(2));
                Assert.That(r.Contract.Type, Is.EqualTo(ContractType.Procurement));
            },
            body: """{"symbol":"BADGER","faction":"COSMIC"}""");

        // Agents
        yield return Case<Page<PublicAgent>>("get-agents", "/v2/agents", c => c.Agents.GetAgentsAsync(page: 2, limit: 5), r =>
        {
            Assert.That(r.Items[0].Symbol, Is.EqualTo("BADGER"));
            Assert.That(r.Items[0].StartingFaction, Is.EqualTo(FactionSymbol.Cosmic));
            Assert.That(r.Meta.Total, Is.EqualTo(2));
        }, query: "?page=2&limit=5");
        yield return Case<PublicAgent>("get-agent", "/v2/agents/BADGER", c => c.Agents.GetAgentAsync("BADGER"), r =>
            Assert.That(r.ShipCount, Is.EqualTo(2)));
        yield return Case<Agent>("get-my-agent", "/v2/my/agent", c => c.Agents.GetMyAgentAsync(), r =>
        {
            Assert.That(r.AccountId, Is.EqualTo("cl0hok34m0003ks0jjql5q8f2"));
            Assert.That(r.Credits, Is.EqualTo(175000L));
            Assert.That(r.Headquarters, Is.EqualTo("X1-DF55-A1"));
        });
        yield return Case<IReadOnlyList<AgentEvent>>("get-my-agent-events", "/v2/my/agent/events", c => c.Agents.GetMyAgentEventsAsync(), r =>
        {
            Assert.That(r[0].Type, Is.EqualTo("SHIP_ARRIVED"));
            Assert.That(r[0].Data!.Value.GetProperty("shipSymbol").GetString(), Is.EqualTo(Ship));
        });

        // Factions
        yield return Case<Page<Faction>>("get-factions", "/v2/factions", c => c.Factions.GetFactionsAsync(), r =>
        {
            Assert.That(r.Items[0].Name, Is.EqualTo("Cosmic Engineers"));
            Assert.That(r.Items[0].Traits[0].Symbol, Is.EqualTo(FactionTraitSymbol.Bureaucratic));
        });
        yield return Case<Faction>("get-faction", "/v2/factions/COSMIC", c => c.Factions.GetFactionAsync(FactionSymbol.Cosmic), r =>
            Assert.That(r.IsRecruiting, Is.True));
        yield return Case<Page<FactionReputation>>("get-my-factions", "/v2/my/factions", c => c.Factions.GetMyFactionsAsync(limit: 20), r =>
        {
            Assert.That(r.Items[0].Symbol, Is.EqualTo(FactionSymbol.Cosmic));
            Assert.That(r.Items[0].Reputation, Is.EqualTo(37));
        }, query: "?limit=20");

        // Systems
        yield return Case<Page<StarSystem>>("get-systems", "/v2/systems", c => c.Systems.GetSystemsAsync(page: 3), r =>
        {
            Assert.That(r.Items[0].Symbol, Is.EqualTo("X1-DF55"));
            Assert.That(r.Items[0].Type, Is.EqualTo(SystemType.RedStar));
            Assert.That(r.HasNextPage, Is.False);
        }, query: "?page=3");
        yield return Case<StarSystem>("get-system", "/v2/systems/X1-DF55", c => c.Systems.GetSystemAsync("X1-DF55"), r =>
        {
            Assert.That(r.Constellation, Is.EqualTo("Draco"));
            Assert.That(r.Waypoints[0].Type, Is.EqualTo(WaypointType.Planet));
        });
        yield return Case<Page<Waypoint>>(
            "get-system-waypoints",
            "/v2/systems/X1-DF55/waypoints",
            c => c.Systems.GetSystemWaypointsAsync("X1-DF55", 2, 20, WaypointType.AsteroidField, [WaypointTraitSymbol.Marketplace, WaypointTraitSymbol.Shipyard]),
            r =>
            {
                Assert.That(r.Items[0].Traits[0].Symbol, Is.EqualTo(WaypointTraitSymbol.Marketplace));
                Assert.That(r.Items[0].Orbitals[0].Symbol, Is.EqualTo("X1-DF55-A2"));
            },
            query: "?page=2&limit=20&type=ASTEROID_FIELD&traits=MARKETPLACE&traits=SHIPYARD");
        yield return Case<Waypoint>("get-waypoint", WaypointPath, c => c.Systems.GetWaypointAsync("X1-DF55", "X1-DF55-A1"), r =>
        {
            Assert.That(r.X, Is.EqualTo(12));
            Assert.That(r.Y, Is.EqualTo(-40));
            Assert.That(r.Chart!.SubmittedBy, Is.EqualTo("BADGER"));
            Assert.That(r.Modifiers![0].Symbol, Is.EqualTo(WaypointModifierSymbol.CriticalLimit));
        });
        yield return Case<Construction>("get-construction", WaypointPath + "/construction", c => c.Systems.GetConstructionAsync("X1-DF55", "X1-DF55-A1"), r =>
        {
            Assert.That(r.Materials[0].TradeSymbol, Is.EqualTo(TradeSymbol.IronOre));
            Assert.That(r.Materials[0].Required, Is.EqualTo(4));
        });
        yield return Case<SupplyConstructionResult>(
            "supply-construction",
            WaypointPath + "/construction/supply",
            c => c.Systems.SupplyConstructionAsync("X1-DF55", "X1-DF55-A1", Ship, TradeSymbol.FabMats, 40),
            r =>
            {
                Assert.That(r.Construction.Symbol, Is.EqualTo("X1-DF55-I52"));
                Assert.That(r.Cargo.Units, Is.EqualTo(20));
            },
            body: """{"shipSymbol":"BADGER-1","tradeSymbol":"FAB_MATS","units":40}""");
        yield return Case<Market>("get-market", WaypointPath + "/market", c => c.Systems.GetMarketAsync("X1-DF55", "X1-DF55-A1"), r =>
        {
            Assert.That(r.Exports[0].Symbol, Is.EqualTo(TradeSymbol.IronOre));
            Assert.That(r.TradeGoods![0].Supply, Is.EqualTo(SupplyLevel.Moderate));
            Assert.That(r.TradeGoods![0].Activity, Is.EqualTo(ActivityLevel.Growing));
            Assert.That(r.TradeGoods![0].Type, Is.EqualTo(MarketTradeGoodType.Export));
            Assert.That(r.TradeGoods![0].PurchasePrice, Is.EqualTo(52));
            Assert.That(r.Transactions![0].Type, Is.EqualTo(MarketTransactionType.Purchase));
        });
        yield return Case<JumpGate>("get-jump-gate", WaypointPath + "/jump-gate", c => c.Systems.GetJumpGateAsync("X1-DF55", "X1-DF55-A1"), r =>
            Assert.That(r.Connections, Is.EqualTo(new[] { "X1-KK12-I61", "X1-KK12-I61" })));
        yield return Case<Shipyard>("get-shipyard", WaypointPath + "/shipyard", c => c.Systems.GetShipyardAsync("X1-DF55", "X1-DF55-A1"), r =>
        {
            Assert.That(r.ShipTypes[0].Type, Is.EqualTo(ShipType.ShipMiningDrone));
            Assert.That(r.Ships![0].Frame.Symbol, Is.EqualTo(ShipFrameSymbol.FrameProbe));
            Assert.That(r.Ships![0].Crew.Capacity, Is.EqualTo(40));
            Assert.That(r.Transactions![0].Price, Is.EqualTo(26500));
            Assert.That(r.ModificationsFee, Is.EqualTo(2000));
        });

        // Contracts
        yield return Case<Page<Contract>>("get-contracts", "/v2/my/contracts", c => c.Contracts.GetContractsAsync(), r =>
        {
            Assert.That(r.Items[0].Id, Is.EqualTo(ContractId));
            Assert.That(r.Items[0].Terms.Payment.OnFulfilled, Is.EqualTo(80000));
        });
        yield return Case<Contract>("get-contract", "/v2/my/contracts/" + ContractId, c => c.Contracts.GetContractAsync(ContractId), r =>
        {
            Assert.That(r.Terms.Deliver![0].TradeSymbol, Is.EqualTo(TradeSymbol.IronOre));
            Assert.That(r.Terms.Deliver![0].UnitsRequired, Is.EqualTo(60));
            Assert.That(r.DeadlineToAccept, Is.EqualTo(new DateTimeOffset(2025, 6, 11, 12, 0, 0, TimeSpan.Zero)));
        });
        yield return Case<AcceptContractResult>("accept-contract", "/v2/my/contracts/" + ContractId + "/accept", c => c.Contracts.AcceptContractAsync(ContractId), r =>
        {
            Assert.That(r.Contract.Accepted, Is.True);
            Assert.That(r.Agent.Credits, Is.EqualTo(175000L));
        });
        yield return Case<FulfillContractResult>("fulfill-contract", "/v2/my/contracts/" + ContractId + "/fulfill", c => c.Contracts.FulfillContractAsync(ContractId), r =>
            Assert.That(r.Contract.Fulfilled, Is.False));
        yield return Case<DeliverContractResult>(
            "deliver-contract",
            "/v2/my/contracts/" + ContractId + "/deliver",
            c => c.Contracts.DeliverContractAsync(ContractId, Ship, TradeSymbol.IronOre, 10),
            r => Assert.That(r.Cargo.Inventory[0].Units, Is.EqualTo(10)),
            body: """{"shipSymbol":"BADGER-1","tradeSymbol":"IRON_ORE","units":10}""");

        // Data
        yield return Case<GetSupplyChainResult>("get-supply-chain", "/v2/market/supply-chain", c => c.Data.GetSupplyChainAsync(), r =>
            Assert.That(r.ExportToImportMap[TradeSymbol.FabMats], Is.EqualTo(new[] { TradeSymbol.Iron, TradeSymbol.QuartzSand })));

        // Fleet
        yield return Case<Page<Ship>>("get-my-ships", "/v2/my/ships", c => c.Fleet.GetMyShipsAsync(1, 20), r =>
        {
            Assert.That(r.Items[0].Symbol, Is.EqualTo(Ship));
            Assert.That(r.Items[0].Registration.Role, Is.EqualTo(ShipRole.Command));
        }, query: "?page=1&limit=20");
        yield return Case<PurchaseShipResult>(
            "purchase-ship",
            "/v2/my/ships",
            c => c.Fleet.PurchaseShipAsync(ShipType.ShipMiningDrone, "X1-DF55-A1"),
            r =>
            {
                Assert.That(r.Ship.Symbol, Is.EqualTo(Ship));
                Assert.That(r.Transaction.ShipType, Is.EqualTo(ShipType.ShipMiningDrone));
            },
            body: """{"shipType":"SHIP_MINING_DRONE","waypointSymbol":"X1-DF55-A1"}""");
        yield return Case<Ship>("get-my-ship", ShipPath, c => c.Fleet.GetMyShipAsync(Ship), r =>
        {
            Assert.That(r.Nav.Status, Is.EqualTo(ShipNavStatus.InTransit));
            Assert.That(r.Nav.Route.Origin.Symbol, Is.EqualTo("X1-DF55-B7"));
            Assert.That(r.Nav.Route.Arrival, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 12, 5, 42, TimeSpan.Zero)));
            Assert.That(r.Fuel.Current, Is.EqualTo(362));
            Assert.That(r.Fuel.Consumed!.Amount, Is.EqualTo(38));
            Assert.That(r.Frame.Condition, Is.EqualTo(0.95));
            Assert.That(r.Frame.Quality, Is.EqualTo(4.0));
            Assert.That(r.Crew.Rotation, Is.EqualTo(ShipCrewRotation.Strict));
            Assert.That(r.Engine.Symbol, Is.EqualTo(ShipEngineSymbol.EngineImpulseDriveI));
            Assert.That(r.Reactor.Symbol, Is.EqualTo(ShipReactorSymbol.ReactorSolarI));
            Assert.That(r.Mounts[0].Deposits![0], Is.EqualTo(TradeSymbol.QuartzSand));
            Assert.That(r.Cooldown.RemainingSeconds, Is.EqualTo(69));
        });
        yield return Case<ShipCargo>("get-my-ship-cargo", ShipPath + "/cargo", c => c.Fleet.GetMyShipCargoAsync(Ship), r =>
        {
            Assert.That(r.Capacity, Is.EqualTo(40));
            Assert.That(r.Inventory[0].Symbol, Is.EqualTo(TradeSymbol.IronOre));
        });
        yield return Case<CreateChartResult>("create-chart", ShipPath + "/chart", c => c.Fleet.CreateChartAsync(Ship), r =>
        {
            Assert.That(r.Chart.SubmittedOn, Is.EqualTo(new DateTimeOffset(2025, 6, 9, 8, 30, 0, TimeSpan.Zero)));
            Assert.That(r.Transaction.TotalPrice, Is.EqualTo(520));
        });
        yield return Case<Cooldown?>("get-ship-cooldown", ShipPath + "/cooldown", c => c.Fleet.GetShipCooldownAsync(Ship), r =>
        {
            Assert.That(r!.TotalSeconds, Is.EqualTo(70));
            Assert.That(r.Expiration, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 13, 10, 0, TimeSpan.Zero)));
        });
        yield return Case<DockShipResult>("dock-ship", ShipPath + "/dock", c => c.Fleet.DockShipAsync(Ship), r =>
            Assert.That(r.Nav.WaypointSymbol, Is.EqualTo("X1-DF55-A1")));
        yield return Case<ExtractResourcesResult>("extract-resources", ShipPath + "/extract", c => c.Fleet.ExtractResourcesAsync(Ship), r =>
        {
            Assert.That(r.Extraction.Yield.Symbol, Is.EqualTo(TradeSymbol.IronOre));
            Assert.That(r.Extraction.Yield.Units, Is.EqualTo(10));
            Assert.That(r.Cooldown.TotalSeconds, Is.EqualTo(70));
            Assert.That(r.Events[0].Symbol, Is.EqualTo(ShipConditionEventSymbol.ReactorOverload));
            Assert.That(r.Events[0].Component, Is.EqualTo(ShipComponent.Frame));
            Assert.That(r.Modifiers![0].Symbol, Is.EqualTo(WaypointModifierSymbol.CriticalLimit));
        });
        yield return Case<ExtractResourcesWithSurveyResult>(
            "extract-resources-with-survey",
            ShipPath + "/extract/survey",
            c => c.Fleet.ExtractResourcesWithSurveyAsync(Ship, SampleSurvey),
            r => Assert.That(r.Cargo.Capacity, Is.EqualTo(40)),
            body: """{"signature":"X1-DF55-B7-BD8B6B","symbol":"X1-DF55-B7","deposits":[{"symbol":"IRON_ORE"},{"symbol":"QUARTZ_SAND"}],"expiration":"2025-06-10T13:10:00.000Z","size":"MODERATE"}""");
        yield return Case<JettisonCargoResult>(
            "jettison",
            ShipPath + "/jettison",
            c => c.Fleet.JettisonCargoAsync(Ship, TradeSymbol.QuartzSand, 5),
            r => Assert.That(r.Cargo.Units, Is.EqualTo(20)),
            body: """{"symbol":"QUARTZ_SAND","units":5}""");
        yield return Case<JumpShipResult>(
            "jump-ship",
            ShipPath + "/jump",
            c => c.Fleet.JumpShipAsync(Ship, "X1-KK12-I61"),
            r =>
            {
                Assert.That(r.Cooldown.ShipSymbol, Is.EqualTo(Ship));
                Assert.That(r.Transaction.TradeSymbol, Is.EqualTo(TradeSymbol.IronOre));
            },
            body: """{"waypointSymbol":"X1-KK12-I61"}""");
        yield return Case<IReadOnlyList<ShipModule>>("get-ship-modules", ShipPath + "/modules", c => c.Fleet.GetShipModulesAsync(Ship), r =>
            Assert.That(r[0].Symbol, Is.EqualTo(ShipModuleSymbol.ModuleMineralProcessorI)));
        yield return Case<InstallShipModuleResult>(
            "install-ship-module",
            ShipPath + "/modules/install",
            c => c.Fleet.InstallShipModuleAsync(Ship, ShipModuleSymbol.ModuleCargoHoldII),
            r => Assert.That(r.Transaction.TradeSymbol, Is.EqualTo(TradeSymbol.MountMiningLaserII)),
            body: """{"symbol":"MODULE_CARGO_HOLD_II"}""");
        yield return Case<RemoveShipModuleResult>(
            "remove-ship-module",
            ShipPath + "/modules/remove",
            c => c.Fleet.RemoveShipModuleAsync(Ship, ShipModuleSymbol.ModuleCargoHoldII),
            r => Assert.That(r.Modules, Has.Count.EqualTo(2)),
            body: """{"symbol":"MODULE_CARGO_HOLD_II"}""");
        yield return Case<IReadOnlyList<ShipMount>>("get-mounts", ShipPath + "/mounts", c => c.Fleet.GetMountsAsync(Ship), r =>
        {
            Assert.That(r[0].Symbol, Is.EqualTo(ShipMountSymbol.MountGasSiphonI));
            Assert.That(r[0].Requirements.Power, Is.EqualTo(1));
        });
        yield return Case<InstallMountResult>(
            "install-mount",
            ShipPath + "/mounts/install",
            c => c.Fleet.InstallMountAsync(Ship, ShipMountSymbol.MountMiningLaserII),
            r => Assert.That(r.Agent.Symbol, Is.EqualTo("BADGER")),
            body: """{"symbol":"MOUNT_MINING_LASER_II"}""");
        yield return Case<RemoveMountResult>(
            "remove-mount",
            ShipPath + "/mounts/remove",
            c => c.Fleet.RemoveMountAsync(Ship, ShipMountSymbol.MountMiningLaserII),
            r => Assert.That(r.Mounts[0].Strength, Is.EqualTo(10)),
            body: """{"symbol":"MOUNT_MINING_LASER_II"}""");
        yield return Case<ShipNav>("get-ship-nav", ShipPath + "/nav", c => c.Fleet.GetShipNavAsync(Ship), r =>
            Assert.That(r.FlightMode, Is.EqualTo(ShipNavFlightMode.Cruise)));
        yield return Case<PatchShipNavResult>(
            "patch-ship-nav",
            ShipPath + "/nav",
            c => c.Fleet.PatchShipNavAsync(Ship, ShipNavFlightMode.Burn),
            r => Assert.That(r.Fuel.Capacity, Is.EqualTo(400)),
            body: """{"flightMode":"BURN"}""");
        yield return Case<NavigateShipResult>(
            "navigate-ship",
            ShipPath + "/navigate",
            c => c.Fleet.NavigateShipAsync(Ship, "X1-DF55-B7"),
            r =>
            {
                Assert.That(r.Nav.Status, Is.EqualTo(ShipNavStatus.InTransit));
                Assert.That(r.Nav.Route.Destination.Type, Is.EqualTo(WaypointType.Planet));
                Assert.That(r.Fuel.Consumed!.Timestamp, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero)));
                Assert.That(r.Events, Has.Count.EqualTo(2));
            },
            body: """{"waypointSymbol":"X1-DF55-B7"}""");
        yield return Case<NegotiateContractResult>("negotiate-contract", ShipPath + "/negotiate/contract", c => c.Fleet.NegotiateContractAsync(Ship), r =>
            Assert.That(r.Contract.FactionSymbol, Is.EqualTo(FactionSymbol.Cosmic)));
        yield return Case<OrbitShipResult>("orbit-ship", ShipPath + "/orbit", c => c.Fleet.OrbitShipAsync(Ship), r =>
            Assert.That(r.Nav.SystemSymbol, Is.EqualTo("X1-DF55")));
        yield return Case<PurchaseCargoResult>(
            "purchase-cargo",
            ShipPath + "/purchase",
            c => c.Fleet.PurchaseCargoAsync(Ship, TradeSymbol.Fuel, 3),
            r =>
            {
                Assert.That(r.Transaction.PricePerUnit, Is.EqualTo(52));
                Assert.That(r.Transaction.Timestamp, Is.EqualTo(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero)));
            },
            body: """{"symbol":"FUEL","units":3}""");
        yield return Case<RefineShipResult>(
            "ship-refine",
            ShipPath + "/refine",
            c => c.Fleet.RefineShipAsync(Ship, TradeSymbol.Iron),
            r =>
            {
                Assert.That(r.Produced[0].TradeSymbol, Is.EqualTo(TradeSymbol.IronOre));
                Assert.That(r.Consumed[0].Units, Is.EqualTo(10));
            },
            body: """{"produce":"IRON"}""");
        yield return Case<RefuelShipResult>(
            "refuel-ship",
            ShipPath + "/refuel",
            c => c.Fleet.RefuelShipAsync(Ship, units: 100, fromCargo: true),
            r =>
            {
                Assert.That(r.Fuel.Current, Is.EqualTo(362));
                Assert.That(r.Cargo!.Capacity, Is.EqualTo(40));
            },
            body: """{"units":100,"fromCargo":true}""");
        yield return Case<GetRepairShipResult>("get-repair-ship", ShipPath + "/repair", c => c.Fleet.GetRepairShipAsync(Ship), r =>
            Assert.That(r.Transaction.TotalPrice, Is.EqualTo(520)));
        yield return Case<RepairShipResult>("repair-ship", ShipPath + "/repair", c => c.Fleet.RepairShipAsync(Ship), r =>
            Assert.That(r.Ship.Symbol, Is.EqualTo(Ship)));
        yield return Case<CreateShipShipScanResult>("create-ship-ship-scan", ShipPath + "/scan/ships", c => c.Fleet.CreateShipShipScanAsync(Ship), r =>
        {
            Assert.That(r.Ships[0].Symbol, Is.EqualTo("RIVAL-3"));
            Assert.That(r.Ships[0].Engine.Symbol, Is.EqualTo(new ShipEngineSymbol("BADGER-1")));
            Assert.That(r.Ships[0].Engine.Symbol.IsKnown, Is.False);
        });
        yield return Case<CreateShipSystemScanResult>("create-ship-system-scan", ShipPath + "/scan/systems", c => c.Fleet.CreateShipSystemScanAsync(Ship), r =>
        {
            Assert.That(r.Systems[0].Symbol, Is.EqualTo("X1-KK12"));
            Assert.That(r.Systems[0].Distance, Is.EqualTo(451));
        });
        yield return Case<CreateShipWaypointScanResult>("create-ship-waypoint-scan", ShipPath + "/scan/waypoints", c => c.Fleet.CreateShipWaypointScanAsync(Ship), r =>
            Assert.That(r.Waypoints[0].Symbol, Is.EqualTo("X1-DF55-B7")));
        yield return Case<GetScrapShipResult>("get-scrap-ship", ShipPath + "/scrap", c => c.Fleet.GetScrapShipAsync(Ship), r =>
            Assert.That(r.Transaction.ShipSymbol, Is.EqualTo(Ship)));
        yield return Case<ScrapShipResult>("scrap-ship", ShipPath + "/scrap", c => c.Fleet.ScrapShipAsync(Ship), r =>
            Assert.That(r.Transaction.WaypointSymbol, Is.EqualTo("X1-DF55-A1")));
        yield return Case<SellCargoResult>(
            "sell-cargo",
            ShipPath + "/sell",
            c => c.Fleet.SellCargoAsync(Ship, TradeSymbol.IronOre, 20),
            r =>
            {
                Assert.That(r.Transaction.TotalPrice, Is.EqualTo(520));
                Assert.That(r.Agent.Credits, Is.EqualTo(175000L));
            },
            body: """{"symbol":"IRON_ORE","units":20}""");
        yield return Case<SiphonResourcesResult>("siphon-resources", ShipPath + "/siphon", c => c.Fleet.SiphonResourcesAsync(Ship), r =>
        {
            Assert.That(r.Siphon.Yield.Units, Is.EqualTo(10));
            Assert.That(r.Cooldown.RemainingSeconds, Is.EqualTo(69));
        });
        yield return Case<CreateSurveyResult>("create-survey", ShipPath + "/survey", c => c.Fleet.CreateSurveyAsync(Ship), r =>
        {
            Assert.That(r.Surveys[0], Is.EqualTo(SampleSurvey).Using<Survey>(SameSurvey));
            Assert.That(r.Surveys[0].Size, Is.EqualTo(SurveySize.Moderate));
        });
        yield return Case<TransferCargoResult>(
            "transfer-cargo",
            ShipPath + "/transfer",
            c => c.Fleet.TransferCargoAsync(Ship, "BADGER-2", TradeSymbol.IronOre, 7),
            r => Assert.That(r.TargetCargo.Units, Is.EqualTo(20)),
            body: """{"tradeSymbol":"IRON_ORE","units":7,"shipSymbol":"BADGER-2"}""");
        yield return Case<WarpShipResult>(
            "warp-ship",
            ShipPath + "/warp",
            c => c.Fleet.WarpShipAsync(Ship, "X1-KK12-A1"),
            r => Assert.That(r.Nav.Route.Destination.X, Is.EqualTo(12)),
            body: """{"waypointSymbol":"X1-KK12-A1"}""");
    }

    private static Survey SampleSurvey => new()
    {
        Signature = "X1-DF55-B7-BD8B6B",
        Symbol = "X1-DF55-B7",
        Deposits = [new SurveyDeposit { Symbol = TradeSymbol.IronOre }, new SurveyDeposit { Symbol = TradeSymbol.QuartzSand }],
        Expiration = new DateTimeOffset(2025, 6, 10, 13, 10, 0, TimeSpan.Zero),
        Size = SurveySize.Moderate,
    };

    private static bool SameSurvey(Survey a, Survey b)
        => a.Signature == b.Signature && a.Symbol == b.Symbol && a.Expiration == b.Expiration && a.Size == b.Size
            && a.Deposits[0].Symbol == b.Deposits[0].Symbol;

    private static OperationCase Case<T>(
        string operationId,
        string path,
        Func<SpaceTradersClient, Task<T>> call,
        Action<T> check,
        string? query = null,
        string? body = null)
        => new(operationId, path, query, body, async client => await call(client), result => check((T)result!));

    public sealed record OperationCase(
        string OperationId,
        string Path,
        string? Query,
        string? Body,
        Func<SpaceTradersClient, Task<object?>> Call,
        Action<object?> Check)
    {
        public override string ToString() => OperationId;
    }
}
