using SpaceTraders.Benchmarks.CommandLine;

namespace SpaceTraders.Benchmarks.Tests.CommandLine;

/// <summary>
/// The benchmark commands' command line: each kind of option refuses what it does not take (exit code 2, the reason on
/// standard error, nothing run and no file written), each command's help says what it measures and what its options
/// mean, and a run shows its command line as given.
/// </summary>
[TestFixture]
public sealed class BenchmarkCliTests
{
    /// <summary>One bad value for each kind of check, in a command that writes a file: the file must not appear.</summary>
    [TestCase("simulator-day --ships 0", "--ships takes a whole number of at least 1, not '0'")]
    [TestCase("store-writes --cycles -3 --out {out}", "--cycles takes a whole number of at least 1, not '-3'")]
    [TestCase("simulator-rps --rounds 2.5", "--rounds takes a whole number of at least 1, not '2.5'")]
    [TestCase("simulator-day --hours -1", "--hours takes a number above 0, not '-1'")]
    [TestCase("market-scout --hours 0 --out {out}", "--hours takes a number above 0, not '0'")]
    [TestCase("faults --hours NaN --out {out}", "--hours takes a number above 0, not 'NaN'")]
    [TestCase("throttling --hauler-share 1.5 --json {out}", "--hauler-share takes a number from 0 to 1, not '1.5'")]
    [TestCase("throttling --ships 10,0 --json {out}", "--ships takes whole numbers separated by commas, each at least 1, not '10,0'")]
    [TestCase("throttling --seeds 46-42 --json {out}", "--seeds takes seeds and seed ranges separated by commas")]
    [TestCase("faults --seeds , --out {out}", "--seeds takes whole numbers separated by commas, not ','")]
    [TestCase("faults --profiles flaky,storm --out {out}", "--profiles takes names separated by commas, of none, flaky, chaos")]
    [TestCase("faults --conductors week10,week99 --out {out}", "--conductors takes names separated by commas, of week02, week04")]
    [TestCase("throttling --strategies sdk-priority,nope --json {out}", "--strategies takes names separated by commas")]
    [TestCase("dashboard-cost --client firefox", "--client takes one of chromium, sse, none, not 'firefox'")]
    [TestCase("dashboard-cost --chromium /no/such/chromium", "--chromium: there is no file /no/such/chromium")]
    [TestCase("store-writes --out /no/such/folder/stores.md", "--out: the folder /no/such/folder does not exist")]
    [TestCase("throttling --markdown /no/such/folder/t.md --json {out}", "--markdown: the folder /no/such/folder does not exist")]
    [TestCase("market-scout --hours 2 --warmup-hours 2 --out {out}", "--warmup-hours must be less than --hours")]
    [TestCase("throttling --seed 1 --seeds 2-3 --json {out}", "Give --seed or --seeds, not both")]
    [TestCase("faults --quick --json", "'--json'")]
    [TestCase("faults --parallel 0 --out {out}", "--parallel takes a whole number of at least 1, not '0'")]
    [TestCase("simulator-day --ship 100", "'--ship'")]
    public async Task A_wrong_value_is_refused_with_exit_code_2_and_why_before_anything_runs(string line, string message)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-cli-{Guid.NewGuid():N}.md");
        var args = line.Replace("{out}", file, StringComparison.Ordinal).Split(' ');
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchmarkCli.RunAsync(args, output, error, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain(message).And.Contain($"Run '{args[0]} --help' for its options."));
            Assert.That(output.ToString(), Is.Empty);
            Assert.That(File.Exists(file), Is.False, "no file is written");
        });
    }

    [TestCase("simulator-day --ships 1 --hours 0.5 --seed -7")]
    [TestCase("faults --quick --profiles FLAKY,reorder --conductors week12 --seeds 4,5")]
    [TestCase("throttling --seeds 42-44,50 --warmup 0 --hauler-share 0 --no-demand --no-two-node")]
    [TestCase("cpr --days 60 --conductors week02 --seeds 1")]
    [TestCase("dashboard-cost --client none --time-scale 0.5")]
    [TestCase("market-scout --hours 2 --warmup-hours 0")]
    public void A_right_command_line_is_taken(string line) =>
        Assert.That(BenchmarkCli.Check(line.Split(' ')), Is.Null);

    [Test]
    public void Every_command_has_help_that_says_what_it_measures_and_what_each_option_means()
    {
        var root = BenchmarkCli.Create();
        Assert.That(root.Subcommands, Has.Count.EqualTo(8));
        foreach (var command in root.Subcommands.Cast<BenchmarkCommand>())
        {
            using var output = new StringWriter();
            var exit = BenchmarkCli.RunAsync([command.Name, "--help"], output, TextWriter.Null, CancellationToken.None).GetAwaiter().GetResult();
            var help = string.Join(' ', output.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.Zero, command.Name);
                Assert.That(command.Description, Is.Not.Empty.And.Not.Contain('\n'), $"{command.Name}: a one-line summary");
                Assert.That(command.Details, Is.Not.Empty, command.Name);
                Assert.That(help, Does.Contain(command.Description!).And.Contain(command.Details.Split('\n')[0].Trim()), $"{command.Name}: the summary, then what it measures");
                foreach (var option in command.Options)
                {
                    Assert.That(option.Description, Is.Not.Null.And.Not.Empty, $"{command.Name} {option.Name}");
                    Assert.That(help, Does.Contain(option.Name), $"{command.Name} {option.Name}");
                }
            });
        }
    }

    [Test]
    public async Task Ctrl_C_stops_a_run_at_once_even_when_the_run_does_not_watch_the_token()
    {
        var deaf = new TaskCompletionSource<int>();
        var command = new BenchmarkCommand("deaf", "a run that never looks at its token", "It waits for ever.");
        command.Runs((_, _) => deaf.Task);
        var root = new System.CommandLine.RootCommand { command };
        using var error = new StringWriter();
        using var ctrlC = new CancellationTokenSource();

        var run = root.Parse(["deaf"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error }, ctrlC.Token);
        Assert.That(run.IsCompleted, Is.False, "the run is going");
        await ctrlC.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromMinutes(1));   // a guard only: without the fix this never ends

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(BenchmarkCommand.Stopped));
            Assert.That(error.ToString(), Does.Contain("deaf: stopped before it finished."));
        });
    }

    [Test]
    public async Task A_run_that_ends_gives_its_own_exit_code()
    {
        var command = new BenchmarkCommand("quick", "a run that ends", "It ends.");
        command.Runs((_, _) => Task.FromResult(7));
        var root = new System.CommandLine.RootCommand { command };

        Assert.That(await root.Parse(["quick"]).InvokeAsync(new System.CommandLine.InvocationConfiguration(), CancellationToken.None), Is.EqualTo(7));
    }

    [TestCase("throttling", "--seeds", "[default: 42-46]")]
    [TestCase("cpr", "--seeds", "[default: 1,2,3]")]
    public async Task A_list_options_default_is_shown_as_it_would_be_typed(string command, string option, string shown)
    {
        using var output = new StringWriter();
        await BenchmarkCli.RunAsync([command, "--help"], output, TextWriter.Null, CancellationToken.None);
        var line = output.ToString().Split('\n').Single(l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.That(string.Join(' ', output.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), Does.Contain(shown), line);
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task The_programs_help_lists_every_command_with_one_line(string option)
    {
        using var output = new StringWriter();
        var exit = await BenchmarkCli.RunAsync([option], output, TextWriter.Null, CancellationToken.None);
        var lines = output.ToString().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(output.ToString(), Does.Contain("--filter"), "says where BenchmarkDotNet's arguments go");
            foreach (var name in BenchmarkCli.Names())
            {
                Assert.That(lines.Count(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)), Is.EqualTo(1), name);
            }
        });
    }

    [Test]
    public void Only_a_word_or_a_help_request_is_the_commands_not_BenchmarkDotNets()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BenchmarkCli.Takes(["faults", "--quick"]), Is.True);
            Assert.That(BenchmarkCli.Takes(["--help"]), Is.True);
            Assert.That(BenchmarkCli.Takes(["--filter", "*Limiter*"]), Is.False);
            Assert.That(BenchmarkCli.Takes([]), Is.False, "no arguments: BenchmarkDotNet asks which suite to run");
        });
    }

    [TestCase("faults --quick --json faults.json", "faults --quick --json faults.json")]
    [TestCase("cpr --days 7 --resume /tmp/wk12b/cpr7", "cpr --days 7 --resume /tmp/wk12b/cpr7")]
    [TestCase("Simulator-Day --ships 100", "simulator-day --ships 100")]
    [TestCase("market-scout", "market-scout")]
    public void A_run_shows_its_command_line_as_given(string line, string shown) =>
        Assert.That(BenchmarkCli.CommandLine(BenchmarkCli.Parse(line.Split(' '))), Is.EqualTo(BenchmarkCli.Prefix + " " + shown));
}
