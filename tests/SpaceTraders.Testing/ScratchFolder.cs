using NUnit.Framework;

namespace SpaceTraders.Testing;

/// <summary>A test's temporary folder: deleted when the test passed, kept (and named in the output) when it did not.</summary>
internal static class ScratchFolder
{
    /// <summary>Creates an empty folder under the temporary folder.</summary>
    /// <param name="prefix">The start of the folder's name, saying which test made it.</param>
    /// <returns>The folder's full path.</returns>
    public static string Create(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes the folder if the current test passed; otherwise writes where it was kept.</summary>
    /// <param name="path">The folder <see cref="Create"/> made.</param>
    public static void Release(string path)
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Kept {path} for inspection.");
        }
    }
}
