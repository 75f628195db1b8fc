using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>
/// The pipeline knows which operation a request is from the Refit method that built it (Refit records the interface
/// and the method's name in the request's options), not by parsing the URL.
/// </summary>
[TestFixture]
public sealed class EndpointIdentificationTests
{
    private static readonly Type[] ApiInterfaces = typeof(SpaceTradersClient).Assembly.GetTypes()
        .Where(t => t.IsInterface && t.Namespace == "SpaceTraders.Sdk.Api" && t.Name.EndsWith("Api", StringComparison.Ordinal))
        .ToArray();

    [Test]
    public void Every_refit_method_names_the_catalog_operation_of_its_route()
    {
        var found = new List<Endpoint>();
        foreach (var api in ApiInterfaces)
        {
            foreach (var method in api.GetMethods())
            {
                var route = method.GetCustomAttribute<HttpMethodAttribute>()!;
                var endpoint = EndpointCatalog.FindByRefitMethod(api, method.Name);
                Assert.That(endpoint, Is.Not.Null, $"{api.Name}.{method.Name}");
                Assert.That((endpoint!.Method, endpoint.Template), Is.EqualTo((route.Method.Method, route.Path)), $"{api.Name}.{method.Name}");
                found.Add(endpoint);
            }
        }

        Assert.That(found, Is.EquivalentTo(EndpointCatalog.All));
    }

    [Test]
    public void A_request_is_identified_by_its_refit_method_even_where_its_path_says_nothing()
    {
        // Under a root the pipeline does not know (/elsewhere/ instead of /v2/), the path matches no operation.
        using var capture = new Capture();
        using var http = new HttpClient(capture) { BaseAddress = new Uri("http://localhost/elsewhere/") };
        var api = RestService.For<IFleetApi>(http);

        Assert.CatchAsync(() => api.NavigateShipAsync("BADGER-1", new NavigateShipRequest { WaypointSymbol = "X1-DF55-A1" }, priority: null, CancellationToken.None));

        var request = capture.Request!;
        Assert.That(EndpointCatalog.Find(request.Method.Method, request.RequestUri!.AbsolutePath), Is.Null, "the path alone does not tell");
        Assert.That(EndpointCatalog.FindByRefitMethod(request)?.OperationId, Is.EqualTo("navigate-ship"));
        Assert.That(ApiCall.For(request, "/v2", TimeProvider.System).Info?.OperationId, Is.EqualTo("navigate-ship"));
    }

    [Test]
    public void The_clients_requests_reach_the_transport_identified_by_their_refit_method()
    {
        using var capture = new Capture();
        using var client = new SpaceTradersClient(new SpaceTradersClientOptions { Token = "token", Transport = capture });

        Assert.CatchAsync(() => client.Fleet.OrbitShipAsync("BADGER-1"));

        Assert.That(EndpointCatalog.FindByRefitMethod(capture.Request!)?.OperationId, Is.EqualTo("orbit-ship"));
    }

    [Test]
    public async Task The_dependency_injected_clients_requests_are_identified_by_their_refit_method()
    {
        using var capture = new Capture();
        var services = new ServiceCollection();
        services.AddSpaceTraders(options =>
        {
            options.Token = "token";
            options.Transport = capture;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.CatchAsync(() => provider.GetRequiredService<IContractsClient>().AcceptContractAsync("contract-1"));

        Assert.That(EndpointCatalog.FindByRefitMethod(capture.Request!)?.OperationId, Is.EqualTo("accept-contract"));
    }

    [Test]
    public void A_request_built_outside_the_refit_interfaces_is_identified_by_its_path()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/v2/my/ships/BADGER-1/navigate");

        Assert.That(EndpointCatalog.FindByRefitMethod(request), Is.Null);
        Assert.That(ApiCall.For(request, "/v2", TimeProvider.System).Info?.OperationId, Is.EqualTo("navigate-ship"));
    }

    /// <summary>Keeps the request it is given and throws, so nothing is sent.</summary>
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request ??= request;
            throw new InvalidOperationException("not sent");
        }
    }
}
