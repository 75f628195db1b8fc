using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Plugins.Tests.PublicApi;

/// <summary>
/// <see cref="PluginContract.Version"/> covers what plugins compile against: the public API of the SDK and of the
/// abstractions, as their baselines declare it. The pin below records the hash of both baselines together with the
/// version they were taken at, so a change to either baseline fails here until the version is bumped and the pin
/// updated in the same commit (docs/public-api.md).
/// </summary>
[TestFixture]
public sealed class PluginContractTests
{
    /// <summary>The plugin contract version <see cref="PinnedBaselineHash"/> was taken at.</summary>
    private const int PinnedVersion = 9;

    /// <summary>The hash of the SDK's and the abstractions' declared public API at <see cref="PinnedVersion"/>.</summary>
    private const string PinnedBaselineHash = "5539a38b4adf92e5";

    private const string ThisFile = "tests/SpaceTraders.Plugins.Tests/PublicApi/PluginContractTests.cs";

    private static readonly string[] Projects = ["SpaceTraders.Sdk", "SpaceTraders.Runtime.Abstractions"];

    [Test]
    public void The_contract_version_changes_whenever_the_public_API_plugins_compile_against_changes()
    {
        var hash = PublicApiBaseline.Hash(Projects.Select(p => (p, ReadDeclared(p))));
        var version = PluginContract.Version;

        if (hash != PinnedBaselineHash && version == PinnedVersion)
        {
            Assert.Fail(
                $"The public API plugins compile against changed (PublicAPI.*.txt of {string.Join(" and ", Projects)}: "
                + $"baseline hash {PinnedBaselineHash} at plugin contract version {PinnedVersion}, now {hash}), "
                + $"but PluginContract.Version is still {version}. Plugins built against version {version} may not load or run "
                + $"against this SDK. In the same commit: set PluginContract.Version to {version + 1} in "
                + "src/SpaceTraders.Runtime.Abstractions/PluginContract.cs, and in "
                + $"{ThisFile} set PinnedVersion = {version + 1} and PinnedBaselineHash = \"{hash}\". "
                + "See docs/public-api.md.");
        }

        Assert.That(
            (version, hash),
            Is.EqualTo((PinnedVersion, PinnedBaselineHash)),
            $"PluginContract.Version is {version} and the baselines hash to {hash}, but the pin in {ThisFile} says "
            + $"version {PinnedVersion}, hash {PinnedBaselineHash}. Set PinnedVersion = {version} and "
            + $"PinnedBaselineHash = \"{hash}\" there. See docs/public-api.md.");
    }

    [Test]
    public void Shipping_unshipped_API_keeps_the_hash_and_any_change_to_the_API_moves_it()
    {
        string[] shipped = ["#nullable enable", "Probe.Cargo", "Probe.Cargo.Units.get -> int", "Probe.Cargo.Jettison() -> void"];
        string[] unshipped = ["#nullable enable", "Probe.Cargo.Capacity.get -> int", "*REMOVED*Probe.Cargo.Jettison() -> void"];
        var before = Hash(shipped, unshipped);

        Assert.Multiple(() =>
        {
            // At a release Unshipped folds into Shipped: the declared API, and so the hash, stay the same.
            Assert.That(Hash(["#nullable enable", "Probe.Cargo.Capacity.get -> int", "Probe.Cargo", "Probe.Cargo.Units.get -> int"], ["#nullable enable"]), Is.EqualTo(before));
            Assert.That(Hash(shipped.Reverse().Select(l => l + "\r").Append(string.Empty), unshipped), Is.EqualTo(before), "order, blank lines and line endings are not API");

            Assert.That(Hash(shipped, [.. unshipped, "Probe.Cargo.Capacity.set -> void"]), Is.Not.EqualTo(before), "declared API");
            Assert.That(Hash(shipped, ["#nullable enable", "Probe.Cargo.Capacity.get -> int"]), Is.Not.EqualTo(before), "an API no longer removed");
            Assert.That(Hash(shipped, ["#nullable enable", "Probe.Cargo.Capacity.get -> long", "*REMOVED*Probe.Cargo.Jettison() -> void"]), Is.Not.EqualTo(before), "a changed signature");
            Assert.That(
                PublicApiBaseline.Hash([("Other", PublicApiBaseline.Declared(shipped, unshipped))]),
                Is.Not.EqualTo(PublicApiBaseline.Hash([("Probe", PublicApiBaseline.Declared(shipped, unshipped))])),
                "the same lines in another project");
        });

        static string Hash(IEnumerable<string> shipped, IEnumerable<string> unshipped)
            => PublicApiBaseline.Hash([("Probe", PublicApiBaseline.Declared(shipped, unshipped))]);
    }

    /// <summary>Reads a project's baselines, copied next to the tests from src/&lt;project&gt;/ by the test project.</summary>
    private static SortedSet<string> ReadDeclared(string project)
    {
        var folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi", project);
        return PublicApiBaseline.Declared(
            File.ReadAllLines(Path.Combine(folder, "PublicAPI.Shipped.txt")),
            File.ReadAllLines(Path.Combine(folder, "PublicAPI.Unshipped.txt")));
    }
}
