using System.Globalization;
using System.Text.RegularExpressions;
using SpaceTraders.Simulator.World;

namespace SpaceTraders.Simulator.Game;

/// <summary>
/// One world and everything that happens in it: the universe, agents, ships, markets, shipyards, contracts,
/// surveys and construction sites. Deterministic: the same seed and the same requests in the same order give the
/// same answers (seeded <see cref="Random"/> streams, time only from the caller's <c>now</c>).
/// </summary>
/// <remarks>
/// Not thread-safe by itself: every caller takes <see cref="Sync"/> around a whole request (the endpoint classes do).
/// State that changes with time (arrivals, prices, cooldowns) is brought up to date lazily when it is read.
/// </remarks>
internal sealed partial class GameState
{
    /// <summary>The credits a new agent starts with unless the simulation says otherwise (the live game's figure).</summary>
    public const long DefaultStartingCredits = 175_000;

    private readonly Dictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ship> _ships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Market> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Shipyard> _shipyards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contract> _contracts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Survey> _surveys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Construction> _constructions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExtractionHeat> _heat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Random> _luck = new(StringComparer.Ordinal);
    private readonly RandomStreams _streams;

    /// <summary>Initializes a new instance of the <see cref="GameState"/> class: generates the universe and opens its markets.</summary>
    /// <param name="seed">The seed of the universe and of every random outcome.</param>
    /// <param name="clock">The clock; the world starts at its current time.</param>
    /// <param name="options">The galaxy's size; the defaults when <see langword="null"/>.</param>
    /// <param name="startingCredits">The credits every new agent gets.</param>
    /// <param name="streams">Whether ships' luck comes from the shared stream or from one stream per ship.</param>
    /// <param name="startedAt">When the world starts, or <see langword="null"/> for the clock's time now (a scheduled server reset starts its world at the scheduled instant).</param>
    public GameState(int seed, TimeProvider clock, WorldOptions? options = null, long startingCredits = DefaultStartingCredits, RandomStreams streams = RandomStreams.Shared, DateTimeOffset? startedAt = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegative(startingCredits);
        Clock = clock;
        Seed = seed;
        _streams = streams;
        StartingCredits = startingCredits;
        StartedAt = startedAt ?? clock.GetUtcNow();
        ResetDate = DateOnly.FromDateTime(StartedAt.UtcDateTime);
        NextReset = StartedAt.AddDays(7);
        Universe = WorldGenerator.Generate(seed, options ?? new WorldOptions(), StartedAt.AddDays(-1));
        Random = new Random(unchecked((seed * 397) ^ 0x5EED));
        foreach (var waypoint in Universe.Waypoints)
        {
            if (waypoint.Market is { } market)
            {
                _markets[waypoint.Symbol] = new Market(waypoint, market, Random, StartedAt);
            }

            if (waypoint.Shipyard is { } shipyard)
            {
                _shipyards[waypoint.Symbol] = new Shipyard(waypoint, shipyard, Random, StartedAt);
            }
        }

        foreach (var site in Universe.ConstructionSites)
        {
            _constructions[site.Symbol] = new Construction(site);
        }

        LastMarketUpdate = StartedAt;
    }

    /// <summary>Gets the lock every request holds while it reads or changes the world.</summary>
    public Lock Sync { get; } = new();

    /// <summary>Gets the clock the world was created with (handlers use the request's time).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Gets the seed.</summary>
    public int Seed { get; }

    /// <summary>Gets the credits every new agent gets on registration.</summary>
    public long StartingCredits { get; }

    /// <summary>Gets when the world was created.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the reset date (the day the world was created).</summary>
    public DateOnly ResetDate { get; }

    /// <summary>Gets when the next reset is announced (a week after the start).</summary>
    public DateTimeOffset NextReset { get; }

    /// <summary>Gets the universe.</summary>
    public Universe Universe { get; }

    /// <summary>Gets the random source of every game outcome.</summary>
    public Random Random { get; }

