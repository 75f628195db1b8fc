using SpaceTraders.BotRunner.Hosting;
using SpaceTraders.BotRunner.Tests.Support;

namespace SpaceTraders.BotRunner.Tests.Hosting;

/// <summary>Where plugins come from: the plugins/ folder next to the runner by default, only the --plugins folders when given.</summary>
[TestFixture]
public sealed class PluginFolderTests
{
    private static readonly string[] ShortRun = ["--virtual-time", "--seed", "5", "--duration", "00:20:00"];

    [Test]
    public async Task Without_plugins_options_the_runner_loads_the_plugins_next_to_it_and_picks_a_conductor_itself()
    {
        // Next to the tests: the sample fixture in two versions (week9, week10) and one refused for its contract version.
        var (outcome, report, _, output) = await RunnerRuns.RunAsync(ShortRun);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(BotRun.DefaultPluginDirectory, Is.EqualTo(RunnerRuns.FixturePlugins));
            Assert.That(report!.Conductor, Is.EqualTo("sample-fleet@week10"), "no week plugin here: the first conductor found, newest version");
            Assert.That(output, Does.Contain("Conductor: sample-fleet (default: no week plugin loaded"));
            Assert.That(report.Behaviours.Select(b => b.Version).Distinct(), Is.EqualTo(new[] { "week10" }));
        });
    }

    [Test]
    public async Task With_plugins_options_only_those_folders_are_searched()
    {
        var onlyV1 = Path.Combine(RunnerRuns.FixturePlugins, "SpaceTraders.Fixtures.Sample.V1");

        var (outcome, report, _, output) = await RunnerRuns.RunAsync([.. ShortRun, "--plugins", onlyV1, "--conductor", "sample-fleet"]);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(report!.Conductor, Is.EqualTo("sample-fleet@week9"), "week10 sits next to it but is not in the given folder");
            Assert.That(report.Behaviours.Select(b => b.Version).Distinct(), Is.EqualTo(new[] { "week9" }));
        });
    }

    [Test]
    public async Task A_conductor_that_no_given_plugin_offers_stops_the_start_with_what_did_load()
    {
        var onlyV1 = Path.Combine(RunnerRuns.FixturePlugins, "SpaceTraders.Fixtures.Sample.V1");

        var (outcome, report, _, output) = await RunnerRuns.RunAsync([.. ShortRun, "--plugins", onlyV1, "--conductor", "sample-fleet@week10"]);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1));
            Assert.That(report, Is.Null);
            Assert.That(output, Does.Contain("sample-fleet@week10").And.Contain("sample-fleet@week9"), "the message names what was asked and what loaded");
        });
    }

    [Test]
    public async Task With_no_plugin_at_all_the_run_goes_on_with_idle_ships()
    {
        var empty = Directory.CreateTempSubdirectory("runner-no-plugins-").FullName;
        try
        {
            var (outcome, report, _, output) = await RunnerRuns.RunAsync([.. ShortRun, "--plugins", empty]);

            Assert.That(outcome.ExitCode, Is.EqualTo(0), output);
            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain("Conductor: none (no plugin offers a conductor"));
                Assert.That(report!.Conductor, Is.Null);
                Assert.That(report.Behaviours, Is.Empty);
                Assert.That(report.CreditsEarned, Is.Zero);
                Assert.That(report.Ships, Is.EqualTo(2));
            });
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Test]
    public void The_runner_build_copies_every_plugin_project_with_its_own_dependencies_but_not_the_shared_assemblies()
    {
        var projects = Directory.GetDirectories(Path.Combine(RunnerRuns.RepositoryRoot, "plugins"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName)
            .ToList();
        var plugins = Path.Combine(RunnerRuns.RunnerOutput, "plugins");

        Assert.That(projects, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var project in projects)
            {
                var folder = Path.Combine(plugins, project!);
                var built = Path.Combine(RunnerRuns.RunnerOutput, "..", "..", project!, Path.GetFileName(RunnerRuns.RunnerOutput));
                var expected = Directory.GetFiles(built, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(built, f)).Order(StringComparer.Ordinal).ToList();
                var copied = Directory.Exists(folder)
                    ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList()
                    : [];
                Assert.That(copied, Does.Contain(project + ".dll").And.Contain(project + ".deps.json"), project);
                Assert.That(copied, Is.SupersetOf(expected), $"{project}: everything the plugin's build put out, native libraries under runtimes/ included");
                Assert.That(copied.Select(Path.GetFileName), Has.None.EqualTo("SpaceTraders.Sdk.dll").And.None.EqualTo("SpaceTraders.Runtime.Abstractions.dll"), $"{project}: the contract and the SDK come from the host");
            }
        });
    }
}
