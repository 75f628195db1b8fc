using System.Text;
using System.Text.RegularExpressions;

namespace SpaceTraders.Testing;

/// <summary>A command line the documentation shows for one of the repository's programs, ready for that program's parser.</summary>
/// <param name="At">Where it is: "path:line".</param>
/// <param name="Program">The program: <see cref="DocCommands.BotRunner"/>, <see cref="DocCommands.Simulator"/> or <see cref="DocCommands.Benchmarks"/>.</param>
/// <param name="Text">The command as the documentation shows it (continued lines joined).</param>
/// <param name="Variants">The program's arguments, placeholders replaced by sample values: one list, or one per alternative of a synopsis (<c>on|off</c>).</param>
/// <param name="Environment">The variables set in front of the command (<c>NAME=value dotnet ...</c>).</param>
/// <param name="Problem">Why the command could not be read (an unknown placeholder), if it could not.</param>
internal sealed record DocCommand(
    string At,
    string Program,
    string Text,
    IReadOnlyList<string[]> Variants,
    IReadOnlyDictionary<string, string> Environment,
    string? Problem)
{
    /// <inheritdoc/>
    public override string ToString() => $"{At}: {Text}";
}

/// <summary>
/// Finds the command lines the markdown shows for the repository's programs: <c>dotnet run --project &lt;program&gt;
/// ... -- &lt;args&gt;</c> and <c>dotnet .../&lt;program&gt;.dll &lt;args&gt;</c>, in fenced shell blocks (lines continued
/// with '\' or, in a synopsis, by an indented line) and in inline code. Placeholders become sample values: <c>&lt;name&gt;</c>
/// from <see cref="Samples"/>, and a lone capital letter (<c>--seed S</c>) from <see cref="LetterSamples"/> by the option
/// before it; a synopsis's <c>[...]</c> are taken as given and each <c>a|b</c> gives a variant per alternative.
/// </summary>
internal static partial class DocCommands
{
    /// <summary>The bot runner (samples/SpaceTraders.BotRunner).</summary>
    public const string BotRunner = "SpaceTraders.BotRunner";

    /// <summary>The simulator's program (src/SpaceTraders.Simulator).</summary>
    public const string Simulator = "SpaceTraders.Simulator";

    /// <summary>The benchmarks' program (benchmarks/SpaceTraders.Benchmarks).</summary>
    public const string Benchmarks = "SpaceTraders.Benchmarks";

    private static readonly string[] Programs = [BotRunner, Simulator, Benchmarks];

