using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;
using SpaceTraders.Sdk;
using SpaceTraders.Sdk.Api;
using SpaceTraders.Sdk.Clients;
using SpaceTraders.Sdk.Diagnostics;
using SpaceTraders.Sdk.Http;
using SpaceTraders.Sdk.Throttling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SpaceTraders clients with a service collection.</summary>
/// <remarks>
/// <para>
/// One call registers one agent. <see cref="AddSpaceTraders(IServiceCollection, Action{SpaceTradersClientOptions})"/>
/// registers the default agent: inject <see cref="SpaceTradersClient"/> or an area client such as
/// <see cref="IFleetClient"/>. <see cref="AddSpaceTraders(IServiceCollection, string, Action{SpaceTradersClientOptions})"/>
/// registers a named agent under that name as a keyed service: inject
/// <c>[FromKeyedServices("miner")] SpaceTradersClient</c> or call
/// <c>provider.GetRequiredKeyedService&lt;IFleetClient&gt;("miner")</c>. Register as many agents as you play.
/// </para>
/// <para>
/// Every agent registered in one container shares one <see cref="PriorityRateLimiter"/> singleton, because
/// the server counts the requests of all agents on one IP address together (each agent still has its own
/// account pools inside it). It is created from the <see cref="SpaceTradersClientOptions.Throttling"/> and
/// <see cref="SpaceTradersClientOptions.TimeProvider"/> of the first agent registered; register a
/// <see cref="PriorityRateLimiter"/> singleton yourself to control it, or set
/// <see cref="SpaceTradersClientOptions.RateLimiter"/> to give one agent a limiter of its own.
/// </para>
/// <para>
/// Underneath, each agent gets one named <see cref="HttpClient"/> (<c>SpaceTraders</c> or
/// <c>SpaceTraders:name</c>) with the SDK's handlers, assembled exactly as for a client built without DI, shared by its Refit interfaces
/// (Refit.HttpClientFactory). Clients are singletons: they are thread-safe and meant to live as long as the
/// application.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// services.AddSpaceTraders("miner", options => options.Token = minerToken);
/// services.AddSpaceTraders("trader", options => options.Token = traderToken);
///
/// var miner = provider.GetRequiredKeyedService&lt;SpaceTradersClient&gt;("miner");
/// </code>
/// </example>
public static class SpaceTradersServiceCollectionExtensions
{
    private const string HttpClientPrefix = "SpaceTraders";

