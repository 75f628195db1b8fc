using Microsoft.Extensions.DependencyInjection;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.DependencyInjection;

/// <summary><c>services.AddSpaceTraders(...)</c>: one agent, several agents sharing one limiter.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ServiceCollectionTests
{
    private FakeApiServer _server = null!;

    [OneTimeSetUp]
    public void StartServer() => _server = new FakeApiServer();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void Reset()
    {
        _server.Reset();
        _server.Respond("GET", "/v2/my/agent", 200, Fixtures.Read("get-my-agent"));
        _server.Respond("GET", "/v2/my/ships/BADGER-1", 200, Fixtures.Read("get-my-ship"));
    }

    [Test]
    public async Task The_default_agent_resolves_as_a_client_and_as_area_clients()
    {
        var services = new ServiceCollection();
        services.AddSpaceTraders(options => Configure(options, FakeApiServer.Token));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var client = provider.GetRequiredService<SpaceTradersClient>();
        var fleet = provider.GetRequiredService<IFleetClient>();
        var agent = await provider.GetRequiredService<IAgentsClient>().GetMyAgentAsync();
        var ship = await fleet.GetMyShipAsync("BADGER-1");

        Assert.That(fleet, Is.SameAs(client.Fleet));
        Assert.That(provider.GetRequiredService<ISystemsClient>(), Is.SameAs(client.Systems));
        Assert.That(provider.GetRequiredKeyedService<SpaceTradersClient>(string.Empty), Is.SameAs(client));
        Assert.That(client.Options.Token, Is.EqualTo(FakeApiServer.Token));
        Assert.That(agent.Symbol, Is.EqualTo("BADGER"));
        Assert.That(ship.Symbol, Is.EqualTo("BADGER-1"));
        Assert.That(_server.Requests.Select(r => r.Headers!["Authorization"].Single()), Has.All.EqualTo("Bearer " + FakeApiServer.Token));
        Assert.That(_server.Requests.Select(r => r.Headers!["User-Agent"].Single()), Has.All.StartWith("SpaceTraders.Sdk/"));
    }

    [Test]
    public async Task Several_agents_have_their_own_tokens_and_share_one_limiter()
    {
        var services = new ServiceCollection();
        services.AddSpaceTraders("miner", options => Configure(options, "miner-token"));
        services.AddSpaceTraders("trader", options => Configure(options, "trader-token"));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var miner = provider.GetRequiredKeyedService<SpaceTradersClient>("miner");
        var trader = provider.GetRequiredKeyedService<SpaceTradersClient>("trader");
        await miner.Agents.GetMyAgentAsync();
        await trader.Agents.GetMyAgentAsync();
        await provider.GetRequiredKeyedService<IAgentsClient>("miner").GetMyAgentAsync();

        Assert.That(miner, Is.Not.SameAs(trader));
        Assert.That(_server.Requests.Select(r => r.Headers!["Authorization"].Single()), Is.EqualTo(new[] { "Bearer miner-token", "Bearer trader-token", "Bearer miner-token" }));
        Assert.That(provider.GetServices<PriorityRateLimiter>().ToList(), Has.Count.EqualTo(1), "one limiter for the IP");
        Assert.That(provider.GetService<SpaceTradersClient>(), Is.Null, "no default agent was registered");
    }

    [Test]
    public async Task The_shared_limiter_takes_the_first_agents_settings_unless_one_is_registered()
    {
        var services = new ServiceCollection();
        services.AddSpaceTraders("first", options =>
        {
            Configure(options, "first-token");
            options.Throttling.BurstPoolSize = 7;
        });
        services.AddSpaceTraders("second", options => Configure(options, "second-token"));
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<PriorityRateLimiter>().Options.BurstPoolSize, Is.EqualTo(7));

        var own = new PriorityRateLimiter(new ThrottlingOptions { Enabled = false, BurstPoolSize = 3 });
        var withOwn = new ServiceCollection();
        withOwn.AddSingleton(own);
        withOwn.AddSpaceTraders("agent", options => Configure(options, "token"));
        await using var ownProvider = withOwn.BuildServiceProvider();

        Assert.That(ownProvider.GetRequiredService<PriorityRateLimiter>(), Is.SameAs(own));
    }

    [Test]
    public void Registering_the_same_agent_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddSpaceTraders("miner", options => Configure(options, "a"));

        Assert.That(() => services.AddSpaceTraders("miner", options => Configure(options, "b")), Throws.InvalidOperationException.With.Message.Contains("miner"));
    }

    [Test]
    public async Task A_transport_given_in_the_options_carries_the_requests_with_their_priority_and_outlives_the_container()
    {
        using var transport = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddSpaceTraders(options =>
        {
            Configure(options, FakeApiServer.Token);
            options.Transport = transport;
        });

        await using (var provider = services.BuildServiceProvider())
        {
            var fleet = provider.GetRequiredService<IFleetClient>();
            await fleet.GetMyShipAsync("BADGER-1", RequestPriority.Critical);
        }

        Assert.That(transport.Requests.Single().Priority, Is.EqualTo(RequestPriority.Critical));
        Assert.That(transport.Requests.Single().Authorization, Is.EqualTo("Bearer " + FakeApiServer.Token));

        using var client = new SpaceTradersClient(Options(transport));
        Assert.That((await client.Agents.GetMyAgentAsync()).Symbol, Is.EqualTo("BADGER"), "the transport still works");
    }

    private SpaceTradersClientOptions Options(HttpMessageHandler transport)
    {
        var options = _server.Options();
        options.Transport = transport;
        return options;
    }

    private void Configure(SpaceTradersClientOptions options, string token)
    {
        var template = _server.Options(token);
        options.Token = template.Token;
        options.BaseAddress = template.BaseAddress;
        options.Throttling.Enabled = false;
        options.Retry = template.Retry;
    }
}
