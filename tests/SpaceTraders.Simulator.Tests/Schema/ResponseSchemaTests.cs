using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SpaceTraders.Simulator.Game;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Tests.Schema;

/// <summary>
/// Every operation of the live spec (except the Socket.IO endpoint) answered by the simulator, each response
/// validated against the spec's response schema; errors against the error envelope.
/// </summary>
[TestFixture]
public sealed class ResponseSchemaTests
{
    private const string ErrorEnvelopeSchema = """
        {
          "type": "object", "required": ["error"], "additionalProperties": false,
          "properties": { "error": {
            "type": "object", "required": ["message", "code", "requestId"], "additionalProperties": false,
            "properties": {
              "message": { "type": "string", "minLength": 1 },
              "code": { "type": "integer" },
              "data": { "type": "object" },
              "requestId": { "type": "string", "minLength": 1 } } } }
        }
        """;

    private static readonly Lazy<OpenApiSchemaValidator> Spec = new(() => OpenApiSchemaValidator.Load(SpecFiles.LiveSpec));

    [Test]
    public void Every_operation_answers_with_a_response_that_matches_the_live_spec()
    {
        using var scenario = new ApiScenario(new SimulationOptions { Seed = 42, StartingGatesUnderConstruction = false });
        PlayEveryOperation(scenario);

        var operations = Operations();
        var problems = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exchange in scenario.Exchanges)
        {
            var operation = operations.FirstOrDefault(o => o.Method == exchange.Method && o.Pattern.IsMatch(exchange.Path.Split('?')[0]));
            if (operation is null)
            {
                problems.Add($"{exchange.Method} {exchange.Path}: no operation in the spec");
                continue;
            }

            foreach (var problem in Validate(operation, exchange))
            {
                problems.Add($"{operation.Id} ({exchange.Method} {exchange.Path} -> {exchange.Status}) {problem}");
            }

            if (exchange.Status is >= 200 and < 300)
            {
                covered.Add(operation.Id);
            }
        }

        // The validator is not vacuous: the same ship response without its nav fails.
        var shipExchange = scenario.Exchanges.First(e => e.Method == "GET" && e.Path == "/my/ships/SCHEMA-1");
        var broken = JsonNode.Parse(shipExchange.Body)!;
        broken["data"]!.AsObject().Remove("nav");
        var brokenProblems = Validate(operations.First(o => o.Id == "get-my-ship"), shipExchange with { Body = broken.ToJsonString() }).ToList();
        Assert.That(brokenProblems, Has.Some.Contains("$.data: required property 'nav' is missing"));

