using Microsoft.Extensions.Logging;
using SpaceTraders.Runtime.Diagnostics;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Sessions;
using SpaceTraders.Runtime.Stores;

namespace SpaceTraders.Runtime.Dispatching;

/// <summary>
/// What a ship runner and a conductor runner use of the runtime: its settings and clock, the store role they write to
/// (records), the lease book (every lease call goes through it), the session scope, the instruments, and the root's lifecycle
/// (<see cref="IShipHost"/>). The dispatcher builds one and hands it down, so the runners never see the dispatcher.
/// </summary>
/// <param name="Options">The runtime's settings.</param>
/// <param name="Clock">The runtime's clock.</param>
/// <param name="NodeId">This node's id (the lease owner).</param>
/// <param name="RunId">The id written on the run's records.</param>
/// <param name="Records">Where sessions are recorded.</param>
/// <param name="LeaseBook">The leases this node holds.</param>
/// <param name="Scope">The ambient session of the actors.</param>
/// <param name="Telemetry">The runtime's instruments.</param>
/// <param name="Loggers">Where loggers come from.</param>
/// <param name="Host">The root's lifecycle, ship slots and logs.</param>
internal sealed record ShipServices(
    RuntimeOptions Options,
    TimeProvider Clock,
    string NodeId,
    Guid RunId,
    IRecordSink Records,
    LeaseBook LeaseBook,
    SessionScope Scope,
    RuntimeTelemetry Telemetry,
    ILoggerFactory Loggers,
    IShipHost Host)
{
    /// <summary>Gets how often the node renews the leases it holds (and a ship retries a lease call): the lease book's interval.</summary>
    public TimeSpan RenewInterval => LeaseBook.RenewInterval;

    /// <summary>Creates a logger.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The logger.</returns>
    public ILogger CreateLogger(string category) => Loggers.CreateLogger(category);
}

/// <summary>What the runtime's root offers the ship and conductor actors: its lifecycle, the ship slots, strands and its logs.</summary>
internal interface IShipHost
{
    /// <summary>Gets whether the runtime is shutting down gracefully.</summary>
    bool Stopping { get; }

    /// <summary>Gets whether the runtime was killed (as if the process died).</summary>
    bool Killed { get; }

    /// <summary>Takes one of the node's ship slots (<see cref="RuntimeOptions.MaxShips"/>), if one is free.</summary>
    /// <returns><see langword="true"/> when taken.</returns>
    bool TryReserveSlot();

    /// <summary>Gives a ship slot back.</summary>
    void ReleaseSlot();

    /// <summary>Starts plugin code in its own actor, which the runtime does not wait for (it may be abandoned).</summary>
    /// <param name="name">The actor's name.</param>
    /// <param name="body">The work.</param>
    void StartStrand(string name, Func<Task> body);

    /// <summary>Keeps a problem for the live view.</summary>
    /// <param name="agentSymbol">The agent, if any.</param>
    /// <param name="shipSymbol">The ship, if any.</param>
    /// <param name="message">What happened.</param>
    void ReportProblem(string? agentSymbol, string? shipSymbol, string message);

    /// <summary>Keeps a pause or resume of a ship for the live view.</summary>
    /// <param name="controlEvent">The event.</param>
    void RecordControl(ShipControlEvent controlEvent);
}

/// <summary>What the runtime's root offers an agent's fleet besides what its ships get: the plugins, actors, wake-ups and reset notice.</summary>
internal interface IFleetHost : IShipHost
{
    /// <summary>Gets the loaded plugins, once loaded.</summary>
    PluginCatalog? Catalog { get; }

    /// <summary>Starts an actor the root waits for at shutdown.</summary>
    /// <param name="name">The actor's name.</param>
    /// <param name="body">The work.</param>
    void StartActor(string name, Func<Task> body);

    /// <summary>Registers a wake-up rung at shutdown, for background actors.</summary>
    /// <param name="wake">The wake-up.</param>
    void RegisterWake(Action wake);

    /// <summary>Wakes the root actor: the fleet's client found the server reset.</summary>
    void NotifyServerReset();
}
