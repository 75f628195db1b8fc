using SpaceTraders.Plugins.Week02;
using SpaceTraders.Plugins.Week04;
using SpaceTraders.Plugins.Week07;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Testing;

/// <summary>The weekly plugins, side by side as the runtime loads them (new instances each time).</summary>
internal static class WeeklyPlugins
{
    public static IStrategyPlugin[] All => [new Week02Plugin(), new Week04Plugin(), new Week07Plugin()];
}
