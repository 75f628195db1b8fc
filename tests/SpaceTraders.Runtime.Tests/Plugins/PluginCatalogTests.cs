using Microsoft.Extensions.Logging.Abstractions;
using SpaceTraders.Runtime.Abstractions;
using SpaceTraders.Runtime.Plugins;
using SpaceTraders.Runtime.Tests.Support;

namespace SpaceTraders.Runtime.Tests.Plugins;

/// <summary>Loading the fixture plugin DLLs the solution builds (copied to plugins/ next to the tests).</summary>
[TestFixture]
public sealed class PluginCatalogTests
{
    private static string PluginFolder(string name) => Path.Combine(SimulatedGame.PluginDirectory, name);

    [Test]
    public void Two_versions_of_one_plugin_with_the_same_assembly_name_load_side_by_side()
    {
        using var catalog = PluginCatalog.Load([SimulatedGame.PluginDirectory], [], NullLogger.Instance);

        var week9 = catalog.ResolveBehaviour(StrategyRef.Parse("hello@week9"));
        var week10 = catalog.ResolveBehaviour(StrategyRef.Parse("hello@week10"));

        Assert.That(catalog.Results.Where(r => r.PluginId == "fixtures.sample" && r.Loaded).Select(r => r.Version), Is.EquivalentTo(new[] { "week9", "week10" }));
        Assert.That(week9.Plugin.GetType().Assembly.GetName().Name, Is.EqualTo("SpaceTraders.Fixtures.Sample"));
        Assert.That(week10.Plugin.GetType().Assembly.GetName().Name, Is.EqualTo("SpaceTraders.Fixtures.Sample"));
        Assert.That(week9.Plugin.GetType().Assembly, Is.Not.SameAs(week10.Plugin.GetType().Assembly), "each version in its own load context");
        Assert.That(
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(week9.Plugin.GetType().Assembly),
            Is.Not.SameAs(System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(week10.Plugin.GetType().Assembly)));
    }

    [Test]
    public void The_contract_and_the_sdk_are_shared_with_the_host()
    {
        using var catalog = PluginCatalog.Load([PluginFolder("SpaceTraders.Fixtures.Sample.V1")], [], NullLogger.Instance);

        var plugin = catalog.ResolveBehaviour(StrategyRef.Parse("hello")).Plugin;

        Assert.That(plugin, Is.InstanceOf<IStrategyPlugin>(), "the plugin's IStrategyPlugin is the host's type");
        var references = plugin.GetType().Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(references, Does.Contain("SpaceTraders.Runtime.Abstractions").And.Contain("SpaceTraders.Sdk"));
        Assert.That(Directory.GetFiles(PluginFolder("SpaceTraders.Fixtures.Sample.V1"), "SpaceTraders.Sdk.dll"), Is.Empty, "shared assemblies are not copied next to the plugin");
        Assert.That(Directory.GetFiles(PluginFolder("SpaceTraders.Fixtures.Sample.V1"), "SpaceTraders.Runtime.Abstractions.dll"), Is.Empty);
    }

    [Test]
    public void A_reference_without_a_version_resolves_to_the_newest_by_natural_order()
    {
        using var catalog = PluginCatalog.Load([SimulatedGame.PluginDirectory], [], NullLogger.Instance);

        // Ordinally "week10" < "week9"; people (and the catalogue) read week10 as the newer.
        Assert.That(catalog.ResolveBehaviour(new StrategyRef("hello")).Reference, Is.EqualTo(new StrategyRef("hello", "week10")));
        Assert.That(catalog.ResolveConductor(new StrategyRef("sample-fleet")).Reference, Is.EqualTo(new StrategyRef("sample-fleet", "week10")));
        Assert.That(catalog.Behaviours.Where(b => b.Reference.Id == "hello").Select(b => b.Reference.Version), Is.EqualTo(new[] { "week9", "week10" }));
    }

    [TestCase(ParameterType.Integer, "abc", "takes a whole number")]
    [TestCase(ParameterType.Number, "half", "takes a number such as 0.5")]
    [TestCase(ParameterType.Boolean, "yes", "takes true or false")]
    [TestCase(ParameterType.Duration, "soon", "takes a duration (seconds, hh:mm:ss, or a number with s, m, h or d: 90m, 12h)")]
    public void A_plugin_whose_default_its_strategy_cannot_read_is_refused_at_load(ParameterType type, string value, string problem)
    {
        var plugin = new DeclaredOnly(new StrategyDescriptor("counter", "Counts.", [new ParameterDescriptor("probes", type, "How many.", value)]));

        using var catalog = PluginCatalog.Load([], [plugin], NullLogger.Instance);

        var result = catalog.Results.Single(r => r.PluginId == "fixtures.declared");
        Assert.Multiple(() =>
        {
            Assert.That(result.Loaded, Is.False);
            Assert.That(result.Message, Does.EndWith($"the parameter 'probes' of 'counter' has the default '{value}', but it {problem}."));
            Assert.That(catalog.Conductors, Is.Empty);
        });
    }

