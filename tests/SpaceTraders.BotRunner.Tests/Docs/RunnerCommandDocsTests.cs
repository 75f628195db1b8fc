using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Tests.Support;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Docs;

/// <summary>
/// Every bot runner command line the markdown shows (<c>dotnet run --project samples/SpaceTraders.BotRunner ... -- args</c>,
/// <c>dotnet .../SpaceTraders.BotRunner.dll args</c>) is taken by the runner's own command line and settings, as a run
/// reads them before anything starts (placeholders such as <c>&lt;seed&gt;</c> or <c>S</c> given sample values).
/// </summary>
[TestFixture]
public sealed class RunnerCommandDocsTests
{
    [Test]
    public void Every_runner_command_in_the_docs_parses()
    {
        var commands = DocCommands.Of(DocCommands.BotRunner);
        var failures = DocCommands.Refusals(commands, (command, args) =>
            RunnerCommandLine.Parse(args) is { Action: not null, Error: null }
                ? null // --help, --version, completions
                : Settings.Read(args, new Dictionary<string, string>(command.Environment), null).Error);

        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.GreaterThanOrEqualTo(15), "the commands are found: README.md alone shows more than 15");
            Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
        });
    }

    [Test]
    public void A_command_the_runner_refuses_is_reported_with_its_place()
    {
        var command = DocCommands.Read("README.md:1", "dotnet run --project samples/SpaceTraders.BotRunner -c Release -- --virtual-time --seed S --durration 2h");

        Assert.That(command, Is.Not.Null);
        Assert.That(command!.Variants.Single(), Is.EqualTo(new[] { "--virtual-time", "--seed", "1", "--durration", "2h" }));
        Assert.That(Settings.Read(command.Variants.Single(), null, null).Error, Does.Contain("--durration"));
    }
}