    /// <summary>
    /// Gets the stream a ship's action draws its luck from: <see cref="Random"/>, or with <see cref="RandomStreams.PerShip"/>
    /// the ship's own, seeded from the game's seed and the ship's symbol (a stable hash, the same in every process).
    /// </summary>
    /// <param name="ship">The ship acting.</param>
    /// <returns>The stream.</returns>
    public Random LuckOf(Ship ship)
    {
        if (_streams == RandomStreams.Shared)
        {
            return Random;
        }

        if (!_luck.TryGetValue(ship.Symbol, out var luck))
        {
            // FNV-1a over the symbol, mixed with the seed: string.GetHashCode differs between processes.
            var hash = 2166136261u ^ unchecked((uint)Seed * 0x9E3779B9u);
            foreach (var c in ship.Symbol)
            {
                hash = unchecked((hash ^ c) * 16777619u);
            }

            luck = new Random(unchecked((int)hash));
            _luck.Add(ship.Symbol, luck);
        }

        return luck;
    }

    /// <summary>Gets the agents in registration order.</summary>
    public List<Agent> Agents { get; } = [];

    /// <summary>Gets the number of ships in the game.</summary>
    public int ShipCount => _ships.Count;

    /// <summary>Gets the time of the last market transaction (or the start).</summary>
    public DateTimeOffset LastMarketUpdate { get; private set; }

    /// <summary>Finds an agent by symbol.</summary>
    public Agent? FindAgent(string symbol) => _agents.GetValueOrDefault(symbol);

    /// <summary>Gets the agent a request is authenticated as.</summary>
    /// <exception cref="Hosting.GameErrorException">The agent does not exist in this world (401, 4107).</exception>
    public Agent RequireAgent(string? symbol) =>
        symbol is not null && _agents.TryGetValue(symbol, out var agent)
            ? agent
            : throw GameErrors.Rule(4107, $"Agent {symbol} does not exist.", 401);

    /// <summary>Gets one of the agent's ships, brought up to date.</summary>
    /// <exception cref="Hosting.GameErrorException">No such ship of this agent (404).</exception>
    public Ship RequireShip(Agent agent, string symbol, DateTimeOffset now)
    {
        if (!_ships.TryGetValue(symbol, out var ship) || ship.Owner != agent)
        {
            throw GameErrors.NotFound($"Ship {symbol} not found.");
        }

        ship.Refresh(now);
        return ship;
    }

    /// <summary>Finds a ship by symbol (any agent's).</summary>
    public Ship? FindShip(string symbol) => _ships.GetValueOrDefault(symbol);

    /// <summary>Gets a system.</summary>
    /// <exception cref="Hosting.GameErrorException">No such system (404).</exception>
    public StarSystem RequireSystem(string symbol) =>
        Universe.FindSystem(symbol) ?? throw GameErrors.NotFound($"System {symbol} not found.");

    /// <summary>Gets a waypoint of a system.</summary>
    /// <exception cref="Hosting.GameErrorException">No such system or waypoint (404).</exception>
    public Waypoint RequireWaypoint(string systemSymbol, string waypointSymbol)
    {
        var system = RequireSystem(systemSymbol);
        var waypoint = Universe.FindWaypoint(waypointSymbol);
        return waypoint is not null && waypoint.System == system
            ? waypoint
            : throw GameErrors.NotFound($"Waypoint {waypointSymbol} not found in system {systemSymbol}.");
    }

    /// <summary>Gets the market at a waypoint, brought up to date, or null.</summary>
    public Market? FindMarket(Waypoint waypoint, DateTimeOffset now)
    {
        if (!_markets.TryGetValue(waypoint.Symbol, out var market))
        {
            return null;
        }

        market.Update(now);
        return market;
    }

    /// <summary>Gets the shipyard at a waypoint, brought up to date, or null.</summary>
    public Shipyard? FindShipyard(Waypoint waypoint, DateTimeOffset now)
    {
        if (!_shipyards.TryGetValue(waypoint.Symbol, out var shipyard))
        {
            return null;
        }

        shipyard.Update(now);
        return shipyard;
    }

    /// <summary>Gets the construction site at a waypoint, or null.</summary>
    public Construction? FindConstruction(Waypoint waypoint) => _constructions.GetValueOrDefault(waypoint.Symbol);

