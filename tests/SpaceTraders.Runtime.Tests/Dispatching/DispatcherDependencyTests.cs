using System.Reflection;
using SpaceTraders.Runtime.Dispatching;
using SpaceTraders.Runtime.Maintenance;

namespace SpaceTraders.Runtime.Tests.Dispatching;

/// <summary>
/// The dispatcher is no service locator: the actors it starts get what they use (<see cref="ShipServices"/>, the store
/// roles), so nothing refers back to it and the cycle dispatcher, fleet, ship runner, dispatcher is gone.
/// </summary>
[TestFixture]
public sealed class DispatcherDependencyTests
{
    [TestCase(typeof(AgentFleet))]
    [TestCase(typeof(ShipRunner))]
    [TestCase(typeof(ConductorRunner))]
    [TestCase(typeof(LeaseBook))]
    [TestCase(typeof(MarketJanitor))]
    [TestCase(typeof(ShipServices))]
    public void Takes_no_dispatcher(Type type)
    {
        const BindingFlags All = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

        var fields = type.GetFields(All).Where(f => f.FieldType == typeof(Dispatcher)).Select(f => f.Name);
        var parameters = type.GetConstructors(All).SelectMany(c => c.GetParameters()).Where(p => p.ParameterType == typeof(Dispatcher)).Select(p => p.Name);

        Assert.That(fields.Concat(parameters), Is.Empty);
    }
}
