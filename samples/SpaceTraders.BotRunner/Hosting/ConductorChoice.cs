using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>The conductor a run uses and why, for the view and the report.</summary>
/// <param name="Conductor">The conductor (<c>id</c>: the runtime takes the newest loaded version), or <see langword="null"/> when none loaded.</param>
/// <param name="Reason">Why this one, in a few words.</param>
internal sealed record ConductorChoice(StrategyRef? Conductor, string Reason)
{
    /// <summary>Gets the conductor's descriptor (its parameters), once the loaded plugins were looked at.</summary>
    public StrategyDescriptor? Descriptor { get; init; }

    /// <summary>Gets the exact conductor that will run (<c>id@version</c>, the newest loaded version without one).</summary>
    public StrategyRef? Resolved { get; init; }

    /// <summary>The default order: the latest week first (each week earns more than the one before), then the market scout.</summary>
    public static IReadOnlyList<string> Preferred { get; } = ["week12", "week10", "week07", "week04", "week02", "market-scout"];

    /// <summary>Picks the conductor for a run without <c>--conductor</c> from the conductors that loaded.</summary>
    /// <param name="loaded">The conductors the plugins offer (any order).</param>
    /// <returns>The first of <see cref="Preferred"/> that loaded; else the first loaded conductor by id; else none.</returns>
    public static ConductorChoice Pick(IEnumerable<StrategyRef> loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var ids = loaded.Select(c => c.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in Preferred)
        {
            if (ids.Contains(id, StringComparer.Ordinal))
            {
                return new ConductorChoice(new StrategyRef(id), id == Preferred[0]
                    ? "default: the latest week"
                    : $"default: the best that loaded ({string.Join(", ", Preferred.TakeWhile(p => p != id))} not found)");
            }
        }

        return ids.Count > 0
            ? new ConductorChoice(new StrategyRef(ids[0]), $"default: no week plugin loaded, first conductor found")
            : new ConductorChoice(null, "no plugin offers a conductor: ships stay idle");
    }
}
