using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.RateLimiting;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator;

/// <summary>How to build a <see cref="Simulation"/>.</summary>
public sealed class SimulationOptions
{
    /// <summary>Gets or sets the seed of the world and of every random draw (faults included). The default value is 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Gets or sets the clock the server reads: a <c>VirtualClock</c> for discrete-event runs, a <c>ScaledClock</c>
    /// for sped-up real time, or <see langword="null"/> for <see cref="TimeProvider.System"/>. The default value is <see langword="null"/>.
    /// </summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>
    /// Gets or sets how ships' luck is drawn (see <see cref="Simulator.RandomStreams"/>): one stream for the game, or one per
    /// ship so that runs compared on the same seed differ only by what the clients did. The default value is <see cref="RandomStreams.Shared"/>.
    /// </summary>
    public RandomStreams RandomStreams { get; set; } = RandomStreams.Shared;

    /// <summary>Gets the server's rate limits (on by default, at the live server's numbers).</summary>
    public RateLimitSettings RateLimits { get; } = new();

    /// <summary>Gets or sets the fault profile applied from the start (see <see cref="FaultProfiles"/>). The default value is <c>none</c>.</summary>
    public string FaultProfile { get; set; } = FaultProfiles.None;

    /// <summary>
    /// Gets or sets the account token <c>POST /register</c> requires as its bearer token, as the live game does (401 with
    /// code 4116 without one, 4104 with another), or <see langword="null"/> to accept any bearer token (or none). The
    /// default value is <see langword="null"/>.
    /// </summary>
    public string? AccountToken { get; set; }

    /// <summary>
    /// Gets or sets a secret the agent tokens' signing key derives from, for tokens that are the same in every run
    /// (reproducible tests), or <see langword="null"/> for a random key per simulation, so that nobody can forge a token.
    /// Never use a fixed key for a server others can reach. The default value is <see langword="null"/>.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>
    /// Gets or sets how often the server resets, or <see langword="null"/> for never (the status endpoint still announces a
    /// weekly reset). A reset happens at the start plus every multiple of the period on the simulation clock (the same
    /// instants in every virtual-time run): the galaxy is generated again from a seed derived from <see cref="Seed"/> and
    /// the reset's number, every agent is wiped, tokens from before are rejected (401, code 4113), and <c>GET /</c> shows
    /// the new <c>resetDate</c> and <c>serverResets.next</c>. Registering again is how an agent comes back. Must be
    /// positive. The default value is <see langword="null"/>.
    /// </summary>
    public TimeSpan? ResetEvery { get; set; }

    /// <summary>
    /// Gets the fields left out of every response, each as the live spec's schema and property (<c>ShipMount.description</c>),
    /// to try clients against a server that omits fields the spec requires (an independent re-implementation of the server
    /// omits <c>ShipMount.description</c>). Unknown names are rejected when the simulation is built. Empty by default.
    /// </summary>
    public IList<string> OmitFields { get; } = [];

    /// <summary>
    /// Gets or sets the credits every agent starts with on <c>POST /register</c> (the live game gives 175,000). Raise it for
    /// runs that buy a large fleet through the API. Must not be negative. The default value is 175,000.
    /// </summary>
    public long StartingCredits { get; set; } = 175_000;

    /// <summary>Gets or sets the delay of a <see cref="FaultKind.SlowResponse"/> without its own. The default value is 5 seconds.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a <see cref="FaultKind.Timeout"/> without its own delay hangs before the connection drops. The default value is 10 minutes.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the number of star systems, or <see langword="null"/> for the world's default (30). The default value is <see langword="null"/>.</summary>
    public int? SystemCount { get; set; }

    /// <summary>Gets or sets how many systems start uncharted, or <see langword="null"/> for the world's default (4). The default value is <see langword="null"/>.</summary>
    public int? UnchartedSystemCount { get; set; }

    /// <summary>Gets or sets the number of asteroids in each starting system, or <see langword="null"/> for the world's default (54, as in the live game). The default value is <see langword="null"/>.</summary>
    public int? StartingAsteroidCount { get; set; }

    /// <summary>Gets or sets the half-width of the square the systems are placed in, or <see langword="null"/> for the world's default (1200). The default value is <see langword="null"/>.</summary>
    public int? GalaxyRadius { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the starting systems' jump gates are under construction, as in the live game.
    /// The default value is <see langword="true"/>; with <see langword="false"/> they work, and a frontier gate is the
    /// construction site instead.
    /// </summary>
    public bool StartingGatesUnderConstruction { get; set; } = true;

    /// <summary>
    /// Gets the ship types the headquarters' shipyard of every starting system sells besides the live ones (a probe, a
    /// light hauler and a light shuttle). A live starting system sells no ore hounds or freighters at all; this lets a
    /// test or a benchmark give a strategy that buys them a home shipyard that does. Each must be a ship type of the
    /// game (checked when the simulation is built). The game draws each listed ship's starting price, so a world with
    /// extra types prices the markets generated after that shipyard differently from the same seed without them. The
    /// default value is empty.
    /// </summary>
    public IList<string> ExtraStartingShipTypes { get; } = new List<string>();

    internal WorldOptions ToWorldOptions()
    {
        var world = new WorldOptions
        {
            StartingGatesUnderConstruction = StartingGatesUnderConstruction,
            ExtraStartingShipTypes = [.. ExtraStartingShipTypes.Distinct(StringComparer.Ordinal)],
        };
        world.SystemCount = SystemCount ?? world.SystemCount;
        world.UnchartedSystemCount = UnchartedSystemCount ?? world.UnchartedSystemCount;
        world.StartingAsteroidCount = StartingAsteroidCount ?? world.StartingAsteroidCount;
        world.GalaxyRadius = GalaxyRadius ?? world.GalaxyRadius;
        return world;
    }
}
