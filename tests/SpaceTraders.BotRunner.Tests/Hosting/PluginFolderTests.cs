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
        var run = await RunnerRuns.RunAsync(ShortRun);
        var (report, output) = (run.Report, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(Preflight.DefaultPluginDirectory, Is.EqualTo(RunnerRuns.FixturePlugins));
            Assert.That(report!.Conductor, Is.EqualTo("sample-fleet@week10"), "no week plugin here: the first conductor found, newest version");
            Assert.That(output, Does.Contain("Conductor: sample-fleet (default: no week plugin loaded"));
            Assert.That(report.Behaviours.Select(b => b.Version).Distinct(), Is.EqualTo(new[] { "week10" }));
        });
    }

    [Test]
    public async Task With_plugins_options_only_those_folders_are_searched()
    {
        var onlyV1 = Path.Combine(RunnerRuns.FixturePlugins, "SpaceTraders.Fixtures.Sample.V1");

        var run = await RunnerRuns.RunAsync([.. ShortRun, "--plugins", onlyV1, "--conductor", "sample-fleet"]);
        var (report, output) = (run.Report, run.All);

        Assert.That(run.ExitCode, Is.EqualTo(0), output);
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

        var run = await RunnerRuns.RunAsync([.. ShortRun, "--plugins", onlyV1, "--conductor", "sample-fleet@week10"]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Report, Is.Null);
            Assert.That(run.Error.Trim(), Is.EqualTo($"--conductor sample-fleet@week10: no loaded plugin offers this conductor (loaded: sample-fleet@week9, sample-refit@week9). Searched --plugins ({onlyV1}); --plugins <dir> loads the plugins of the folders given instead."), "the message names what was asked, what loaded and where it looked, in one line");
            Assert.That(run.Output, Is.Empty, "nothing ran");
        });
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
