using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SpaceTraders.Dashboard.Tests.Support;
using SpaceTraders.Runtime.Analytics;
using SpaceTraders.Runtime.Stores;
using SpaceTraders.Runtime.PostgreSql;
using SpaceTraders.Testing;

namespace SpaceTraders.Dashboard.Tests.History;

/// <summary>
/// The dashboard over a PostgreSQL store's database without a runtime (the runner's <c>--dashboard-only</c> mode): a
/// week-10 fleet plays two game hours into a throwaway cluster, stops, and the dashboard shows its history read-only,
/// with the store's own figures.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HistoryTests
{
    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;
    private DashboardServer _server = null!;
    private HttpClient _http = null!;
    private PostgresStore _reader = null!;
    private DateTimeOffset _end;
    private string _system = null!;

    [OneTimeSetUp]
    public async Task PlayThenOpenAsync()
    {
        _cluster = await PostgresCluster.StartAsync(CancellationToken.None);
        _connectionString = await _cluster.CreateDatabaseAsync(CancellationToken.None);
        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = _connectionString });
        await using (store)
        {
            var fleet = await PacedFleet.CreateAsync(seed: 7, store: store, agent: "HISTORY");
            await using (fleet)
            {
                fleet.Start();
                await fleet.AdvanceAsync(TimeSpan.FromHours(2));
                _system = fleet.Runtime.GetShipStates().First().Nav!.SystemSymbol;
            }
        }

        // A store that only reads, to compare with (never initialised: no migration, no writer).
        _reader = new PostgresStore(new PostgresStoreOptions { ConnectionString = _connectionString });
        _server = await DashboardServer.StartAsync(
            DashboardSource.ForHistory(new PostgresHistory(_connectionString), ownsHistory: true),
            new DashboardServerOptions { Url = "http://127.0.0.1:0", OwnsSource = true, Configure = o => o.ExportMetrics = false });
        _http = new HttpClient { BaseAddress = _server.Address };
        var overview = await GetAsync("/api/overview");
        _end = DateTimeOffset.FromUnixTimeMilliseconds(overview.GetProperty("header").GetProperty("at").GetInt64());
    }

    [OneTimeTearDown]
    public async Task CloseAsync()
    {
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Healthz_says_the_history_is_served_while_its_database_answers()
    {
        using var response = await _http.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(json.GetProperty("at").GetDateTimeOffset(), Is.EqualTo(_end), "the last record's time, as the overview's");
            Assert.That(json.GetProperty("parts").GetProperty("history").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task The_overview_has_the_recorded_figures()
    {
        var overview = await GetAsync("/api/overview");
        var agent = overview.GetProperty("agents")[0];
        var movements = await _reader.GetCreditMovementsAsync("HISTORY", CancellationToken.None);
        var minutes = await _reader.GetSaturationAsync(DateTimeOffset.MinValue.AddYears(2000), _end.AddMinutes(1), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(overview.GetProperty("header").GetProperty("mode").GetString(), Is.EqualTo("history"));
            Assert.That(overview.GetProperty("header").GetProperty("source").GetString(), Does.StartWith("history (read-only)").And.Not.Contain("Password"));
            Assert.That(agent.GetProperty("credits").GetInt64(), Is.EqualTo(movements[^1].BalanceAfter));
            Assert.That(agent.GetProperty("creditsEarned").GetInt64(), Is.EqualTo(movements.Where(m => !CapitalSpending.IsCapital(m)).Sum(m => m.Amount)), "the JSON report's credits earned: operating earnings");
            Assert.That(agent.GetProperty("capitalSpent").ValueKind, Is.EqualTo(JsonValueKind.Number), "split as live: the capital spent beside the earnings");
            Assert.That(agent.GetProperty("capitalSpent").GetInt64(), Is.EqualTo(-movements.Where(CapitalSpending.IsCapital).Sum(m => m.Amount)));
            Assert.That(agent.GetProperty("requests").GetInt64(), Is.EqualTo(minutes.Sum(m => (long)m.Requests)), "the JSON report's requests");
            Assert.That(agent.GetProperty("timeline").GetProperty("t").GetArrayLength(), Is.GreaterThan(30));
            var earned = agent.GetProperty("timeline").GetProperty("operatingEarned");
            Assert.That(earned[earned.GetArrayLength() - 1].GetInt64(), Is.EqualTo(agent.GetProperty("creditsEarned").GetInt64()), "the chart's operating earnings end at the tile's");
        });
    }

    [Test]
    public async Task Behaviours_ships_and_a_ship_come_from_the_records()
    {
        var expected = await _reader.GetGroupReportsAsync(ReportGrouping.Behaviour, _end, CancellationToken.None);
        var behaviours = await GetAsync("/api/behaviours");
        Assert.That(
            behaviours.GetProperty("behaviours").EnumerateArray().Select(b => (b.GetProperty("key").GetString(), b.GetProperty("sessions").GetInt32(), b.GetProperty("requests").GetInt64(), b.GetProperty("credits").GetInt64())),
            Is.EqualTo(expected.Select(g => ((string?)g.Key, g.Sessions, g.Requests, g.CreditsEarned))));

        var ships = (await GetAsync("/api/ships")).GetProperty("ships").EnumerateArray().ToList();
        Assert.That(ships, Has.Count.EqualTo(5), "two ships of a new agent and the three probes bought");
        var sessions = await _reader.GetSessionReportsAsync(SessionQuery.All, _end, CancellationToken.None);
        var busiest = sessions.GroupBy(s => s.ShipSymbol).OrderByDescending(g => g.Sum(s => s.Requests)).First();
        var ship = await GetAsync("/api/ships/" + busiest.Key);
        Assert.Multiple(() =>
        {
            Assert.That(ship.GetProperty("sessions").GetArrayLength(), Is.EqualTo(busiest.Count()));
            Assert.That(ship.GetProperty("requests").GetArrayLength(), Is.InRange(1, 50));
            Assert.That(ship.GetProperty("ship").GetProperty("location").GetString() ?? ship.GetProperty("ship").GetProperty("destination").GetString(), Is.Not.Null, "its last recorded navigation");
        });
    }

    [Test]
    public async Task Markets_and_the_map_come_from_the_records()
    {
        var markets = (await GetAsync("/api/markets")).GetProperty("markets").EnumerateArray().ToList();
        Assert.That(markets, Is.Not.Empty);
        var market = await GetAsync("/api/markets/" + markets[0].GetProperty("waypoint").GetString());
        Assert.That(market.GetProperty("goods").GetArrayLength(), Is.GreaterThan(0));
        var map = await GetAsync("/api/system/" + _system);
        Assert.That(map.GetProperty("fromRoutesOnly").GetBoolean(), Is.True, "the database keeps no waypoints: the routes the ships flew");
        Assert.That(map.GetProperty("waypoints").GetArrayLength(), Is.GreaterThan(0));
        using var unknown = await _http.GetAsync("/ships/NOBODY-1");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Reading_the_history_writes_nothing()
    {
        var before = await CountRowsAsync();
        foreach (var path in new[] { "/api/overview", "/api/ships", "/api/behaviours", "/api/markets", "/api/system/" + _system })
        {
            using var response = await _http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }

        Assert.That(await CountRowsAsync(), Is.EqualTo(before));

        await using var history = new PostgresHistory(_connectionString);
        var field = typeof(PostgresHistory).GetField("_dataSource", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var dataSource = (NpgsqlDataSource)field.GetValue(history)!;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var write = new NpgsqlCommand("DELETE FROM spacetraders.sessions", connection);
        var refused = Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.That(refused!.SqlState, Is.EqualTo("25006"), "read-only transaction");
    }

    [Test]
    public async Task History_connections_compile_no_queries()
    {
        // PostgreSQL's JIT, set off by the estimated cost of a week's queries, spent half a second compiling each of them.
        await using var history = new PostgresHistory(_connectionString);
        var field = typeof(PostgresHistory).GetField("_dataSource", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var dataSource = (NpgsqlDataSource)field.GetValue(history)!;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SHOW jit", connection);
        Assert.That(await show.ExecuteScalarAsync(), Is.EqualTo("off"));
    }

    [Test]
    public async Task One_fleet_read_serves_every_page_until_it_is_stale()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var counting = new CountingHistory(new PostgresHistory(_connectionString));
        await using var server = await DashboardServer.StartAsync(
            DashboardSource.ForHistory(counting, ownsHistory: true),
            new DashboardServerOptions
            {
                Url = "http://127.0.0.1:0",
                OwnsSource = true,
                Configure = o =>
                {
                    o.ExportMetrics = false;
                    o.PushClock = clock;
                },
            });
        using var http = new HttpClient { BaseAddress = server.Address };
        foreach (var path in new[] { "/api/overview", "/api/ships", "/api/behaviours", "/api/markets", "/api/system/" + _system })
        {
            using var response = await http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }

        Assert.Multiple(() =>
        {
            Assert.That(counting.Spans, Is.EqualTo(1), "one fleet read for the five paths");
            Assert.That(counting.Timelines, Is.EqualTo(1), "the overview draws the fleet read's timeline");
            Assert.That(counting.SessionReads, Is.EqualTo(1), "the behaviours page counts the fleet read's sessions");
        });

        clock.Advance(TimeSpan.FromSeconds(16));
        using (var stale = await http.GetAsync("/api/ships"))
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(counting.Spans, Is.EqualTo(2), "read again once stale");
    }

    [Test]
    [Category("Browser")]
    public async Task The_history_pages_load_in_a_browser_without_console_errors()
    {
        await using var browser = await Support.Browser.StartAsync();
        foreach (var path in new[] { "/", "/ships", "/behaviours", "/markets", "/system/" + _system })
        {
            var (page, errors) = await browser.OpenAsync();
            var response = await page.GotoAsync(new Uri(_server.Address, path).ToString());
            Assert.That(response!.Status, Is.EqualTo(200), path);
            await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
            if (path == "/")
            {
                await Screenshots.SaveAsync(page, "history-overview");
            }

            Assert.That(errors, Is.Empty, path);
            await page.CloseAsync();
        }
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM spacetraders.sessions) + (SELECT count(*) FROM spacetraders.requests) + (SELECT count(*) FROM spacetraders.credit_movements) + (SELECT count(*) FROM spacetraders.ship_parts) + (SELECT count(*) FROM spacetraders.market_observations) + (SELECT count(*) FROM spacetraders.schema_migrations)",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
