using System.Globalization;
using System.Text.Json.Nodes;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Simulator.Tests.Hosting;
using SpaceTraders.Simulator.Timing;

namespace SpaceTraders.Simulator.Tests.Faults;

/// <summary>
/// The <c>reorder</c> profile (<see cref="FaultKind.Reorder"/>): every success answer lists the order-free things in a new
/// order drawn from the seed; the content stays the same, paged and chronological lists keep their order.
/// </summary>
[TestFixture]
public sealed class ReorderTests
{
    private const int Seed = 12;

    [Test]
    public async Task Two_reads_of_the_same_ship_and_market_come_back_in_different_orders_with_the_same_content()
    {
        await using var reordered = await World.StartAsync(FaultProfiles.Reorder);
        await using var plain = await World.StartAsync(FaultProfiles.None);

        foreach (var path in reordered.Paths)
        {
            var first = await reordered.GetAsync(path);
            var second = await reordered.GetAsync(path);
            var fixedOrder = await plain.GetAsync(path);

            Assert.That(Canonical(first), Is.EqualTo(Canonical(fixedOrder)), $"{path}: the same content as without the fault");
            Assert.That(Canonical(second), Is.EqualTo(Canonical(fixedOrder)), $"{path}: the same content as without the fault");
        }

        var ship = $"my/ships/{reordered.Agent}-1";
        var market = $"systems/{reordered.System}/waypoints/{reordered.Headquarters}/market";
        string Order(JsonNode body, string list) => string.Join(",", body["data"]![list]!.AsArray().Select(i => i!["symbol"]!.GetValue<string>()));
        var ships = new[] { await reordered.GetAsync(ship), await reordered.GetAsync(ship), await reordered.GetAsync(ship) };
        var markets = new[] { await reordered.GetAsync(market), await reordered.GetAsync(market), await reordered.GetAsync(market) };
        Assert.That(markets[0]["data"]!["tradeGoods"]!.AsArray(), Has.Count.GreaterThan(3), "the command ship is at the market, so it sees the prices");
        Assert.That(ships.Select(s => Order(s, "modules")).Distinct().Count(), Is.GreaterThan(1), "modules in another order");
        Assert.That(markets.Select(m => Order(m, "tradeGoods")).Distinct().Count(), Is.GreaterThan(1), "trade goods in another order");
        Assert.That(markets.Select(m => Order(m, "exchange") + "|" + Order(m, "imports") + "|" + Order(m, "exports")).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public async Task Paged_lists_keep_their_order()
    {
        await using var reordered = await World.StartAsync(FaultProfiles.Reorder);
        await using var plain = await World.StartAsync(FaultProfiles.None);

        for (var page = 1; page <= 2; page++)
        {
            var path = $"systems/{reordered.System}/waypoints?limit=20&page={page}";
            var shuffled = await reordered.GetAsync(path);
            var fixedOrder = await plain.GetAsync(path);

            Assert.That(Symbols(shuffled["data"]!), Is.EqualTo(Symbols(fixedOrder["data"]!)), $"page {page}");
            Assert.That(shuffled["data"]!.ToJsonString(), Is.Not.EqualTo(fixedOrder["data"]!.ToJsonString()), "the traits inside the page items do move");
            Assert.That(Canonical(shuffled), Is.EqualTo(Canonical(fixedOrder)));
        }
    }

    [Test]
    public async Task The_orders_are_the_same_for_the_same_seed_and_differ_for_another()
    {
        await using var one = await World.StartAsync(FaultProfiles.Reorder);
        await using var two = await World.StartAsync(FaultProfiles.Reorder);
        await using var other = await World.StartAsync(FaultProfiles.Reorder, seed: Seed + 1);

        var same = new List<string>();
        var again = new List<string>();
        foreach (var path in one.Paths)
        {
            same.Add((await one.GetAsync(path)).ToJsonString());
            again.Add((await two.GetAsync(path)).ToJsonString());
        }

        Assert.That(again, Is.EqualTo(same));

        // Another seed is another world too: compare the order of the ship's modules, which every command ship has.
        var ship = $"my/ships/{one.Agent}-1";
        var modules = (await one.GetAsync(ship))["data"]!["modules"]!.AsArray().Select(m => m!["symbol"]!.GetValue<string>()).ToList();
        var otherModules = (await other.GetAsync(ship))["data"]!["modules"]!.AsArray().Select(m => m!["symbol"]!.GetValue<string>()).ToList();
        Assert.That(otherModules, Is.EquivalentTo(modules));
        Assert.That(otherModules, Is.Not.EqualTo(modules));
    }

    [Test]
    public async Task A_survey_keeps_its_deposits_in_order_so_it_can_be_sent_back_unmodified()
    {
        await using var world = await World.StartAsync(FaultProfiles.Reorder);
        var ship = $"{world.Agent}-1";
        var asteroid = (await world.GetAsync($"systems/{world.System}/waypoints?type=ENGINEERED_ASTEROID"))["data"]![0]!["symbol"]!.GetValue<string>();
        await world.SendAsync(HttpMethod.Post, $"my/ships/{ship}/orbit", 200);
        var nav = (await world.SendAsync(HttpMethod.Post, $"my/ships/{ship}/navigate", 200, $$"""{"waypointSymbol":"{{asteroid}}"}"""))["data"]!["nav"]!;
        world.Clock.AdvanceTo(DateTimeOffset.Parse(nav["route"]!["arrival"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        var created = (await world.SendAsync(HttpMethod.Post, $"my/ships/{ship}/survey", 201))["data"]!;
        world.Clock.Advance(TimeSpan.FromSeconds(created["cooldown"]!["totalSeconds"]!.GetValue<int>()));

        foreach (var survey in created["surveys"]!.AsArray())
        {
            var stored = world.Simulation.Game!.VerifySurvey(
                survey!["signature"]!.GetValue<string>(),
                survey["symbol"]!.GetValue<string>(),
                [.. survey["deposits"]!.AsArray().Select(d => d!["symbol"]!.GetValue<string>())],
                DateTimeOffset.Parse(survey["expiration"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                survey["size"]!.GetValue<string>(),
                world.Clock.GetUtcNow());
            Assert.That(stored.Deposits, Has.Length.GreaterThan(2));
        }

        var extracted = await world.SendAsync(HttpMethod.Post, $"my/ships/{ship}/extract/survey", 201, created["surveys"]![0]!.ToJsonString());
        Assert.That(extracted["data"]!["extraction"], Is.Not.Null);
    }

    [Test]
    public void The_lists_inside_an_answer_move_and_the_envelope_survey_and_history_lists_do_not()
    {
        const string Json = """
            {"data":[
              {"symbol":"A","traits":[{"symbol":"T1"},{"symbol":"T2"},{"symbol":"T3"},{"symbol":"T4"},{"symbol":"T5"},{"symbol":"T6"}],
               "transactions":[{"units":1},{"units":2},{"units":3},{"units":4},{"units":5},{"units":6}],
               "surveys":[{"signature":"S1","deposits":[{"symbol":"D1"},{"symbol":"D2"},{"symbol":"D3"},{"symbol":"D4"},{"symbol":"D5"},{"symbol":"D6"}]}]},
              {"symbol":"B"},{"symbol":"C"},{"symbol":"D"},{"symbol":"E"},{"symbol":"F"}],
             "meta":{"total":6,"page":1,"limit":20}}
            """;
        var moved = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var response = new SimResponse { Status = 200, RawBody = System.Text.Encoding.UTF8.GetBytes(Json) };
            Assert.That(OrderFreeLists.Apply(response, new Random(seed)), Is.EqualTo(1), "traits only: the survey's deposits and a list of one stay");
            var body = JsonNode.Parse(response.RawBody!.Value.Span)!;
            var item = body["data"]![0]!;

            Assert.That(Symbols(body["data"]!), Is.EqualTo(new[] { "A", "B", "C", "D", "E", "F" }));
            Assert.That(item["transactions"]!.AsArray().Select(t => t!["units"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(Symbols(item["surveys"]![0]!["deposits"]!), Is.EqualTo(new[] { "D1", "D2", "D3", "D4", "D5", "D6" }));
            Assert.That(Symbols(item["traits"]!), Is.EquivalentTo(new[] { "T1", "T2", "T3", "T4", "T5", "T6" }));
            moved += Symbols(item["traits"]!).SequenceEqual(["T1", "T2", "T3", "T4", "T5", "T6"]) ? 0 : 1;
        }

        Assert.That(moved, Is.GreaterThan(15));
    }

    [TestCase(404)]
    [TestCase(409)]
    public void Error_answers_are_left_alone(int status)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"error":{"data":{"traits":["A","B","C","D","E"]}}}""");
        var response = new SimResponse { Status = status, RawBody = bytes };

        Assert.That(OrderFreeLists.Apply(response, new Random(1)), Is.Zero);
        Assert.That(response.RawBody!.Value.ToArray(), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Other_faults_still_hit_a_reordered_server()
    {
        await using var world = await World.StartAsync(FaultProfiles.Reorder);
        world.Simulation.Faults.Inject(FaultKind.BadGateway, path: "/my/agent");

        using var response = await world.Http.SendAsync(TestHttp.Request(HttpMethod.Get, "my/agent", world.Token));

        Assert.That((int)response.StatusCode, Is.EqualTo(502), "a rule added after the profile's reorder rule still applies");
        Assert.That((await world.GetAsync("my/agent"))["data"]!["symbol"]!.GetValue<string>(), Is.EqualTo(world.Agent));
    }

    [Test]
    public void The_profile_is_listed_and_has_one_certain_reorder_rule()
    {
        Assert.That(FaultProfiles.Names, Does.Contain("reorder"));
        var rule = FaultProfiles.Rules("REORDER").Single();
        Assert.That((rule.Kind, rule.Probability, rule.Path, rule.Count), Is.EqualTo((FaultKind.Reorder, 1.0, (string?)null, (int?)null)));
    }

    private static string[] Symbols(JsonNode list) => [.. list.AsArray().Select(i => i!["symbol"]!.GetValue<string>())];

    /// <summary>The body with every order-free list sorted (by each item's JSON), recursively.</summary>
    private static string Canonical(JsonNode body)
    {
        var copy = body.DeepClone();
        Sort(copy);
        return copy.ToJsonString();

        static void Sort(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        Sort(value);
                        if (value is JsonArray list && OrderFreeLists.Names.Contains(name) && !(name == "deposits" && obj.ContainsKey("signature")))
                        {
                            var items = list.Select(i => i?.DeepClone()).OrderBy(i => i?.ToJsonString(), StringComparer.Ordinal).ToList();
                            list.Clear();
                            items.ForEach(list.Add);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Sort(item);
                    }

                    break;
            }
        }
    }

    private sealed class World : IAsyncDisposable
    {
        private World(VirtualClock clock, Simulation simulation, HttpClient http)
        {
            Clock = clock;
            Simulation = simulation;
            Http = http;
        }

        public VirtualClock Clock { get; }

        public Simulation Simulation { get; }

        public HttpClient Http { get; }

        public string Token { get; private set; } = string.Empty;

        public string Agent { get; } = "ORDER";

        public string System { get; private set; } = string.Empty;

        public string Headquarters { get; private set; } = string.Empty;

        /// <summary>Gets reads with order-free lists: the ship (mounts, modules, cargo), the headquarters (traits, orbitals), its market, the system, the contract.</summary>
        public IEnumerable<string> Paths =>
        [
            $"my/ships/{Agent}-1",
            $"my/ships/{Agent}-2",
            $"systems/{System}/waypoints/{Headquarters}",
            $"systems/{System}/waypoints/{Headquarters}/market",
            $"systems/{System}",
            "my/contracts",
            "my/ships",
        ];

        public static async Task<World> StartAsync(string profile, int seed = Seed)
        {
            var clock = new VirtualClock();
            var simulation = new Simulation(new SimulationOptions { Seed = seed, Clock = clock, FaultProfile = profile });
            simulation.RateLimits.Enabled = false;
            var world = new World(clock, simulation, simulation.CreateHttpClient());
            world.Token = await world.Http.RegisterAsync(world.Agent);
            var agent = await world.GetAsync("my/agent");
            world.Headquarters = agent["data"]!["headquarters"]!.GetValue<string>();
            world.System = world.Headquarters[..world.Headquarters.LastIndexOf('-')];
            return world;
        }

        public async Task<JsonNode> GetAsync(string path) => await SendAsync(HttpMethod.Get, path, 200);

        public async Task<JsonNode> SendAsync(HttpMethod method, string path, int status, string? json = null)
        {
            var (actual, body, response) = await Http.SendAsync(method, path, Token, json);
            response.Dispose();
            Assert.That(actual, Is.EqualTo(status), $"{method} {path}: {body?.ToJsonString()}");
            return body!;
        }

        public ValueTask DisposeAsync()
        {
            Http.Dispose();
            Clock.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
