using Microsoft.Extensions.DependencyInjection;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>The root client: tokens, registration, base address, headers and disposal.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SpaceTradersClientTests
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
        _server.Respond("POST", "/v2/register", 201, Fixtures.Read("register"));
        _server.Respond("GET", "/v2/my/agent", 200, Fixtures.Read("get-my-agent"));
        _server.Respond("GET", "/v2/", 200, Fixtures.Read("get-status"));
    }

    [Test]
    public async Task Register_sends_the_account_token_and_everything_else_the_agent_token()
    {
        var options = _server.Options();
        options.AccountToken = FakeApiServer.AccountToken;
        using var client = new SpaceTradersClient(options);

        await client.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic);
        await client.Agents.GetMyAgentAsync();

        Assert.That(_server.Requests.Select(r => r.Headers!["Authorization"].Single()), Is.EqualTo(new[]
        {
            "Bearer " + FakeApiServer.AccountToken,
            "Bearer " + FakeApiServer.Token,
        }));
    }

    [Test]
    public async Task Without_an_account_token_register_sends_the_agent_token_and_without_tokens_nothing()
    {
        using (var withAgentToken = new SpaceTradersClient(_server.Options()))
        {
            await withAgentToken.Accounts.RegisterAsync("BADGER", FactionSymbol.Cosmic);
        }

        using (var anonymous = new SpaceTradersClient(_server.Options(token: null)))
        {
            await anonymous.Global.GetStatusAsync();
        }

        Assert.That(_server.Requests[0].Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApiServer.Token));
        Assert.That(_server.Requests[1].Headers!.ContainsKey("Authorization"), Is.False);
    }

    [Test]
    public async Task RegisterAgentAsync_returns_a_client_playing_the_new_agent()
    {
        var options = _server.Options(token: null);
        options.AccountToken = FakeApiServer.AccountToken;

        var (client, registration) = await SpaceTradersClient.RegisterAgentAsync(options, "BADGER", FactionSymbol.Cosmic);
        using (client)
        {
            await client.Agents.GetMyAgentAsync();

            Assert.That(registration.Token, Does.EndWith(".new-agent"));
            Assert.That(client.Options.Token, Is.EqualTo(registration.Token));
            Assert.That(client.Options.BaseAddress, Is.EqualTo(options.BaseAddress));
            Assert.That(options.Token, Is.Null, "the caller's options are not changed");
            Assert.That(_server.Requests.Select(r => r.Headers!["Authorization"].Single()), Is.EqualTo(new[]
            {
                "Bearer " + FakeApiServer.AccountToken,
                "Bearer " + registration.Token,
            }));
            Assert.That(_server.Requests[0].Body, Is.EqualTo("""{"symbol":"BADGER","faction":"COSMIC"}"""));
        }
    }

    [Test]
    public async Task A_base_address_without_a_trailing_slash_still_keeps_its_path()
    {
        var options = _server.Options();
        options.BaseAddress = new Uri(_server.BaseAddress.AbsoluteUri.TrimEnd('/'));
        using var client = new SpaceTradersClient(options);

        await client.Global.GetStatusAsync();
        await client.Agents.GetMyAgentAsync();

        Assert.That(_server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/v2/", "/v2/my/agent" }));
    }

    [TestCase("")]
    [TestCase("/")]
    public async Task A_base_address_without_the_api_version_reaches_the_v2_api(string path)
    {
        // The server's root as a user would copy it from the browser: without /v2 every call used to answer a bare 404.
        var options = _server.Options();
        options.BaseAddress = new Uri(_server.BaseAddress.GetLeftPart(UriPartial.Authority) + path);
        using var client = new SpaceTradersClient(options);

        await client.Global.GetStatusAsync();
        var agent = await client.Agents.GetMyAgentAsync();

        Assert.That(_server.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/v2/", "/v2/my/agent" }));
        Assert.That(agent.Symbol, Is.Not.Empty);
    }

    [Test]
    public async Task A_base_address_without_the_api_version_works_through_dependency_injection_too()
    {
        var services = new ServiceCollection();
        services.AddSpaceTraders(options =>
        {
            var defaults = _server.Options();
            options.Token = defaults.Token;
            options.Throttling = defaults.Throttling;
            options.Retry = defaults.Retry;
            options.BaseAddress = new Uri(_server.BaseAddress.GetLeftPart(UriPartial.Authority));
        });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<SpaceTradersClient>().Agents.GetMyAgentAsync();

        Assert.That(_server.SingleRequest.Path, Is.EqualTo("/v2/my/agent"));
    }

    [Test]
    public async Task Sends_the_sdk_user_agent_or_the_configured_one()
    {
        using (var client = new SpaceTradersClient(_server.Options()))
        {
            await client.Agents.GetMyAgentAsync();
        }

        var options = _server.Options();
        options.UserAgent = "my-bot/1.0";
        using (var client = new SpaceTradersClient(options))
        {
            await client.Agents.GetMyAgentAsync();
        }

        Assert.That(_server.Requests[0].Headers!["User-Agent"].Single(), Does.Match(@"^SpaceTraders\.Sdk/\d+\.\d+\.\d+"));
        Assert.That(_server.Requests[1].Headers!["User-Agent"].Single(), Is.EqualTo("my-bot/1.0"));
    }

    [Test]
    public async Task Disposing_the_client_leaves_a_transport_from_the_options_usable()
    {
        using var transport = new RecordingHandler();
        var options = _server.Options();
        options.Transport = transport;

        using (var first = new SpaceTradersClient(options))
        {
            await first.Agents.GetMyAgentAsync();
        }

        using var second = new SpaceTradersClient(options);
        await second.Agents.GetMyAgentAsync();

        Assert.That(transport.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_disposed_client_refuses_calls_and_can_be_disposed_again()
    {
        var client = new SpaceTradersClient(_server.Options());
        client.Dispose();

        Assert.That(client.Dispose, Throws.Nothing);
        Assert.That(() => client.Agents.GetMyAgentAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public void Arguments_are_checked_before_anything_is_sent()
    {
        using var client = new SpaceTradersClient(_server.Options());

        Assert.That(() => client.Fleet.GetMyShipAsync(" "), Throws.ArgumentException);
        Assert.That(() => client.Fleet.NavigateShipAsync("BADGER-1", (NavigateShipRequest)null!), Throws.ArgumentNullException);
        Assert.That(() => new SpaceTradersClient((SpaceTradersClientOptions)null!), Throws.ArgumentNullException);
        Assert.That(_server.Requests, Is.Empty);
    }

    [Test]
    public void The_token_constructor_uses_the_live_server_by_default()
    {
        using var client = new SpaceTradersClient("a-token");

        Assert.That(client.Options.Token, Is.EqualTo("a-token"));
        Assert.That(client.Options.BaseAddress, Is.EqualTo(new Uri("https://api.spacetraders.io/v2/")));
    }
}
