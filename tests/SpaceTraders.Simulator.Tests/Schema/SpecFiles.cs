namespace SpaceTraders.Simulator.Tests.Schema;

/// <summary>Finds the shared spec files from the test's working directory.</summary>
internal static class SpecFiles
{
    public static string LiveSpec => Find(Path.Combine("spacetraders-api", "live-spec", "SpaceTraders.live-v2.3.0.json"));

    private static string Find(string relative)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("SPACETRADERS_SHARED") is { Length: > 0 } shared)
        {
            candidates.Add(Path.Combine(shared, relative));
        }

        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "shared", relative));
            candidates.Add(Path.Combine(dir.FullName, "..", "shared", relative));
        }

        candidates.Add(Path.Combine("/work/shared", relative));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The live spec was not found; set SPACETRADERS_SHARED to the shared folder.", relative);
    }
}