    /// <summary>Registers the default agent's <see cref="SpaceTradersClient"/> and its area clients (<see cref="IFleetClient"/>, ...).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the agent's options, at least its <see cref="SpaceTradersClientOptions.Token"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddSpaceTraders(this IServiceCollection services, Action<SpaceTradersClientOptions> configure)
        => services.AddSpaceTraders(Microsoft.Extensions.Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers a named agent's <see cref="SpaceTradersClient"/> and area clients as keyed services under
    /// <paramref name="name"/>. The empty name is the default agent, also registered without a key.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The agent's name in this container, for example its symbol.</param>
    /// <param name="configure">Sets the agent's options, at least its <see cref="SpaceTradersClientOptions.Token"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="InvalidOperationException">An agent with this name is already registered.</exception>
    public static IServiceCollection AddSpaceTraders(this IServiceCollection services, string name, Action<SpaceTradersClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);

        var registry = Registry(services);
        if (!registry.Names.Add(name))
        {
            throw new InvalidOperationException($"A SpaceTraders agent named '{name}' is already registered.");
        }

        registry.First ??= name;
        services.AddOptions();
        services.Configure(name, configure);
        services.TryAddSingleton(provider =>
        {
            var first = provider.GetRequiredService<IOptionsMonitor<SpaceTradersClientOptions>>().Get(registry.First);
            return new PriorityRateLimiter(first.Throttling, first.TimeProvider);
        });

        var httpClientName = name.Length == 0 ? HttpClientPrefix : HttpClientPrefix + ":" + name;
        AddApi<IGlobalApi>(services, name, httpClientName);
        AddApi<IAccountsApi>(services, name, httpClientName);
        AddApi<IAgentsApi>(services, name, httpClientName);
        AddApi<IFactionsApi>(services, name, httpClientName);
        AddApi<ISystemsApi>(services, name, httpClientName);
        AddApi<IContractsApi>(services, name, httpClientName);
        AddApi<IFleetApi>(services, name, httpClientName);

        // The eight Refit interfaces share one named HttpClient, so its handlers are configured once.
        AddApi<IDataApi>(services, name, httpClientName)
            .ConfigureHttpClient((provider, client) => HttpDefaults.Configure(client, OptionsOf(provider, name)))
            .ConfigurePrimaryHttpMessageHandler(provider => OptionsOf(provider, name).Transport is { } transport
                ? new SharedTransport(transport)
                : HttpDefaults.CreateTransport())
            .ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
            {
                // The same handlers, in the same order, as a client built with new SpaceTradersClient(options).
                var options = OptionsOf(provider, name);
                foreach (var handler in SpaceTradersPipeline.CreateHandlers(options, LimiterOf(provider, options), provider.GetRequiredKeyedService<SpaceTradersTelemetry>(name)))
                {
                    handlers.Add(handler);
                }
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // One set of instruments per agent, shared by its handlers, its response reader and its client; the container disposes it.
        services.AddKeyedSingleton(name, (provider, _) => new SpaceTradersTelemetry(LimiterOf(provider, OptionsOf(provider, name))));
        services.AddKeyedSingleton(name, (provider, key) => new SpaceTradersClient(
            OptionsOf(provider, name),
            api => provider.GetRequiredKeyedService(api, key),
            provider.GetRequiredKeyedService<SpaceTradersTelemetry>(name)));
        AddArea(services, name, client => client.Global);
        AddArea(services, name, client => client.Accounts);
        AddArea(services, name, client => client.Agents);
        AddArea(services, name, client => client.Factions);
        AddArea(services, name, client => client.Systems);
        AddArea(services, name, client => client.Contracts);
        AddArea(services, name, client => client.Fleet);
        AddArea(services, name, client => client.Data);
        if (name.Length == 0)
        {
            services.AddSingleton(provider => provider.GetRequiredKeyedService<SpaceTradersClient>(name));
        }

        return services;
    }

    private static IHttpClientBuilder AddApi<TApi>(IServiceCollection services, string name, string httpClientName)
        where TApi : class
        // The settings carry the SDK's JSON context (no reflection fallback) and its tolerant response reader.
        => services.AddKeyedRefitGeneratedClient<TApi>(
            name,
            provider => ApiSettings.Create(OptionsOf(provider, name), provider.GetRequiredKeyedService<SpaceTradersTelemetry>(name)),
            httpClientName);

    private static void AddArea<TArea>(IServiceCollection services, string name, Func<SpaceTradersClient, TArea> area)
        where TArea : class
    {
        services.AddKeyedSingleton(name, (provider, key) => area(provider.GetRequiredKeyedService<SpaceTradersClient>(key)));
        if (name.Length == 0)
        {
            services.AddSingleton(provider => area(provider.GetRequiredKeyedService<SpaceTradersClient>(name)));
        }
    }

    private static PriorityRateLimiter LimiterOf(IServiceProvider provider, SpaceTradersClientOptions options)
        => options.RateLimiter ?? provider.GetRequiredService<PriorityRateLimiter>();

    private static SpaceTradersClientOptions OptionsOf(IServiceProvider provider, string name)
        => provider.GetRequiredService<IOptionsMonitor<SpaceTradersClientOptions>>().Get(name);

    private static AgentRegistry Registry(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(AgentRegistry) && descriptor.ImplementationInstance is AgentRegistry existing)
            {
                return existing;
            }
        }

        var registry = new AgentRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>The agents registered in one service collection, to refuse duplicates and pick the limiter's settings.</summary>
    private sealed class AgentRegistry
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public string? First { get; set; }
    }
}