    [Test]
    public void A_plugin_whose_default_is_outside_its_allowed_values_is_refused_and_valid_defaults_load()
    {
        var outside = new DeclaredOnly(new StrategyDescriptor("counter", "Counts.", [new ParameterDescriptor("mode", ParameterType.String, "How.", "fast") { AllowedValues = ["calm", "busy"] }]));
        var valid = new DeclaredOnly(new StrategyDescriptor("counter", "Counts.", [
            new ParameterDescriptor("mode", ParameterType.String, "How.", "busy") { AllowedValues = ["calm", "busy"] },
            new ParameterDescriptor("every", ParameterType.Duration, "How often.", "90m"),
            new ParameterDescriptor("share", ParameterType.Number, "How much.", "0.5"),
            new ParameterDescriptor("required", ParameterType.Integer, "No default.")]));

        using var refused = PluginCatalog.Load([], [outside], NullLogger.Instance);
        using var loaded = PluginCatalog.Load([], [valid], NullLogger.Instance);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Results.Single(r => r.PluginId == "fixtures.declared").Message, Does.EndWith("the parameter 'mode' of 'counter' has the default 'fast', but it takes one of: calm, busy."));
            Assert.That(loaded.Results.Single(r => r.PluginId == "fixtures.declared").Loaded, Is.True);
        });
    }

    [Test]
    public void A_plugin_built_for_another_contract_version_is_refused_with_both_versions_and_the_file()
    {
        using var catalog = PluginCatalog.Load([SimulatedGame.PluginDirectory], [], NullLogger.Instance);

        var refused = catalog.Results.Single(r => r.PluginId == "fixtures.future");

        Assert.That(refused.Loaded, Is.False);
        Assert.That(refused.Message, Does.Contain($"plugin contract version {PluginContract.Version + 1}"));
        Assert.That(refused.Message, Does.Contain($"this runtime implements plugin contract version {PluginContract.Version}"));
        Assert.That(refused.Message, Does.Contain(Path.Combine(PluginFolder("SpaceTraders.Fixtures.WrongContract"), "SpaceTraders.Fixtures.WrongContract.dll")));
        Assert.That(() => catalog.ResolveBehaviour(new StrategyRef("future")), Throws.ArgumentException.With.Message.Contains("No loaded plugin offers the behaviour 'future'"));
        Assert.That(catalog.Results.Count(r => r.Loaded), Is.EqualTo(3), "the other plugins still load");
    }

    [Test]
    public void Folders_without_a_valid_plugin_and_missing_directories_are_reported_not_fatal()
    {
        var root = Path.Combine(TestContext.CurrentContext.WorkDirectory, "bad-plugins-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        Directory.CreateDirectory(Path.Combine(root, "not-dotnet"));
        File.WriteAllText(Path.Combine(root, "not-dotnet", "not-dotnet.dll"), "this is not an assembly");
        Directory.CreateDirectory(Path.Combine(root, "no-entry"));
        File.Copy(typeof(IStrategyPlugin).Assembly.Location, Path.Combine(root, "no-entry", "no-entry.dll"), overwrite: true);
        try
        {
            using var catalog = PluginCatalog.Load([root, Path.Combine(root, "missing"), PluginFolder("SpaceTraders.Fixtures.Faulty")], [], NullLogger.Instance);

            var results = catalog.Results;
            Assert.That(results.Single(r => r.Source.EndsWith("empty", StringComparison.Ordinal)).Message, Does.Contain("No plugin assembly found"));
            Assert.That(results.Single(r => r.Source.EndsWith("not-dotnet", StringComparison.Ordinal)).Message, Does.Contain("could not be loaded"));
            Assert.That(results.Single(r => r.Source.EndsWith("no-entry", StringComparison.Ordinal)).Message, Does.Contain("has no public class implementing IStrategyPlugin"));
            Assert.That(results.Single(r => r.Source.EndsWith("missing", StringComparison.Ordinal)).Message, Does.Contain("does not exist"));
            Assert.That(results.Where(r => r.Loaded).Select(r => r.PluginId), Is.EqualTo(new[] { "fixtures.faulty" }), "the good folder still loads, and only configured folders are read");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Built_in_plugins_join_the_catalogue_and_a_duplicate_id_and_version_is_refused()
    {
        using var catalog = PluginCatalog.Load([PluginFolder("SpaceTraders.Fixtures.Faulty")], [new TestStrategies(), new TestStrategies()], NullLogger.Instance);

        Assert.That(catalog.Results.Count(r => r.Loaded), Is.EqualTo(2));
        Assert.That(catalog.Results.Single(r => !r.Loaded).Message, Does.Contain("the same id and version is already loaded"));
        Assert.That(catalog.Behaviours.Select(b => b.Reference.ToString()), Is.EqualTo(new[] { "earner@1", "idle-loop@1", "ignores-cancellation@1.0.0", "instant@1", "stubborn@1", "throws@1.0.0", "throws-when-cancelled@1" }));
    }

    [TestCase("v2", "v10", -1)]
    [TestCase("week9", "week10", -1)]
    [TestCase("1.2.0", "1.10.0", -1)]
    [TestCase("1.0", "1.0.1", -1)]
    [TestCase("B", "a", 1)]
    [TestCase("v01", "v1", -1)]
    [TestCase("same", "same", 0)]
    public void Version_labels_compare_the_way_people_read_them(string x, string y, int expected)
    {
        Assert.That(Math.Sign(VersionLabelComparer.Instance.Compare(x, y)), Is.EqualTo(expected));
        Assert.That(Math.Sign(VersionLabelComparer.Instance.Compare(y, x)), Is.EqualTo(-expected));
    }

    /// <summary>A plugin that only declares one conductor (nothing runs it).</summary>
    private sealed class DeclaredOnly(StrategyDescriptor conductor) : IStrategyPlugin
    {
        public PluginManifest Manifest { get; } = new("fixtures.declared", "1", PluginContract.Version, [], [conductor]);

        public IBehaviour CreateBehaviour(string behaviourId) => throw new NotSupportedException();

        public IConductor CreateConductor(string conductorId) => throw new NotSupportedException();
    }
}
