using SpaceTraders.Plugins.MarketScout.Planning;
using SpaceTraders.Sdk.Navigation;

namespace SpaceTraders.Plugins.Tests.MarketScout;

/// <summary>Seeded planning instances: markets scattered in a system, scouts at some of them.</summary>
internal static class ScoutInstances
{
    /// <summary>Markets at seeded random positions (some orbitals share their parent's position, as in the game), and scouts starting at seeded markets.</summary>
    public static (IReadOnlyList<WaypointPosition> Markets, IReadOnlyList<ScoutShip> Scouts) Random(int seed, int markets, int scouts, int radius = 100, string system = "X1-TEST", params int[] speeds)
    {
        var random = new Random(seed);
        var positions = new List<WaypointPosition>();
        for (var i = 0; i < markets; i++)
        {
            if (i > 0 && random.NextDouble() < 0.2)
            {
                var parent = positions[random.Next(positions.Count)];
                positions.Add(new WaypointPosition($"{system}-M{i}", system, parent.X, parent.Y));
                continue;
            }

            positions.Add(new WaypointPosition($"{system}-M{i}", system, random.Next(-radius, radius + 1), random.Next(-radius, radius + 1)));
        }

        var ships = Enumerable.Range(0, scouts)
            .Select(s => new ScoutShip($"SCOUT-{s + 1}", positions[random.Next(positions.Count)], speeds.Length == 0 ? 9 : speeds[s % speeds.Length]))
            .ToList();
        return (positions, ships);
    }

    /// <summary>The seeds, market counts and scout counts the property tests run over.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            foreach (var markets in new[] { 11, 24 })
            {
                foreach (var scouts in new[] { 1, 3, 6 })
                {
                    yield return new TestCaseData(seed, markets, scouts).SetArgDisplayNames($"seed {seed}", $"{markets} markets", $"{scouts} scouts");
                }
            }
        }
    }
}
