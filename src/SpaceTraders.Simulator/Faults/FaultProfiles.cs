namespace SpaceTraders.Simulator.Faults;

/// <summary>Named sets of fault rules for <c>--faults &lt;profile&gt;</c> and <see cref="SimulationOptions.FaultProfile"/>.</summary>
public static class FaultProfiles
{
    /// <summary>No faults.</summary>
    public const string None = "none";

    /// <summary>
    /// The live server on a bad day, about 3% of requests: 502s from the DDoS layer, the odd 500 and 503,
    /// HTML 429s, slow responses, dropped connections (before and after processing) and truncated bodies.
    /// </summary>
    public const string Flaky = "flaky";

    /// <summary>Ten times <see cref="Flaky"/>, about 30% of requests: for reliability tests that must see every kind of fault.</summary>
    public const string Chaos = "chaos";

    /// <summary>One request in five answers 2 seconds late, holding the ship lock meanwhile: for ship-lock and timeout handling.</summary>
    public const string Slow = "slow";

    /// <summary>Gets every profile name.</summary>
    public static IReadOnlyList<string> Names { get; } = [None, Flaky, Chaos, Slow];

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
