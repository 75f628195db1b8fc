namespace SpaceTraders.Sdk.Tests.TestSupport;

/// <summary>
/// A fixture whose tests share one <see cref="FakeApiServer"/> and a client of it (with the server's default options);
/// the server forgets its answers and requests before each test.
/// </summary>
public abstract class FakeApiFixture
{
    /// <summary>Gets the fake server.</summary>
    private protected FakeApiServer Server { get; private set; } = null!;

    /// <summary>Gets the client of <see cref="Server"/>.</summary>
    private protected SpaceTradersClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        Server = new FakeApiServer();
        Client = new SpaceTradersClient(Server.Options());
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        Client.Dispose();
        Server.Dispose();
    }

    [SetUp]
    public void Reset() => Server.Reset();
}
