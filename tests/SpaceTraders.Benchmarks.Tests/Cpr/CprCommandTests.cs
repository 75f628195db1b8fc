using SpaceTraders.Benchmarks.Cpr;

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
        var exit = await CprCommand.RunAsync([option, "--out", output]);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(File.Exists(output), Is.False);
        });
    }

    [TestCase("--day", "7")]
    [TestCase("--seed", "1")]
    public async Task An_unknown_option_is_refused_before_anything_runs(string option, string value)
    {
        var output = Path.Combine(Path.GetTempPath(), $"cpr-unknown-{Guid.NewGuid():N}.md");
        var exit = await CprCommand.RunAsync([option, value, "--out", output]);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(File.Exists(output), Is.False);
        });
    }
}
