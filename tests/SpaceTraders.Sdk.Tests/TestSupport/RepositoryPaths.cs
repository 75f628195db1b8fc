namespace SpaceTraders.Sdk.Tests.TestSupport;

/// <summary>Finds the repository a test was built from (the folder of <c>Sdk.sln</c>).</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: looked for above the test's output, then the working directory, then this source file.</summary>
    public static string Root()
    {
        // The tests may be built outside the repository (ArtifactsPath), hence the later starting points.
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(SourcePath())! })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sdk.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (the folder of Sdk.sln) was not found.");
    }

    private static string SourcePath([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
