using SpaceTraders.Dashboard.Tests.Support;

namespace SpaceTraders.Dashboard.Tests;

/// <summary>Starts the shared live dashboard once for the tests that use it, and stops it after them.</summary>
[SetUpFixture]
public sealed class LiveDashboardFixture
{
    private static LiveDashboard? _dashboard;

    internal static LiveDashboard Dashboard => _dashboard ?? throw new InvalidOperationException("The live dashboard did not start; see the OneTimeSetUp failure.");

    [OneTimeSetUp]
    public async Task StartAsync() => _dashboard = await LiveDashboard.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_dashboard is { } dashboard)
        {
            _dashboard = null;
            await dashboard.DisposeAsync();
        }
    }
}
