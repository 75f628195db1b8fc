using Microsoft.Playwright;

namespace SpaceTraders.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c> when missing) driven headless by Playwright,
/// with the flags this machine needs: no sandbox as root, no GPU, and none of Chromium's background network traffic (the
/// machine's network is closed). Playwright's own browser download is never used.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    /// <summary>Where Debian puts Chromium; <c>SPACETRADERS_CHROMIUM</c> overrides it.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("SPACETRADERS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Browser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    /// <summary>Starts Chromium with a new empty profile, or fails the test with what to install.</summary>
    public static async Task<Browser> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium is not installed at {ExecutablePath}: run 'apt-get install -y chromium' (.ci/run does it), or set SPACETRADERS_CHROMIUM.");
        }

        var profile = Directory.CreateTempSubdirectory("st-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Timeout = 60_000,
        });
        return new Browser(playwright, context, profile);
    }

    /// <summary>Opens a page that records every console error and page error.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync()
    {
        var page = await Context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile on the way out; the temp folder is cleaned by the system.
        }
    }
}
