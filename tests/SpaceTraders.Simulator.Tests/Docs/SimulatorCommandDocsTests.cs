using System.Text.RegularExpressions;
using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Testing;

namespace SpaceTraders.Simulator.Tests.Docs;

/// <summary>
/// Every simulator command line the markdown shows (<c>dotnet run --project src/SpaceTraders.Simulator ... -- args</c>,
/// synopses included: each alternative of <c>on|off</c> once) is taken by the simulator's own command line.
/// </summary>
[TestFixture]
public sealed partial class SimulatorCommandDocsTests
{
    [Test]
    public void Every_simulator_command_in_the_docs_parses()
    {
        var commands = DocCommands.Of(DocCommands.Simulator);
        var failures = DocCommands.Refusals(commands, (_, args) => Parse(args));

        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.GreaterThanOrEqualTo(4), "the commands are found: README.md and the hosting README show several");
            Assert.That(commands.Max(c => c.Variants.Count), Is.GreaterThanOrEqualTo(6), "the synopsis is read with each fault profile");
            Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
        });
    }

    [Test]
    public void The_synopses_name_every_option_the_simulator_takes()
    {
        using var output = new StringWriter();
        Assert.That(SimulatorCommandLine.Parse(["--help"], output, TextWriter.Null, out _), Is.Zero);
        var options = OptionName().Matches(output.ToString()).Select(m => m.Value).Where(o => o is not ("--help" or "--version")).Distinct().ToList();
        var synopses = DocCommands.Of(DocCommands.Simulator).Where(c => c.Variants.Count > 1).ToList();

        Assert.That(options, Has.Count.GreaterThanOrEqualTo(9), "the options are read from the help");
        Assert.That(synopses.Select(c => c.At.Split(':')[0]), Is.EquivalentTo(new[] { "README.md", "src/SpaceTraders.Simulator/Hosting/README.md" }), "the two synopses are found");
        foreach (var synopsis in synopses)
        {
            var missing = options.Where(o => !synopsis.Variants[0].Contains(o)).ToList();
            Assert.That(missing, Is.Empty, $"{synopsis.At}: the synopsis leaves out {string.Join(", ", missing)}, which the simulator's --help lists: add them");
        }
    }

    [Test]
    public void A_synopsis_gives_one_variant_per_alternative_and_a_wrong_one_is_refused()
    {
        var command = DocCommands.Read("README.md:1", "dotnet run --project src/SpaceTraders.Simulator -- --seed <int> [--rate-limit on|off] [--luck shared|each-ship]")!;

        Assert.That(command.Variants, Has.Count.EqualTo(2));
        Assert.That(command.Variants[1], Is.EqualTo(new[] { "--seed", "7", "--rate-limit", "off", "--luck", "each-ship" }));
        Assert.That(Parse(command.Variants[0]), Is.Null);
        Assert.That(Parse(command.Variants[1]), Does.Contain("each-ship"));
    }

    /// <summary>Parses as the program does; <see langword="null"/> when it would serve (or print its help).</summary>
    private static string? Parse(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = SimulatorCommandLine.Parse(args, output, error, out _);
        return exit is null or 0 ? null : error.ToString().ReplaceLineEndings(" ").Trim();
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}
