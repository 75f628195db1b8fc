using System.Xml.Linq;
using SpaceTraders.Testing;

namespace SpaceTraders.Runtime.Tests.Packaging;

/// <summary>
/// The <c>dotnet new</c> templates' sources, checked without packing (the package itself: <see cref="PackageTests"/>):
/// the bot template is the README's SDK quick start, which <c>QuickStartTests</c> keeps equal to the code it runs
/// against the simulator, so the three copies cannot drift; and the content builds with none of this repository's settings.
/// </summary>
[TestFixture]
public sealed class TemplateContentTests
{
    private static readonly string Content = Path.Combine(MarkdownDocs.RepositoryRoot, "templates", "content");

    [Test]
    public void The_bot_template_is_the_READMEs_quick_start_and_the_code_QuickStartTests_runs()
    {
        var program = QuickStartSource.Normalise(File.ReadAllText(Path.Combine(Content, "spacetraders-bot", "Program.cs")));
        var block = QuickStartSource.ReadmeBlock();

        Assert.That(block, Is.Not.Empty, "the README has an SDK quick start code block");
        Assert.That(program, Is.EqualTo(block), "templates/content/spacetraders-bot/Program.cs is the README's SDK quick start, as it is");
        Assert.That(program, Does.Contain(QuickStartSource.TestedBody()), "the quick start QuickStartTests runs");
        Assert.That(program, Does.Contain("SPACETRADERS_URL").And.Contain("SPACETRADERS_TOKEN").And.Contain("SPACETRADERS_ACCOUNT_TOKEN"));
    }

    [Test]
    public void The_template_content_builds_with_none_of_this_repositorys_settings()
    {
        Assert.Multiple(() =>
        {
            foreach (var stop in new[] { "Directory.Build.props", "Directory.Packages.props" })
            {
                var project = XDocument.Load(Path.Combine(Content, stop)).Root!;
                Assert.That(project.Elements(), Is.Empty, $"templates/content/{stop} is an empty stop file: it keeps the repository's out and brings nothing");
            }

            foreach (var path in Directory.GetFiles(Content, "*.csproj", SearchOption.AllDirectories))
            {
                var references = XDocument.Load(path).Descendants("PackageReference").ToList();
                Assert.That(references, Is.Not.Empty, path);
                foreach (var reference in references)
                {
                    var id = (string)reference.Attribute("Include")!;
                    var version = (string?)reference.Attribute("Version");
                    Assert.That(version, id.StartsWith("SpaceTraders.", StringComparison.Ordinal) ? Is.EqualTo("SPACETRADERS_VERSION") : Does.EndWith("_VERSION"), $"{id} in {path}: versions are stamped at pack time (templates/SpaceTraders.Templates.csproj)");
                }
            }
        });
    }
}
