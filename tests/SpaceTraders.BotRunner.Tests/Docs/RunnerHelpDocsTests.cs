using System.CommandLine;
using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.Testing;

namespace SpaceTraders.BotRunner.Tests.Docs;

/// <summary>The README quotes the runner's <c>--help</c> whole, as the runner prints it.</summary>
[TestFixture]
public sealed class RunnerHelpDocsTests
{
    private const string Introduction = "`dotnet run --project samples/SpaceTraders.BotRunner -- --help` lists the options:";

    [Test]
    public void The_README_s_help_block_is_what_the_runner_prints()
    {
        var printed = Lines(PrintedHelp());
        var readme = MarkdownDocs.Read("README.md");
        var (quoted, first) = MarkdownDocs.BlockAfter(readme, Introduction);
        var documented = Lines(string.Join('\n', quoted));

        var differs = Enumerable.Range(0, Math.Max(printed.Count, documented.Count))
            .FirstOrDefault(i => i >= printed.Count || i >= documented.Count || printed[i] != documented[i], -1);
        Assert.That(differs, Is.EqualTo(-1), () =>
            $"{readme.At(first + Math.Max(differs, 0))}: the README's --help block (lines {first}-{first + quoted.Count - 1}) differs from "
            + $"what the runner prints at line {differs + 1} of the help:{Environment.NewLine}"
            + $"  README: {(differs < documented.Count ? documented[differs] : "(ends)")}{Environment.NewLine}"
            + $"  runner: {(differs < printed.Count ? printed[differs] : "(ends)")}{Environment.NewLine}"
            + $"Replace the block with the runner's output (dotnet run --project samples/SpaceTraders.BotRunner -- --help), or fix the runner's help if the README is right. The runner prints:{Environment.NewLine}{string.Join(Environment.NewLine, printed)}");
    }

    [Test]
    public void The_help_the_runner_prints_is_its_help_text()
    {
        Assert.That(Lines(PrintedHelp()), Is.EqualTo(Lines(RunnerCommandLine.HelpText(RunnerCommandLine.CreateCommand()))));
    }

    /// <summary>What <c>--help</c> writes, through System.CommandLine's invocation as the program runs it.</summary>
    private static string PrintedHelp()
    {
        var result = RunnerCommandLine.Parse(["--help"]);
        Assert.That(result.Action, Is.Not.Null);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.That(result.ParseResult.Invoke(new InvocationConfiguration { Output = output, Error = error }), Is.Zero);
        return output.ToString();
    }

    /// <summary>The lines, trailing whitespace and trailing empty lines dropped: the only normalisation.</summary>
    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
