namespace SpaceTraders.Simulator.Tests.Schema;

/// <summary>Finds the API material vendored under <c>docs/api</c> from the test's working directory.</summary>
internal static class SpecFiles
{
    /// <summary>Gets the path of the live OpenAPI document (<c>docs/api/live-spec</c>).</summary>
    public static string LiveSpec => Find(Path.Combine("docs", "api", "live-spec", "SpaceTraders.live-v2.3.0.json"));

    /// <summary>Gets the folder of the captured live starting system (<c>docs/api/captures/live-start-X1-AD75</c>).</summary>
    public static string LiveStartCapture => Find(Path.Combine("docs", "api", "captures", "live-start-X1-AD75", "SOURCE.md"), directory: true);

    private static string Find(string relative, bool directory = false)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return directory ? Path.GetDirectoryName(candidate)! : candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above the test directory; it is part of the repository.", relative);
    }
}
