using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Tests.Cpr;

/// <summary>The <c>cpr</c> command's option checks: nothing runs, and no results file is written, on a bad command line.</summary>
[TestFixture]
public sealed class CprCommandTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Help_prints_the_usage_and_runs_nothing(string option)
    {
        var output = Path.Combine(Path.GetTempPath(), $"cpr-help-{Guid.NewGuid():N}.md");
        using var help = new StringWriter();
        using var error = new StringWriter();
        var exit = await BenchmarkCli.RunAsync(["cpr", option, "--out", output], help, error, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(File.Exists(output), Is.False);
            Assert.That(help.ToString(), Does.Contain("--days").And.Contain("--resume").And.Contain("Build first"));
        });
    }

    [TestCase("--day", "7")]
    [TestCase("--seed", "1")]
    [TestCase("--days", "0")]
    [TestCase("--days", "61")]
    [TestCase("--conductors", "week99")]
    [TestCase("--seeds", "1,,2")]
    public async Task A_wrong_option_is_refused_before_anything_runs(string option, string value)
    {
        var output = Path.Combine(Path.GetTempPath(), $"cpr-unknown-{Guid.NewGuid():N}.md");
        using var error = new StringWriter();
        var exit = await BenchmarkCli.RunAsync(["cpr", option, value, "--out", output], TextWriter.Null, error, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(File.Exists(output), Is.False);
            Assert.That(error.ToString(), Does.Contain(option).And.Contain("cpr --help"));
        });
    }
}
