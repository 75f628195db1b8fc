namespace SpaceTraders.Simulator.Game;

/// <summary>A procurement contract: deliver goods to a waypoint by a deadline for two payments.</summary>
internal sealed class Contract(string id, Agent agent, string faction, DateTimeOffset deadlineToAccept, DateTimeOffset deadline, long onAccepted, long onFulfilled)
{
    /// <summary>Gets the contract id.</summary>
    public string Id { get; } = id;

    /// <summary>Gets the agent the contract was offered to.</summary>
    public Agent Agent { get; } = agent;

    /// <summary>Gets the faction offering it.</summary>
    public string Faction { get; } = faction;

    /// <summary>Gets the contract type. The only type offered is PROCUREMENT.</summary>
    public string Type => "PROCUREMENT";

    /// <summary>Gets the goods to deliver.</summary>
    public List<ContractDelivery> Deliveries { get; } = [];

    /// <summary>Gets the time after which the contract can no longer be accepted.</summary>
    public DateTimeOffset DeadlineToAccept { get; } = deadlineToAccept;

    /// <summary>Gets the time by which the contract must be fulfilled.</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Gets the payment on acceptance.</summary>
    public long OnAccepted { get; } = onAccepted;

    /// <summary>Gets the payment on fulfilment.</summary>
    public long OnFulfilled { get; } = onFulfilled;

    /// <summary>Gets or sets a value indicating whether the contract was accepted.</summary>
    public bool Accepted { get; set; }

    /// <summary>Gets or sets a value indicating whether the contract was fulfilled.</summary>
    public bool Fulfilled { get; set; }

    /// <summary>Gets a value indicating whether the contract still binds the agent (blocks negotiating another).</summary>
    public bool IsActive(DateTimeOffset now) =>
        !Fulfilled && (Accepted ? Deadline > now : DeadlineToAccept > now);
}

/// <summary>One good to deliver under a contract.</summary>
internal sealed class ContractDelivery(string tradeSymbol, string destination, int unitsRequired)
{
    /// <summary>Gets the good.</summary>
    public string TradeSymbol { get; } = tradeSymbol;

    /// <summary>Gets the destination waypoint symbol.</summary>
    public string Destination { get; } = destination;

    /// <summary>Gets the units required.</summary>
    public int UnitsRequired { get; } = unitsRequired;

    /// <summary>Gets or sets the units delivered so far.</summary>
    public int UnitsFulfilled { get; set; }
}
