namespace SpaceTraders.Simulator.Faults;

/// <summary>
/// A scripted fault: which requests it hits (method, path pattern, time window), how often (the next
/// <see cref="Count"/> matches, each with <see cref="Probability"/>), and what it does (<see cref="Kind"/>).
/// </summary>
/// <example>
/// <code>
/// // The next three extractions get a 502.
/// simulation.Faults.Add(new FaultRule { Kind = FaultKind.BadGateway, Method = "POST", Path = "/my/ships/*/extract", Count = 3 });
/// </code>
/// </example>
public sealed class FaultRule
{
    /// <summary>Gets what the fault does.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Gets the HTTP method the rule applies to, or <see langword="null"/> for any. The default value is <see langword="null"/>.</summary>
    public string? Method { get; init; }

    /// <summary>
    /// Gets the path pattern after <c>/v2</c>, or <see langword="null"/> for any path. Segments match literally
    /// (case-insensitive); <c>*</c> or <c>{name}</c> matches one segment; a final <c>**</c> matches the rest.
    /// Example: <c>/my/ships/{shipSymbol}/extract</c>. The default value is <see langword="null"/>.
    /// </summary>
    public string? Path { get; init; }

    /// <summary>Gets how many matching requests the rule hits before it retires, or <see langword="null"/> for no limit. The default value is <see langword="null"/>.</summary>
    public int? Count { get; init; }

    /// <summary>Gets the start of the rule's window on the simulation clock, or <see langword="null"/> for now. The default value is <see langword="null"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the end (exclusive) of the rule's window on the simulation clock, or <see langword="null"/> for never. The default value is <see langword="null"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the chance, from 0 to 1, that a matching request is hit (drawn from the simulation's seeded random). The default value is 1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>
    /// Gets the delay of <see cref="FaultKind.SlowResponse"/> and <see cref="FaultKind.Timeout"/> on the simulation clock,
    /// or <see langword="null"/> for the default (5 seconds for a slow response, 10 minutes for a timeout).
    /// </summary>
    public TimeSpan? Delay { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Kind} on {Method ?? "*"} {Path ?? "**"}" + (Count is { } n ? $" x{n}" : string.Empty)
            + (Probability < 1 ? $" p={Probability}" : string.Empty);
}
