namespace SpaceTraders.Simulator.Faults;

/// <summary>Named sets of fault rules for <c>--faults &lt;profile&gt;</c> and <see cref="SimulationOptions.FaultProfile"/>.</summary>
/// <remarks>
/// Every rule matches any method and path; the first rule that wins its draw (from the simulation's seeded random) applies,
/// so the shares below are those of all requests. The rules are listed with their shares in
/// <c>src/SpaceTraders.Simulator/Hosting/README.md</c>.
/// </remarks>
public static class FaultProfiles
{
    /// <summary>No faults.</summary>
    public const string None = "none";

    /// <summary>
    /// The live server on a bad day, about 3% of requests: 502s from the DDoS layer (0.8%), 500s (0.4%), HTML 503s (0.2%),
    /// HTML 429s (0.3%), answers 3 seconds late (0.6%), connections dropped before the request is processed (0.3%) and
    /// after it was processed (0.2%), and success bodies cut in half (0.2%).
    /// </summary>
    public const string Flaky = "flaky";

    /// <summary>Ten times <see cref="Flaky"/>'s shares, about 26% of requests (earlier rules win first): for reliability tests that must see every kind of fault.</summary>
    public const string Chaos = "chaos";

    /// <summary>One request in five answers 2 seconds late, holding the ship lock meanwhile: for ship-lock and timeout handling.</summary>
    public const string Slow = "slow";

    /// <summary>
    /// 3% of requests are processed, then their response is dropped (<see cref="FaultKind.DropAfterProcessing"/>): the
    /// action happened but the client cannot know. For checking that clients never resend an action blindly.
    /// </summary>
    public const string DropAfter = "drop-after";

    /// <summary>
    /// Every success answer lists the things whose order means nothing in the game (cargo inventory, a market's goods,
    /// waypoint traits, mounts and modules, contract terms...) in a new random order (<see cref="FaultKind.Reorder"/>);
    /// the content is the same, paged <c>data</c> arrays and chronological lists keep their order. For asking "does my bot
    /// depend on list order?": two reads of the same thing come back in different orders.
    /// </summary>
    public const string Reorder = "reorder";

    /// <summary>Gets every profile name.</summary>
    public static IReadOnlyList<string> Names { get; } = [None, Flaky, Chaos, Slow, DropAfter, Reorder];

    /// <summary>Finds a profile by its name, ignoring case and surrounding spaces (<c>Reorder</c>, <c> DROP-AFTER </c>).</summary>
    /// <param name="name">The name as given (a command line's, a setting's).</param>
    /// <returns>The name as <see cref="Names"/> spells it, or <see langword="null"/> when no profile has it.</returns>
    public static string? Find(string? name) =>
        name is null ? null : Names.FirstOrDefault(known => string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the rules of a profile.</summary>
    /// <param name="name">The profile's name (case-insensitive).</param>
    /// <returns>The rules, in evaluation order.</returns>
    /// <exception cref="ArgumentException">No profile has that name.</exception>
    public static IReadOnlyList<FaultRule> Rules(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant() switch
        {
            "NONE" or "" => [],
            "FLAKY" => Scaled(1),
            "CHAOS" => Scaled(10),
            "SLOW" => [new FaultRule { Kind = FaultKind.SlowResponse, Probability = 0.2, Delay = TimeSpan.FromSeconds(2) }],
            "DROP-AFTER" => [new FaultRule { Kind = FaultKind.DropAfterProcessing, Probability = 0.03 }],
            "REORDER" => [new FaultRule { Kind = FaultKind.Reorder }],
            _ => throw new ArgumentException($"Unknown fault profile '{name}'. Known profiles: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static FaultRule[] Scaled(double factor) =>
    [
        new() { Kind = FaultKind.BadGateway, Probability = 0.008 * factor },
        new() { Kind = FaultKind.InternalServerError, Probability = 0.004 * factor },
        new() { Kind = FaultKind.ServiceUnavailable, Probability = 0.002 * factor },
        new() { Kind = FaultKind.HtmlTooManyRequests, Probability = 0.003 * factor },
        new() { Kind = FaultKind.SlowResponse, Probability = 0.006 * factor, Delay = TimeSpan.FromSeconds(3) },
        new() { Kind = FaultKind.DropConnection, Probability = 0.003 * factor },
        new() { Kind = FaultKind.DropAfterProcessing, Probability = 0.002 * factor },
        new() { Kind = FaultKind.MalformedJson, Probability = 0.002 * factor },
    ];
}
