using SpaceTraders.Simulator.Hosting;
using SpaceTraders.Testing;

namespace SpaceTraders.Simulator.Tests.Docs;

/// <summary>
/// Every simulator command line the markdown shows (<c>dotnet run --project src/SpaceTraders.Simulator ... -- args</c>,
/// synopses included: each alternative of <c>on|off</c> once) is taken by the simulator's own command line.
/// </summary>
[TestFixture]
public sealed class SimulatorCommandDocsTests
{
    [Test]
    public void Every_simulator_command_in_the_docs_parses()
    {
        var commands = DocCommands.Of(DocCommands.Simulator);
        var failures = new List<string>();
        foreach (var command in commands)
        {
            if (command.Problem is { } problem)
            {
                failures.Add($"{command.At}: {problem}");
                continue;
            }

            foreach (var args in command.Variants)
            {
                if (Parse(args) is { } error)
                {
                    failures.Add($"{command.At}: `{command.Text}` is refused by the simulator as `{string.Join(' ', args)}`: {error} Fix the command in the document (or the simulator, if the document is right).");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.GreaterThanOrEqualTo(4), "the commands are found: README.md and the hosting README show several");
            Assert.That(commands.Max(c => c.Variants.Count), Is.GreaterThanOrEqualTo(6), "the synopsis is read with each fault profile");
            Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
        });
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
}
