namespace SpaceTraders.Benchmarks;

/// <summary>Where the benchmarks that run the bot runner as a process (<c>cpr</c>, <c>dashboard-cost</c>) find it.</summary>
internal static class BotRunnerBuild
{
    /// <summary>
    /// Gets the runner's build beside this program's, in the same configuration:
    /// <c>artifacts/bin/SpaceTraders.BotRunner/&lt;configuration&gt;/SpaceTraders.BotRunner.dll</c>, built with the solution
    /// (<c>dotnet build Sdk.sln -c Release</c>), its <c>plugins/</c> folder beside it.
    /// </summary>
    public static string Path
    {
        get
        {
            var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var bin = self.Parent?.Parent?.FullName ?? self.FullName;
            return System.IO.Path.Combine(bin, "SpaceTraders.BotRunner", self.Name, "SpaceTraders.BotRunner.dll");
        }
    }
}
