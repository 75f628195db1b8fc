using SpaceTraders.BotRunner.CommandLine;
using SpaceTraders.BotRunner.Configuration;

namespace SpaceTraders.BotRunner.Tests.Support;

/// <summary>Reads settings as the program does (command line, environment, appsettings.json in a temporary current folder) without running anything.</summary>
internal static class Settings
{
    /// <summary>Reads the settings; they must be valid.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    /// <param name="settingsJson">The text of the current folder's appsettings.json, if any.</param>
    /// <returns>The options.</returns>
    public static RunnerOptions Options(string[] args, Dictionary<string, string>? environment = null, string? settingsJson = null)
    {
        var (options, error) = Read(args, environment, settingsJson);
        Assert.That(error, Is.Null);
        return options!;
    }

    /// <summary>Reads settings that must be refused.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    /// <param name="settingsJson">The text of the current folder's appsettings.json, if any.</param>
    /// <returns>The one-line error.</returns>
    public static string Error(string[] args, Dictionary<string, string>? environment = null, string? settingsJson = null)
    {
        var (options, error) = Read(args, environment, settingsJson);
        Assert.That(options, Is.Null, "the settings should be refused");
        Assert.That(error, Does.Not.Contain("\n"), "one line");
        return error!;
    }

    /// <summary>Reads settings, good or not.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="environment">The environment variables.</param>
    /// <param name="settingsJson">The text of the current folder's appsettings.json, if any.</param>
    /// <returns>The options, or the one-line error.</returns>
    public static (RunnerOptions? Options, string? Error) Read(string[] args, Dictionary<string, string>? environment, string? settingsJson)
    {
        var folder = Directory.CreateTempSubdirectory("runner-settings-").FullName;
        try
        {
            if (settingsJson is not null)
            {
                File.WriteAllText(Path.Combine(folder, "appsettings.json"), settingsJson);
            }

            var commandLine = RunnerCommandLine.Parse(args);
            if (commandLine.Error is { } error)
            {
                return (null, error);
            }

            try
            {
                var configuration = RunnerConfiguration.Build(commandLine, environment ?? [], TestContext.CurrentContext.TestDirectory, folder);
                return (configuration.Bind(), null);
            }
            catch (SettingException ex)
            {
                return (null, ex.Message);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