        var missing = operations.Select(o => o.Id).Where(id => id != "websocket-departure-events" && !covered.Contains(id)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, "responses that do not match the spec:\n" + string.Join("\n", problems));
            Assert.That(missing, Is.Empty, "operations without a successful, validated response");
            Assert.That(covered, Has.Count.EqualTo(63));
        });
    }

    [Test]
    public void Error_answers_match_the_error_envelope()
    {
        using var scenario = new ApiScenario();
        scenario.Send("GET", "my/agent", null, 401, token: null);
        scenario.Send("GET", "my/agent", null, 401, token: "forged");
        scenario.Send("GET", "systems?limit=50", null, 400, token: null);
        scenario.Send("GET", "systems/NOWHERE", null, 404, token: null);
        scenario.Send("GET", "no/such/route", null, 404, token: null);
        scenario.Token = scenario.Post("register", new { symbol = "ERRS", faction = "COSMIC" })["data"]!["token"]!.GetValue<string>();
        scenario.Post("register", new { symbol = "ERRS", faction = "COSMIC" }, expected: 409);
        scenario.Post("my/ships/ERRS-1/navigate", new { waypointSymbol = "X1-NOWHERE-1" }, expected: 404);
        scenario.Post("my/ships/ERRS-1/extract", expected: 400);
        scenario.Post("my/ships/ERRS-1/sell", "{\"symbol\":", expected: 422);

        var operations = Operations();
        var problems = scenario.Exchanges
            .SelectMany(e => Validate(operations.FirstOrDefault(o => o.Method == e.Method && o.Pattern.IsMatch(e.Path.Split('?')[0])), e).Select(p => $"{e.Method} {e.Path}: {p}"))
            .ToList();

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
        Assert.That(scenario.Exchanges.Select(e => e.Status), Is.EqualTo(new[] { 401, 401, 400, 404, 404, 201, 409, 404, 400, 422 }));
    }

    private static IEnumerable<string> Validate(Operation? operation, Exchange exchange)
    {
        if (exchange.Status >= 400)
        {
            using var error = JsonDocument.Parse(exchange.Body);
            using var envelope = JsonDocument.Parse(ErrorEnvelopeSchema);
            return Spec.Value.Validate(error.RootElement, envelope.RootElement);
        }

        if (operation is null)
        {
            return ["no operation in the spec"];
        }

        if (!operation.Responses.TryGetProperty(exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response))
        {
            return [$"status {exchange.Status} is not a documented response"];
        }

        if (exchange.Status == 204)
        {
            return exchange.Body.Length == 0 ? [] : ["a 204 response must have no body"];
        }

        if (!response.TryGetProperty("content", out var content))
        {
            return exchange.Body.Length == 0 ? [] : ["a body was sent for a response without content"];
        }

        var schema = content.GetProperty("application/json").GetProperty("schema");
        using var body = JsonDocument.Parse(exchange.Body);
        return Spec.Value.Validate(body.RootElement, schema);
    }

    private static List<Operation> Operations()
    {
        var list = new List<Operation>();
        foreach (var path in Spec.Value.Document.GetProperty("paths").EnumerateObject())
        {
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name).Replace("\\{", "{", StringComparison.Ordinal), "{[^}]+}", "[^/]+") + "/?$", RegexOptions.CultureInvariant);
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("responses", out _)))
            {
                list.Add(new Operation(method.Value.GetProperty("operationId").GetString()!, method.Name.ToUpperInvariant(), path.Name, pattern, method.Value.GetProperty("responses")));
            }
        }

        // Literal paths before templates, so /my/ships/{s}/extract/survey is not taken for something shorter.
        return [.. list.OrderByDescending(o => o.Template.Count(c => c == '/')).ThenBy(o => o.Template.Count(c => c == '{'))];
    }

    private static void PlayEveryOperation(ApiScenario s)
    {
        // Global, accounts, agents, factions.
        s.Send("GET", "", null, 200, token: null);
        s.Get("error-codes");
        var registered = s.Post("register", new { symbol = "SCHEMA", faction = "COSMIC" })["data"]!;
        s.Token = registered["token"]!.GetValue<string>();
        var command = registered["ships"]![0]!["symbol"]!.GetValue<string>();
        var probe = registered["ships"]![1]!["symbol"]!.GetValue<string>();
        var contractId = registered["contract"]!["id"]!.GetValue<string>();
        s.Get("");
        s.Get("my/account");
        s.Get("my/agent");
        s.Get("my/agent/events");
        s.Get("agents?limit=20");
        s.Get("agents/SCHEMA");
        s.Get("factions?limit=20");
        s.Get("factions/COSMIC");
        s.Get("my/factions");
        s.Get("market/supply-chain");

        // The home system.
        var hq = s.Game.Universe.FindWaypoint(registered["agent"]!["headquarters"]!.GetValue<string>())!;
        var system = hq.System;
        var yard = system.Waypoints.First(w => w.Shipyard is not null);
        var asteroid = system.Waypoints.First(w => w.Type == "ENGINEERED_ASTEROID");
        var giant = system.Waypoints.First(w => w.Type == "GAS_GIANT");
        var gate = system.JumpGate!;
        var market = system.Waypoints.First(w => w.Market is not null && w.HasTrait("MARKETPLACE"));
        s.Get("systems?limit=20");
        s.Get($"systems/{system.Symbol}");
        s.Get($"systems/{system.Symbol}/waypoints?limit=20");
        s.Get($"systems/{system.Symbol}/waypoints?traits=MARKETPLACE&type=PLANET");
        s.Get($"systems/{system.Symbol}/waypoints/{hq.Symbol}");
        s.Get($"systems/{system.Symbol}/waypoints/{market.Symbol}/market");
        var shipyard = s.Get($"systems/{system.Symbol}/waypoints/{yard.Symbol}/shipyard")["data"]!;
        s.Get($"systems/{system.Symbol}/waypoints/{gate.Symbol}/jump-gate");

        // Fleet reads.
        s.Get("my/ships?limit=20");
        s.Get($"my/ships/{command}");
        s.Get($"my/ships/{command}/cargo");
        s.Get($"my/ships/{command}/nav");
        s.Get($"my/ships/{command}/cooldown", expected: 204);
        s.Get($"my/ships/{command}/mounts");
        s.Get($"my/ships/{command}/modules");

        // Fly to the engineered asteroid, survey and mine.
        s.Teleport(command, hq, NavStatus.Docked);
        s.Post($"my/ships/{command}/orbit", expected: 200);
        s.Patch($"my/ships/{command}/nav", new { flightMode = "CRUISE" });
        var navigation = s.Post($"my/ships/{command}/navigate", new { waypointSymbol = asteroid.Symbol }, expected: 200)["data"]!;
        s.AdvanceTo(navigation["nav"]!["route"]!["arrival"]!.GetValue<string>());
        s.Post($"my/ships/{command}/dock", expected: 200);
        s.Post($"my/ships/{command}/orbit", expected: 200);
        var survey = s.Post($"my/ships/{command}/survey")["data"]!["surveys"]![0]!;
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/extract/survey", survey.DeepClone());
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/extract");
        s.Get($"my/ships/{command}/cooldown");
        s.WaitOutCooldowns();
        var mined = s.Get($"my/ships/{command}/cargo")["data"]!["inventory"]![0]!["symbol"]!.GetValue<string>();
        s.Post($"my/ships/{command}/jettison", new { symbol = mined, units = 1 }, expected: 200);

        // Buy a second ship with a hold and hand it some cargo.
        s.Teleport(probe, yard, NavStatus.Docked);
        var types = shipyard["shipTypes"]!.AsArray().Select(t => t!["type"]!.GetValue<string>()).ToList();
        var hauler = new[] { "SHIP_MINING_DRONE", "SHIP_SIPHON_DRONE", "SHIP_LIGHT_SHUTTLE", "SHIP_LIGHT_HAULER", "SHIP_ORE_HOUND" }.First(types.Contains);
        s.OnWorld(_ => s.Ship(command).Owner.Credits += 2_000_000);
        var bought = s.Post("my/ships", new { shipType = hauler, waypointSymbol = yard.Symbol })["data"]!["ship"]!["symbol"]!.GetValue<string>();
        s.Teleport(bought, asteroid, NavStatus.InOrbit);
        s.GiveCargo(command, "IRON_ORE", 2);
        s.Post($"my/ships/{command}/transfer", new { tradeSymbol = "IRON_ORE", units = 1, shipSymbol = bought }, expected: 200);

        // Siphon and scan at the gas giant.
        s.ClearCargo(command);
        s.Teleport(command, giant, NavStatus.InOrbit);
        s.Post($"my/ships/{command}/siphon");
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/scan/systems");
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/scan/waypoints");
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/scan/ships");
        s.WaitOutCooldowns();

        // Shipyard work: repair, mounts, modules; then refine with the new module.
        s.ClearCargo(command);
        s.Teleport(command, yard, NavStatus.Docked);
        s.Get($"my/ships/{command}/repair");
        s.Post($"my/ships/{command}/repair", expected: 200);
        s.Post($"my/ships/{command}/mounts/remove", new { symbol = "MOUNT_GAS_SIPHON_II" });
        s.Post($"my/ships/{command}/mounts/install", new { symbol = "MOUNT_GAS_SIPHON_II" });
        s.Post($"my/ships/{command}/modules/remove", new { symbol = "MODULE_GAS_PROCESSOR_I" });
        s.ClearCargo(command);
        s.GiveCargo(command, "MODULE_MICRO_REFINERY_I", 1);
        s.Post($"my/ships/{command}/modules/install", new { symbol = "MODULE_MICRO_REFINERY_I" });
        s.GiveCargo(command, "IRON_ORE", 10);
        s.Post($"my/ships/{command}/refine", new { produce = "IRON" });
        s.WaitOutCooldowns();
        s.ClearCargo(command);

        // Trade and refuel at a market with a ship present.
        s.Teleport(command, market, NavStatus.Docked);
        var goods = s.Get($"systems/{system.Symbol}/waypoints/{market.Symbol}/market")["data"]!["tradeGoods"]!.AsArray();
        var good = goods.Where(g => g!["type"]!.GetValue<string>() != "IMPORT").OrderBy(g => g!["purchasePrice"]!.GetValue<int>()).First()!["symbol"]!.GetValue<string>();
        s.Post($"my/ships/{command}/purchase", new { symbol = good, units = 1 });
        s.Post($"my/ships/{command}/sell", new { symbol = good, units = 1 });
        s.OnWorld(_ => s.Ship(command).Fuel = 0);
        s.Post($"my/ships/{command}/refuel", new { }, expected: 200);

        // The starting contract: accept, deliver everything, fulfil; then negotiate a new one.
        s.Get("my/contracts");
        s.Get($"my/contracts/{contractId}");
        s.Post($"my/contracts/{contractId}/accept", expected: 200);
        var (tradeSymbol, destination, remaining) = s.Game.FindAgent("SCHEMA")!.Contracts[0].Deliveries.Select(d => (d.TradeSymbol, d.Destination, d.UnitsRequired - d.UnitsFulfilled)).First();
        s.Teleport(command, s.Game.Universe.FindWaypoint(destination)!, NavStatus.Docked);
        while (remaining > 0)
        {
            var units = Math.Min(remaining, 30);
            s.ClearCargo(command);
            s.GiveCargo(command, tradeSymbol, units);
            s.Post($"my/contracts/{contractId}/deliver", new { shipSymbol = command, tradeSymbol, units }, expected: 200);
            remaining -= units;
        }

        s.Post($"my/contracts/{contractId}/fulfill", expected: 200);
        s.Teleport(command, hq, NavStatus.Docked);
        s.Post($"my/ships/{command}/negotiate/contract");

        // A construction site: read it and supply one unit of what it needs.
        var site = s.Game.Universe.ConstructionSites[0];
        var construction = s.Get($"systems/{site.System.Symbol}/waypoints/{site.Symbol}/construction")["data"]!;
        var material = construction["materials"]!.AsArray().First(m => m!["fulfilled"]!.GetValue<int>() < m["required"]!.GetValue<int>())!["tradeSymbol"]!.GetValue<string>();
        s.ClearCargo(command);
        s.Teleport(command, site, NavStatus.Docked);
        s.GiveCargo(command, material, 1);
        s.Post($"systems/{site.System.Symbol}/waypoints/{site.Symbol}/construction/supply", new { shipSymbol = command, tradeSymbol = material, units = 1 });

        // Jump through the home gate.
        var target = gate.Connections.Select(c => s.Game.Universe.FindWaypoint(c)!).First(w => !w.IsUnderConstruction);
        s.Teleport(command, gate, NavStatus.InOrbit);
        s.WaitOutCooldowns();
        s.Post($"my/ships/{command}/jump", new { waypointSymbol = target.Symbol }, expected: 200);

        // The probe charts an uncharted waypoint, then warps home with a warp drive fitted.
        var uncharted = s.Game.Universe.Waypoints.First(w => !w.IsCharted);
        s.Teleport(probe, uncharted, NavStatus.InOrbit);
        s.Post($"my/ships/{probe}/chart");
        s.OnWorld(_ =>
        {
            ShipCatalog.TryGetModule("MODULE_WARP_DRIVE_I", out var warpDrive);
            s.Ship(probe).Modules.Add(warpDrive);
        });
        s.Post($"my/ships/{probe}/warp", new { waypointSymbol = hq.Symbol }, expected: 200);

        // Scrap the bought ship at the shipyard.
        s.Teleport(bought, yard, NavStatus.Docked);
        s.Get($"my/ships/{bought}/scrap");
        s.Post($"my/ships/{bought}/scrap", expected: 200);
    }

    private sealed record Operation(string Id, string Method, string Template, Regex Pattern, JsonElement Responses);
}
