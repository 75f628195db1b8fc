namespace SpaceTraders.Simulator.Game;

/// <summary>A registered agent: credits, fleet, contracts, recent events.</summary>
internal sealed class Agent(string accountId, string symbol, string headquarters, string faction, DateTimeOffset createdAt)
{
    /// <summary>Gets the account id (opaque).</summary>
    public string AccountId { get; } = accountId;

    /// <summary>Gets the agent symbol (upper case).</summary>
    public string Symbol { get; } = symbol;

    /// <summary>Gets the headquarters waypoint symbol.</summary>
    public string Headquarters { get; } = headquarters;

    /// <summary>Gets the starting faction symbol.</summary>
    public string StartingFaction { get; } = faction;

    /// <summary>Gets when the agent registered.</summary>
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Gets or sets the e-mail given at registration, if any.</summary>
    public string? Email { get; set; }

    /// <summary>Gets or sets the credits (may go negative only through fees the game forces).</summary>
    public long Credits { get; set; }

    /// <summary>Gets the ships in purchase order.</summary>
    public List<Ship> Ships { get; } = [];

    /// <summary>Gets the contracts in creation order.</summary>
    public List<Contract> Contracts { get; } = [];

    /// <summary>Gets the recent events, oldest first (at most <see cref="MaxEvents"/>).</summary>
    public List<AgentEventRecord> Events { get; } = [];

    /// <summary>Gets or sets how many waypoints the agent charted.</summary>
    public int ChartCount { get; set; }

    /// <summary>Gets or sets the number the next ship's symbol gets.</summary>
    public int NextShipNumber { get; set; } = 1;

    /// <summary>Gets or sets the sequence number of the next event.</summary>
    public int NextEventNumber { get; set; } = 1;

    /// <summary>Gets the reputation per faction symbol.</summary>
    public Dictionary<string, int> Reputation { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the maximum number of events kept.</summary>
    public static int MaxEvents => 50;

    /// <summary>Records an event, dropping the oldest beyond <see cref="MaxEvents"/>.</summary>
    public void AddEvent(string type, string message, DateTimeOffset now, string? subject = null)
    {
        var id = $"{Symbol}-E{NextEventNumber++}";
        Events.Add(new AgentEventRecord(id, type, message, subject, now));
        if (Events.Count > MaxEvents)
        {
            Events.RemoveAt(0);
        }
    }
}

/// <summary>One agent event.</summary>
/// <param name="Id">Unique id.</param>
/// <param name="Type">Event type, e.g. SHIP_PURCHASED.</param>
/// <param name="Message">Human-readable text.</param>
/// <param name="Subject">The ship, contract or waypoint concerned, if any.</param>
/// <param name="CreatedAt">When it happened.</param>
internal sealed record AgentEventRecord(string Id, string Type, string Message, string? Subject, DateTimeOffset CreatedAt);