    /// <summary>The sample value of each <c>&lt;placeholder&gt;</c> the documentation uses; a new placeholder needs a line here.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["seed"] = "1",
        ["int"] = "7",
        ["conductor"] = "week12",
        ["file"] = "out.json",
        ["report.json"] = "report.json",
        ["hours"] = "12",
        ["ships - 1"] = "99",
        ["runner build"] = "artifacts/bin/SpaceTraders.BotRunner/release",
        ["token"] = "a-token",
        ["time"] = "12h",
        ["Schema.property"] = "ShipMount.description",
        ["url"] = "http://127.0.0.1:5800",
        ["conn"] = "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres",
    };

    /// <summary>The sample value of a one-letter placeholder, by the option it follows (<c>--seed S</c>, <c>--duration D</c>).</summary>
    private static readonly Dictionary<string, string> LetterSamples = new(StringComparer.Ordinal)
    {
        ["--seed"] = "1",
        ["--duration"] = "12h",
    };

    private static readonly HashSet<string> ShellFences = new(StringComparer.Ordinal) { string.Empty, "sh", "bash", "shell", "console" };

    /// <summary>Lists the commands the markdown shows for one program.</summary>
    /// <param name="program">The program (<see cref="BotRunner"/>, <see cref="Simulator"/>, <see cref="Benchmarks"/>).</param>
    /// <returns>The commands, by file and line.</returns>
    public static IReadOnlyList<DocCommand> Of(string program) => [.. All().Where(c => c.Program == program)];

    /// <summary>Lists the commands the markdown shows for every program.</summary>
    /// <returns>The commands, by file and line.</returns>
    public static IReadOnlyList<DocCommand> All()
    {
        var commands = new List<DocCommand>();
        foreach (var file in MarkdownDocs.Files())
        {
            var code = MarkdownDocs.Code(file).ToList();
            foreach (var (line, text) in LogicalLines(code.Where(c => c.Kind == MarkdownCodeKind.FencedLine && ShellFences.Contains(c.FenceInfo)).ToList()))
            {
                if (Read(file.At(line), text) is { } command)
                {
                    commands.Add(command);
                }
            }

            foreach (var span in code.Where(c => c.Kind == MarkdownCodeKind.Inline))
            {
                if (Read(span.At, span.Text) is { } command)
                {
                    commands.Add(command);
                }
            }
        }

        return commands;
    }

    /// <summary>Puts every variant of the commands through a program's check, and says where and why each refused one is wrong.</summary>
    /// <param name="commands">The commands.</param>
    /// <param name="check">The program's check of one variant's arguments: <see langword="null"/> when it takes them, otherwise why not.</param>
    /// <returns>One line a refused variant or unreadable command, "path:line: ..." with what to fix.</returns>
    public static List<string> Refusals(IEnumerable<DocCommand> commands, Func<DocCommand, string[], string?> check)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(check);
        var refusals = new List<string>();
        foreach (var command in commands)
        {
            if (command.Problem is { } problem)
            {
                refusals.Add($"{command.At}: {problem}");
                continue;
            }

            foreach (var args in command.Variants)
            {
                if (check(command, args) is { } error)
                {
                    var variant = command.Variants.Count > 1 ? $" as `{string.Join(' ', args)}`" : string.Empty;
                    refusals.Add($"{command.At}: `{command.Text}` is refused{variant}: {error} Fix the command in the document (or the program, if the document is right).");
                }
            }
        }

        return refusals;
    }

    /// <summary>Reads one command line, or nothing when it runs none of the programs.</summary>
    /// <param name="at">Where it is.</param>
    /// <param name="text">The command.</param>
    /// <returns>The command, or <see langword="null"/>.</returns>
    public static DocCommand? Read(string at, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Trim();
        if (line.StartsWith("$ ", StringComparison.Ordinal))
        {
            line = line[2..];
        }

        line = CommentOrChain().Split(line)[0];
        string? problem = null;
        line = Placeholder().Replace(line, m =>
        {
            if (Samples.TryGetValue(m.Groups["name"].Value, out var sample))
            {
                return sample;
            }

            problem ??= $"unknown placeholder {m.Value}: add a sample value for it to DocCommands.Samples";
            return "x";
        });

        var tokens = Tokenize(line);
        var dotnet = tokens.IndexOf("dotnet");
        if (dotnet < 0)
        {
            return null;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens.Take(dotnet))
        {
            if (EnvironmentAssignment().Match(token) is { Success: true } assignment)
            {
                environment[assignment.Groups["name"].Value] = assignment.Groups["value"].Value;
            }
        }

        string? program = null;
        List<string> arguments;
        if (dotnet + 1 < tokens.Count && tokens[dotnet + 1] == "run")
        {
            var project = tokens.IndexOf("--project", dotnet);
            if (project < 0 || project + 1 >= tokens.Count)
            {
                return null;
            }

            program = Path.GetFileName(tokens[project + 1].TrimEnd('/'));
            var separator = tokens.IndexOf("--", dotnet);
            arguments = separator < 0 ? [] : tokens[(separator + 1)..];
        }
        else
        {
            var dll = tokens.FindIndex(dotnet, t => t.EndsWith(".dll", StringComparison.Ordinal));
            if (dll < 0)
            {
                return null;
            }

            program = Path.GetFileNameWithoutExtension(tokens[dll]);
            arguments = tokens[(dll + 1)..];
        }

        if (!Programs.Contains(program))
        {
            return null;
        }

        // A synopsis: "[options]" stands for any, optional parts are taken as given, repeated ones once.
        arguments = [.. arguments.Where(a => a != "[options]").Select(a => a.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)).Select(a => a.EndsWith("...", StringComparison.Ordinal) ? a[..^3] : a).Where(a => a.Length > 0)];
        for (var i = 1; i < arguments.Count; i++)
        {
            if (arguments[i].Length == 1 && char.IsAsciiLetterUpper(arguments[i][0]))
            {
                if (LetterSamples.TryGetValue(arguments[i - 1], out var sample))
                {
                    arguments[i] = sample;
                }
                else
                {
                    problem ??= $"unknown placeholder {arguments[i]} after {arguments[i - 1]}: add a sample value for it to DocCommands.LetterSamples";
                }
            }
        }

        var alternatives = arguments.Select(a => a.Contains('|', StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal) ? a.Split('|') : [a]).ToList();
        var count = alternatives.Max(a => (int?)a.Length) ?? 1;
        var variants = Enumerable.Range(0, count).Select(k => alternatives.Select(a => a[k % a.Length]).ToArray()).ToList();
        return new DocCommand(at, program!, text.Trim(), variants, environment, problem);
    }

    /// <summary>Joins a fenced block's continued lines: a line ending with '\', or an indented line that goes on with options (<c>[--x ...]</c>, <c>--x</c>).</summary>
    private static IEnumerable<(int Line, string Text)> LogicalLines(List<MarkdownCode> lines)
    {
        var text = new StringBuilder();
        var start = 0;
        MarkdownCode? previous = null;
        foreach (var line in lines)
        {
            var adjacent = previous is not null && previous.File == line.File && previous.Line + 1 == line.Line;
            var continues = adjacent && text.Length > 0
                && (text[^1] == '\\' || (line.Text.StartsWith(' ') && line.Text.TrimStart() is ['[' or '-', ..]));
            if (continues)
            {
                if (text[^1] == '\\')
                {
                    text.Length--;
                }

                text.Append(' ').Append(line.Text.Trim());
            }
            else
            {
                if (text.Length > 0)
                {
                    yield return (start, text.ToString());
                }

                text.Clear().Append(line.Text.TrimEnd());
                start = line.Line;
            }

            previous = line;
        }

        if (text.Length > 0)
        {
            yield return (start, text.ToString());
        }
    }

    /// <summary>Splits a command line as a POSIX shell does words: blanks separate, quotes group (no expansion).</summary>
    private static List<string> Tokenize(string line)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var inToken = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    token.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(token.ToString());
                    token.Clear();
                    inToken = false;
                }
            }
            else
            {
                token.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            tokens.Add(token.ToString());
        }

        return tokens;
    }

    /// <summary>A shell comment or the next command of a chain (<c># ...</c>, <c>&amp;&amp;</c>, <c>;</c>, a pipe), outside quotes or not (the documents quote none).</summary>
    [GeneratedRegex(@"\s(#|&&|;|\|\s)")]
    private static partial Regex CommentOrChain();

    [GeneratedRegex("<(?<name>[^<>]+)>")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^(?<name>[A-Z_][A-Z0-9_]*)=(?<value>.*)$")]
    private static partial Regex EnvironmentAssignment();
}
