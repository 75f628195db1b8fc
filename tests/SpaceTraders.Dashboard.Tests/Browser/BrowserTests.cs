using Microsoft.Playwright;
using SpaceTraders.Dashboard.Tests.Support;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, headless, driven by Playwright) over a live week-10 fleet in
/// virtual time. The game stands still while a test looks, except where a test advances it.
/// </summary>
[TestFixture]
[Category("Browser")]
[NonParallelizable]
public sealed class BrowserTests
{
    private Support.Browser _browser = null!;

    private static LiveDashboard Live => LiveDashboardFixture.Dashboard;

    [OneTimeSetUp]
    public async Task StartBrowserAsync() => _browser = await Support.Browser.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Test]
    [Order(1)]
    public async Task Every_page_loads_without_console_errors_and_updates_without_reloading()
    {
        var runtime = Live.Fleet.Runtime;
        var snapshot = runtime.GetSnapshot();
        var ship = snapshot.Agents[0].Ships.OrderByDescending(s => s.Session?.Requests ?? 0).First().Symbol;
        var behaviour = (await runtime.Store.GetGroupReportsAsync(ReportGrouping.Behaviour, snapshot.At, CancellationToken.None)).OrderByDescending(g => g.Requests).First().Key;
        var market = runtime.GetMarkets().First(m => m.Market.TradeGoods is { Count: > 0 }).Market.Symbol;
        var system = runtime.GetShipStates().First().Nav!.SystemSymbol;
        var pages = new (string Name, string Path)[]
        {
            ("overview", "/"),
            ("ships", "/ships"),
            ("ship", "/ships/" + ship),
            ("behaviours", "/behaviours"),
            ("behaviour", "/behaviours/" + Uri.EscapeDataString(behaviour)),
            ("markets", "/markets"),
            ("market", "/markets/" + market),
            ("system", "/system/" + system),
        };

        foreach (var (name, path) in pages)
        {
            var (page, errors) = await _browser.OpenAsync();
            var navigations = 0;
            page.FrameNavigated += (_, frame) =>
            {
                if (frame == page.MainFrame)
                {
                    navigations++;
                }
            };
            var response = await page.GotoAsync(new Uri(Live.Server.Address, path).ToString());
            Assert.That(response!.Status, Is.EqualTo(200), path);

            // The first pushed payload draws the page; wait for two more pushes, which redraw it in place.
            await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("() => window.dashboard.updates >= 1 && document.querySelector('.loading') === null");
            await Screenshots.SaveAsync(page, name);
            Assert.Multiple(() =>
            {
                Assert.That(errors, Is.Empty, $"console errors on {path}");
                Assert.That(navigations, Is.EqualTo(1), $"{path} was not reloaded");
            });
            await page.CloseAsync();
        }
    }

    [Test]
    [Order(2)]
    public async Task The_ships_table_lists_every_ship()
    {
        var (page, errors) = await _browser.OpenAsync();
        await page.GotoAsync(new Uri(Live.Server.Address, "/ships").ToString());
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        var shown = await page.Locator("tr[data-ship]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ship)");
        var expected = Live.Fleet.Runtime.GetSnapshot().Agents.SelectMany(a => a.Ships).Select(s => s.Symbol).OrderBy(PurchaseOrder);
        Assert.That(shown, Is.EqualTo(expected), "sorted by symbol at first");

        // By the hexadecimal number the game gives ships as they are bought, not by text: AGENT-2 before AGENT-10.
        var sorted = await page.EvaluateAsync<string[]>(
            "symbols => symbols.sort((a, b) => { const x = dashboard.shipKey(a), y = dashboard.shipKey(b); return x < y ? -1 : x > y ? 1 : 0; })",
            new[] { "B-1", "A-10", "A-2", "A-1A", "A-F", "A-1", "A-A", "A-9", "PLAIN" });
        Assert.That(sorted, Is.EqualTo(new[] { "A-1", "A-2", "A-9", "A-A", "A-F", "A-10", "A-1A", "B-1", "PLAIN" }));

        // Filtering and sorting work on the same rows.
        var one = shown[^1];
        await page.FillAsync("input[type=search]", one);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('tr[data-ship]').length === n", 1);
        await page.FillAsync("input[type=search]", string.Empty);
        await page.ClickAsync("th[data-key=symbol]");
        var descending = await page.Locator("tr[data-ship]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.ship)");
        Assert.That(descending, Is.EqualTo(expected.Reverse()));
        Assert.That(errors, Is.Empty);
        await page.CloseAsync();
    }

    [Test]
    [Order(3)]
    public async Task Clicking_a_ship_opens_its_detail_page_with_its_sessions()
    {
        var runtime = Live.Fleet.Runtime;
        var snapshot = runtime.GetSnapshot();
        var sessions = await runtime.Store.GetSessionReportsAsync(SessionQuery.All, snapshot.At, CancellationToken.None);
        var ship = sessions.GroupBy(s => s.ShipSymbol).OrderByDescending(g => g.Count()).First();

        var (page, errors) = await _browser.OpenAsync();
        await page.GotoAsync(new Uri(Live.Server.Address, "/ships").ToString());
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        await page.ClickAsync($"tr[data-ship='{ship.Key}'] a[href='/ships/{ship.Key}']");
        await page.WaitForURLAsync("**/ships/" + ship.Key);
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        Assert.Multiple(async () =>
        {
            Assert.That(await page.TextContentAsync("h1"), Is.EqualTo(ship.Key));
            Assert.That(await page.GetAttributeAsync("table[data-table=sessions]", "data-rows"), Is.EqualTo(ship.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(errors, Is.Empty);
        });
        await page.CloseAsync();
    }

    [Test]
    [Order(4)]
    public async Task The_map_draws_every_waypoint_of_the_system()
    {
        var runtime = Live.Fleet.Runtime;
        var system = runtime.GetShipStates().First().Nav!.SystemSymbol;
        var waypoints = runtime.GetWaypoints(system);
        var (page, errors) = await _browser.OpenAsync();
        await page.GotoAsync(new Uri(Live.Server.Address, "/system").ToString());
        await page.WaitForURLAsync("**/system/" + system);
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        var drawn = await page.EvaluateAsync<string[]>("() => window.dashboard.charts.map.data.datasets.slice(0, 4).flatMap(d => d.data.map(p => p.label.split(' ')[0]))");
        Assert.Multiple(async () =>
        {
            Assert.That(drawn.Order(StringComparer.Ordinal), Is.EqualTo(waypoints.Select(w => w.Symbol).Order(StringComparer.Ordinal)), "every waypoint is a point of the map");
            Assert.That(await page.GetAttributeAsync("canvas[data-chart=map]", "data-waypoints"), Is.EqualTo(waypoints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(await page.GetAttributeAsync("table[data-table=waypoints]", "data-rows"), Is.EqualTo(waypoints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(await page.GetAttributeAsync("canvas[data-chart=map]", "data-ships"), Is.EqualTo(runtime.GetShipStates().Count(s => s.Nav?.SystemSymbol == system).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(errors, Is.Empty);
        });
        await page.CloseAsync();
    }

    [Test]
    [Order(5)]
    public async Task An_unknown_ship_gives_the_404_page()
    {
        var (page, _) = await _browser.OpenAsync();
        var response = await page.GotoAsync(new Uri(Live.Server.Address, "/ships/NOBODY-7").ToString());
        Assert.Multiple(async () =>
        {
            Assert.That(response!.Status, Is.EqualTo(404));
            Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("404: not found"));
            Assert.That(await page.ContentAsync(), Does.Contain("Ship 'NOBODY-7'").And.Not.Contain("Exception"));
        });
        await Screenshots.SaveAsync(page, "not-found");
        await page.CloseAsync();
    }

    // The CPH/CPR chart used to run on the net change of credits, with no sign of the capital spent: a ship bought made
    // it dip below zero while the tiles above it (operating earnings) said the fleet earned.
    [Test]
    [Order(6)]
    public async Task The_overview_charts_draw_operating_cph_and_the_capital_spent_apart()
    {
        var (page, errors) = await _browser.OpenAsync();
        await page.GotoAsync(new Uri(Live.Server.Address, "/").ToString());
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        var agent = Live.Fleet.Agent;
        var charts = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "agent => { const c = window.dashboard.charts; const t = window.dashboard.payload.agents[0].timeline;"
            + " const ys = d => d.data.map(p => p.y);"
            + " return { creditLabels: c['credits-' + agent].data.datasets.map(d => d.label), capital: ys(c['credits-' + agent].data.datasets[1]),"
            + " cphLabel: c['earnings-' + agent].data.datasets[0].label, cph: ys(c['earnings-' + agent].data.datasets[0]),"
            + " axis: c['earnings-' + agent].options.scales.y.title.text,"
            + " footer: c['earnings-' + agent].options.plugins.tooltip.callbacks.footer([{ dataIndex: t.t.length - 1 }]),"
            + " expectedCapital: t.capitalSpent, expectedCph: t.cph, earned: t.operatingEarned[t.operatingEarned.length - 1] }; }",
            agent);
        Assert.Multiple(() =>
        {
            Assert.That(charts.GetProperty("creditLabels")[1].GetString(), Does.StartWith("Capital spent"));
            Assert.That(charts.GetProperty("capital").GetRawText(), Is.EqualTo(charts.GetProperty("expectedCapital").GetRawText()), "the capital spent, drawn apart");
            Assert.That(charts.GetProperty("cphLabel").GetString(), Does.Contain("operating"));
            Assert.That(charts.GetProperty("axis").GetString(), Does.Contain("operating CPH"));
            Assert.That(charts.GetProperty("cph").GetRawText(), Is.EqualTo(charts.GetProperty("expectedCph").GetRawText()), "the operating CPH");
            Assert.That(charts.GetProperty("footer").GetString(), Does.StartWith("Operating earnings").And.Contain("capital spent"));
            Assert.That(errors, Is.Empty);
        });
        await page.CloseAsync();
    }

    [Test]
    [Order(10)]
    public async Task The_overview_chart_has_points_and_gains_more_as_the_run_advances()
    {
        var (page, errors) = await _browser.OpenAsync();
        await page.GotoAsync(new Uri(Live.Server.Address, "/").ToString());
        await page.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        var agent = Live.Fleet.Agent;
        var selector = $"canvas[data-chart='credits-{agent}']";
        var before = int.Parse((await page.GetAttributeAsync(selector, "data-points"))!, System.Globalization.CultureInfo.InvariantCulture);
        var expected = Live.Fleet.Runtime.GetTimeline(agent).Count;
        Assert.That(before, Is.EqualTo(expected).And.GreaterThan(0), "the chart draws the runtime's timeline");
        var drawn = await page.EvaluateAsync<int>($"() => window.dashboard.charts['credits-{agent}'].data.datasets[0].data.length");
        Assert.That(drawn, Is.EqualTo(before));
        var axisStart = await page.EvaluateAsync<double>($"() => window.dashboard.charts['credits-{agent}'].scales.x.min");
        Assert.That(axisStart, Is.EqualTo(0), "the time axis opens at the run's start, not half an hour before it");

        await Live.Fleet.AdvanceAsync(TimeSpan.FromMinutes(30));
        var after = Live.Fleet.Runtime.GetTimeline(agent).Count;
        Assert.That(after, Is.GreaterThan(before), "the run went on");

        // The page is pushed the new figures: no reload, the chart grows to the runtime's new timeline.
        await page.WaitForFunctionAsync($"n => Number(document.querySelector(\"{selector}\").dataset.points) === n", after, new() { Timeout = 30_000 });

        // It was sent only the changes (deltas), and drew from them the same charts as a page that loads the whole now.
        var at = Live.Fleet.Runtime.GetSnapshot().At.ToUnixTimeMilliseconds();
        await page.WaitForFunctionAsync("at => window.dashboard.payload.header.at === at", at, new() { Timeout = 30_000 });
        var (fresh, freshErrors) = await _browser.OpenAsync();
        await fresh.GotoAsync(new Uri(Live.Server.Address, "/").ToString());
        await fresh.WaitForFunctionAsync("() => window.dashboard && window.dashboard.updates >= 1", null, new() { Timeout = 30_000 });
        const string Charts = "() => JSON.stringify(Object.entries(window.dashboard.charts).map(([name, chart]) => [name, chart.data.datasets.map(d => d.data)]))";
        Assert.Multiple(async () =>
        {
            Assert.That(await page.EvaluateAsync<int>("() => window.dashboard.deltas || 0"), Is.GreaterThan(0), "deltas were applied");
            Assert.That(await fresh.EvaluateAsync<long>("() => window.dashboard.payload.header.at"), Is.EqualTo(at), "the same moment");
            Assert.That(await page.EvaluateAsync<string>(Charts), Is.EqualTo(await fresh.EvaluateAsync<string>(Charts)), "the same charts as a full load");
            Assert.That(errors, Is.Empty);
            Assert.That(freshErrors, Is.Empty);
        });
        await fresh.CloseAsync();
        await page.CloseAsync();
    }

    /// <summary>A ship symbol's agent, then the hexadecimal number the game counts its ships up with.</summary>
    private static (string Agent, long Number) PurchaseOrder(string symbol)
    {
        var dash = symbol.LastIndexOf('-');
        return (symbol[..(dash + 1)], long.Parse(symbol[(dash + 1)..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
    }
}
