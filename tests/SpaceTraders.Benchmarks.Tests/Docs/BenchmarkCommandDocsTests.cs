using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using SpaceTraders.Benchmarks.CommandLine;
using SpaceTraders.Testing;

namespace SpaceTraders.Benchmarks.Tests.Docs;

/// <summary>
/// Every benchmark command line the markdown shows (<c>--project benchmarks/SpaceTraders.Benchmarks -- &lt;command&gt; ...</c>)
/// is taken by the program: a named command's options by <see cref="BenchmarkCli.Check"/> (the parse and checks the
/// program runs before a command), BenchmarkDotNet's switcher arguments by its own parser, each <c>--filter</c> matching a benchmark.
/// Each results file names the command that produced it near its top.
/// </summary>
[TestFixture]
public sealed partial class BenchmarkCommandDocsTests
{
    /// <summary>How far down a results file may name its producing command: before its findings.</summary>
    private const int TopLines = 30;

    [Test]
    public void Every_benchmark_command_in_the_docs_parses()
    {
        var commands = DocCommands.Of(DocCommands.Benchmarks);
        var failures = DocCommands.Refusals(commands, (_, args) => Check(args));

        Assert.Multiple(() =>
        {
            Assert.That(commands, Has.Count.GreaterThanOrEqualTo(10), "the commands are found: the results files show more than 10");
            Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
        });
    }

    [Test]
    public void Every_results_file_names_its_producing_command_near_the_top()
    {
        var files = MarkdownDocs.Files().Where(f => f.Path.StartsWith("benchmarks/results/", StringComparison.Ordinal)).ToList();
        var commands = DocCommands.All().Where(c => c.Program is DocCommands.Benchmarks or DocCommands.BotRunner).ToList();
        var failures = new List<string>();
        foreach (var file in files)
        {
            var first = commands.Where(c => c.At.StartsWith(file.Path + ":", StringComparison.Ordinal)).Select(c => int.Parse(c.At[(file.Path.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
                .Concat(MarkdownDocs.Code(file).Where(c => c.Kind != MarkdownCodeKind.Link && Script().IsMatch(c.Text) && File.Exists(Path.Combine(MarkdownDocs.RepositoryRoot, Script().Match(c.Text).Value))).Select(c => c.Line))
                .Concat(MarkdownDocs.Code(file).Where(c => c.Kind != MarkdownCodeKind.Link && TestRun().Match(c.Text) is { Success: true } run && TestFilter().IsMatch(c.Text)
                    && File.Exists(Path.Combine(MarkdownDocs.RepositoryRoot, run.Groups["project"].Value, Path.GetFileName(run.Groups["project"].Value) + ".csproj"))).Select(c => c.Line))
                .DefaultIfEmpty(int.MaxValue).Min();
            if (first > TopLines)
            {
                failures.Add($"{file.At(1)}: names no producing command in its first {TopLines} lines{(first == int.MaxValue ? string.Empty : $" (the first is at line {first})")}: "
                    + "put the command that produced it near the top (\"Produced by: `dotnet run -c Release --project benchmarks/SpaceTraders.Benchmarks -- <command> ...`\", the bot runner's command, the script under benchmarks/ that ran it, or the `dotnet test tests/<project> --filter ...` of the test that prints the figures), as README.md's Benchmarks section promises");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(files, Has.Count.GreaterThanOrEqualTo(10));
            Assert.That(failures, Is.Empty, () => string.Join(Environment.NewLine, failures));
        });
    }

    [Test]
    public void The_README_lists_every_named_command()
    {
        var readme = MarkdownDocs.Read("README.md");
        var section = readme.Text.IndexOf("\n## Benchmarks\n", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThan(0), "README.md has a Benchmarks section");
        var listed = MarkdownDocs.Code(readme).Where(c => c.Kind == MarkdownCodeKind.Inline && c.Line > readme.LineOf(section) && c.Line < readme.LineOf(section) + 8).Select(c => c.Text).ToHashSet(StringComparer.Ordinal);

        var missing = BenchmarkCli.Names().Where(n => !listed.Contains(n)).ToList();
        Assert.That(missing, Is.Empty, $"{readme.At(readme.LineOf(section) + 1)}: the Benchmarks section's list of commands (`-- <command>`: ...) leaves out {string.Join(", ", missing)}: add them");
    }

    [TestCase("simulator-day --ships 100", null)]
    [TestCase("SIMULATOR-DAY --ships 100", null)]
    [TestCase("simulator-day --ship 100", "'--ship'")]
    [TestCase("simulator-day --ships many", "--ships takes a whole number of at least 1, not 'many'")]
    [TestCase("faults --quick --json", "'--json'")]
    [TestCase("throttling --seeds 42-46 --parallel 2", null)]
    [TestCase("cpr --seeds 1,x", "whole numbers separated by commas")]
    [TestCase("simulator-week", "'simulator-week' is not a command: one of cpr, dashboard-cost, faults")]
    [TestCase("--filter *LimiterBenchmarks*", null)]
    [TestCase("--filter *NoSuchBenchmarks*", "matches no benchmark")]
    [TestCase("--filtr *LimiterBenchmarks*", "BenchmarkDotNet refuses")]
    public void A_wrong_command_is_refused_with_why(string line, string? error)
    {
        var result = Check(line.Split(' '));

        Assert.That(result, error is null ? Is.Null : Does.Contain(error));
    }

    /// <summary>Checks a command line as the program would take it: a named command, or BenchmarkDotNet's switcher.</summary>
    private static string? Check(string[] args)
    {
        if (BenchmarkCli.Takes(args))
        {
            return BenchmarkCli.Check(args);
        }

        var logger = new AccumulationLogger();
        var (isSuccess, _, options) = ConfigParser.Parse(args, logger);
        if (!isSuccess)
        {
            return $"BenchmarkDotNet refuses it: {logger.GetLog().ReplaceLineEndings(" ").Trim()}";
        }

        var benchmarks = typeof(BenchmarkCli).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();
        foreach (var filter in options.Filters)
        {
            var pattern = new Regex("^" + Regex.Escape(filter).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
            if (!benchmarks.Any(pattern.IsMatch))
            {
                return $"--filter '{filter}' matches no benchmark";
            }
        }

        return null;
    }

    [GeneratedRegex(@"benchmarks/[\w./-]+\.sh")]
    private static partial Regex Script();

    /// <summary>A test run that prints a results file's figures: <c>dotnet test tests/&lt;project&gt; ...</c>, with a filter naming the test.</summary>
    [GeneratedRegex(@"dotnet test (?<project>tests/[\w.]+)")]
    private static partial Regex TestRun();

    [GeneratedRegex(@"--filter\s+""?[^ ""]+")]
    private static partial Regex TestFilter();
}
