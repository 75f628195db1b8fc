using System.Reflection;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Tests.TestSupport;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Tests.Clients;

/// <summary>
/// Every client method ends with two optional parameters, the priority and then the token, so the call a C# developer
/// writes first, <c>GetMyAgentAsync(ct)</c>, needs an overload that takes the token on its own: these tests keep one
/// next to every such method and check that it sends the same request and honours the token.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class TokenOverloadTests : FakeApiFixture
{
    private const string ShipPath = "/v2/my/ships/BADGER-1";

    private static IEnumerable<MethodInfo> PriorityMethods()
        => typeof(IAgentsClient).Assembly.GetExportedTypes()
            .Where(type => type.IsInterface && type.Namespace == typeof(IAgentsClient).Namespace)
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetParameters() is [.., { Name: "priority" } priority, { Name: "cancellationToken" }]
                && Nullable.GetUnderlyingType(priority.ParameterType) is var inner
                && (inner ?? priority.ParameterType) == typeof(RequestPriority));

    [Test]
    public void Every_method_with_a_priority_has_an_overload_that_takes_the_token_alone()
    {
        var methods = PriorityMethods().ToList();
        Assert.That(methods, Has.Count.GreaterThan(80), "the client interfaces' methods were found");

        var missing = new List<string>();
        foreach (var method in methods)
        {
            var required = method.GetParameters().SkipLast(2).Where(p => !p.HasDefaultValue).Select(p => p.ParameterType);
            var wanted = required.Append(typeof(CancellationToken)).ToArray();
            var overload = method.DeclaringType!.GetMethod(method.Name, wanted);
            if (overload is null || overload.ReturnType != method.ReturnType || overload.GetParameters()[^1].HasDefaultValue)
            {
                missing.Add($"{method.DeclaringType.Name}.{method.Name}({string.Join(", ", wanted.Select(t => t.Name))})");
            }
        }

        Assert.That(missing, Is.Empty, "add the overload in eng/codegen/generate_clients.py (token_overload)");
    }

    [Test]
    public async Task A_token_alone_sends_the_same_request()
    {
        Server.Respond("GET", "/v2/my/agent", 200, Fixtures.Read("get-my-agent"));
        Server.Respond("POST", ShipPath + "/navigate", 200, Fixtures.Read("navigate-ship"));
        using var cancellation = new CancellationTokenSource();

        var agent = await Client.Agents.GetMyAgentAsync(cancellation.Token);
        await Client.Fleet.NavigateShipAsync("BADGER-1", "X1-DF55-A1", cancellation.Token);

        Assert.Multiple(() =>
        {
            Assert.That(agent.Symbol, Is.Not.Empty);
            Assert.That(Server.RequestsTo("GET", "/v2/my/agent"), Has.Count.EqualTo(1));
            var navigate = Server.RequestsTo("POST", ShipPath + "/navigate");
            Assert.That(navigate, Has.Count.EqualTo(1));
            Assert.That(navigate[0].Body, Does.Contain("\"waypointSymbol\":\"X1-DF55-A1\""));
        });
    }

    [Test]
    public void A_cancelled_token_alone_cancels_the_call_before_it_is_sent()
    {
        Server.Respond("GET", "/v2/my/agent", 200, Fixtures.Read("get-my-agent"));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.That(async () => await Client.Agents.GetMyAgentAsync(cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () =>
        {
            await foreach (var system in Client.Systems.EnumerateSystemsAsync(cancellation.Token))
            {
                Assert.Fail($"no system may arrive after cancellation, got {system.Symbol}");
            }
        }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Server.Requests, Is.Empty);
    }
}
