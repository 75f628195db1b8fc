using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;

namespace SpaceTraders.Dashboard.Tests.Support;

/// <summary>
/// One paced week-10 fleet and a dashboard server over it, shared by the live tests of this assembly (a fleet takes a
/// few seconds to play its first game hours). Tests that advance the game say so; every other test looks at the game
/// standing still, so what it compares is exact.
/// </summary>
internal sealed class LiveDashboard : IAsyncDisposable
{
    /// <summary>The game time the fleet plays before the first test looks.</summary>
    public static readonly TimeSpan FirstLook = TimeSpan.FromHours(3);

    private LiveDashboard(PacedFleet fleet, DashboardServer server, HttpClient http)
    {
        Fleet = fleet;
        Server = server;
        Http = http;
    }

    public PacedFleet Fleet { get; }

    public DashboardServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<LiveDashboard> StartAsync()
    {
        // As a runner does: the dashboard (and its metrics) first, then the run.
        var fleet = await PacedFleet.CreateAsync();
        var server = await DashboardServer.StartAsync(
            DashboardSource.ForRuntime(fleet.Runtime),
            new DashboardServerOptions { Url = "http://127.0.0.1:0", Configure = o => o.UpdateInterval = TimeSpan.FromMilliseconds(250) });
        fleet.Start();
        await fleet.AdvanceAsync(FirstLook);
        var http = new HttpClient { BaseAddress = server.Address };
        return new LiveDashboard(fleet, server, http);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {path}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Fleet.DisposeAsync();
    }
}

/// <summary>Where screenshots go: the test's output (attached to the result) and, on request, the README's images.</summary>
internal static class Screenshots
{
    /// <summary>Set to 1 to also write the screenshots to <c>docs/images/</c> (to refresh the README's).</summary>
    public const string UpdateVariable = "SPACETRADERS_UPDATE_SCREENSHOTS";

    public static string RepositoryRoot =>
        typeof(Screenshots).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static async Task SaveAsync(Microsoft.Playwright.IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new Microsoft.Playwright.PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var images = Path.Combine(RepositoryRoot, "docs", "images");
            Directory.CreateDirectory(images);
            File.Copy(path, Path.Combine(images, "dashboard-" + name + ".png"), overwrite: true);
        }
    }
}