    /// <summary>Gets one of the agent's contracts.</summary>
    /// <exception cref="Hosting.GameErrorException">No such contract of this agent (404).</exception>
    public Contract RequireContract(Agent agent, string id) =>
        _contracts.TryGetValue(id, out var contract) && contract.Agent == agent
            ? contract
            : throw GameErrors.NotFound($"Contract {id} not found.");

    /// <summary>Gets a value indicating whether one of the agent's ships is at the waypoint (not in transit).</summary>
    public static bool HasShipAt(Agent? agent, Waypoint waypoint, DateTimeOffset now)
    {
        if (agent is null)
        {
            return false;
        }

        foreach (var ship in agent.Ships)
        {
            ship.Refresh(now);
            if (ship.Location == waypoint && ship.Status != NavStatus.InTransit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Registers a new agent with a command frigate, a probe and a starting contract at its faction's headquarters.</summary>
    /// <exception cref="Hosting.GameErrorException">Invalid symbol or faction (422), faction not recruiting (4112), symbol taken (4111, 409).</exception>
    public Agent Register(string? symbol, string? faction, string? email, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(symbol) || symbol.Length is < 3 or > 14 || !AgentSymbolPattern().IsMatch(symbol))
        {
            throw GameErrors.Invalid("symbol", "symbol must be 3 to 14 characters of letters, digits, '-' or '_'.");
        }

        if (string.IsNullOrEmpty(faction) || FactionCatalog.Find(faction.ToUpperInvariant()) is not { } info)
        {
            throw GameErrors.Invalid("faction", $"faction must be a faction symbol; '{faction}' is not one.");
        }

        symbol = symbol.ToUpperInvariant();
        if (!info.IsRecruiting || !Universe.Headquarters.TryGetValue(info.Symbol, out var headquarters))
        {
            throw GameErrors.Rule(4112, $"Faction {info.Symbol} is not recruiting new agents.");
        }

        if (_agents.ContainsKey(symbol))
        {
            throw GameErrors.Rule(4111, $"Agent symbol {symbol} has already been claimed.", 409);
        }

        var agent = new Agent(NewId("cl", 23), symbol, headquarters.Symbol, info.Symbol, now)
        {
            Credits = StartingCredits,
            Email = email,
        };
        agent.Reputation[info.Symbol] = 100;
        _agents.Add(symbol, agent);
        Agents.Add(agent);
        AddShip(agent, ShipCatalog.GetType("SHIP_COMMAND_FRIGATE"), headquarters, now);
        AddShip(agent, ShipCatalog.GetType("SHIP_PROBE"), headquarters, now);
        CreateContract(agent, headquarters, now, starting: true);
        agent.AddEvent("AGENT_REGISTERED", $"Agent {symbol} registered with faction {info.Symbol}.", now, headquarters.Symbol);
        return agent;
    }

    /// <summary>Builds a new ship for an agent, docked at a waypoint.</summary>
    public Ship AddShip(Agent agent, ShipTypeSpec type, Waypoint location, DateTimeOffset now)
    {
        var symbol = string.Create(CultureInfo.InvariantCulture, $"{agent.Symbol}-{agent.NextShipNumber++:X}");
        var ship = new Ship(symbol, agent, type, location, now);
        agent.Ships.Add(ship);
        _ships.Add(symbol, ship);
        return ship;
    }

    /// <summary>Removes a ship from the game (scrapping).</summary>
    public void RemoveShip(Ship ship)
    {
        ship.Owner.Ships.Remove(ship);
        _ships.Remove(ship.Symbol);
    }

    /// <summary>Makes an id like the live game's (a prefix and lower-case letters and digits).</summary>
    public string NewId(string prefix, int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(prefix.Length + length, (prefix, Random), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            for (var i = state.prefix.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[state.Random.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>Notes that a market traded.</summary>
    private void MarketTraded(DateTimeOffset now)
    {
        if (now > LastMarketUpdate)
        {
            LastMarketUpdate = now;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]+$")]
    private static partial Regex AgentSymbolPattern();
}
