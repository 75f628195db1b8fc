using System.Globalization;
using SpaceTraders.Simulator;
using SpaceTraders.Simulator.Faults;
using SpaceTraders.Simulator.Timing;

// dotnet run --project src/SpaceTraders.Simulator -- --urls http://127.0.0.1:5800 --seed 42 [--time-scale 1]
//     [--rate-limit on|off] [--faults none|flaky|chaos|slow] [--account-token <token>] [--luck shared|per-ship]
var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
{
    ["urls"] = "http://127.0.0.1:5800",
    ["seed"] = "42",
    ["time-scale"] = "1",
    ["rate-limit"] = "on",
    ["faults"] = FaultProfiles.None,
    ["luck"] = "shared",
};
string[] known = ["urls", "seed", "time-scale", "rate-limit", "faults", "account-token", "luck"];

for (var i = 0; i < args.Length; i++)
{
    var arg = args[i];
    if (arg is "-h" or "--help")
    {
        Console.WriteLine("""
            SpaceTraders simulator: an offline SpaceTraders v2 server on loopback.

              --urls <url>             where to listen (default http://127.0.0.1:5800; port 0 picks a free port)
              --seed <int>             world seed (default 42)
              --time-scale <x>         game seconds per real second (default 1)
              --rate-limit on|off      the server's rate limits (default on)
              --faults <profile>       fault profile: none, flaky, chaos, slow (default none)
              --account-token <token>  the account token POST /register requires (default: any)
              --luck shared|per-ship   one random stream for the game, or one per ship so runs compared
                                       on the same seed differ only by what the clients did (default shared)
            """);
        return 0;
    }

    var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : null;
    string? value = null;
    if (name is not null && name.Contains('=', StringComparison.Ordinal))
    {
        value = name[(name.IndexOf('=', StringComparison.Ordinal) + 1)..];
        name = name[..name.IndexOf('=', StringComparison.Ordinal)];
    }
    else if (name is not null && i + 1 < args.Length)
    {
        value = args[++i];
    }

    if (name is null || value is null || !known.Contains(name, StringComparer.OrdinalIgnoreCase))
    {
        Console.Error.WriteLine($"Unknown or incomplete option '{arg}'. Run with --help for the options.");
        return 2;
    }

    settings[name] = value;
}

try
{
    var scale = double.Parse(settings["time-scale"], NumberStyles.Float, CultureInfo.InvariantCulture);
    var options = new SimulationOptions
    {
        Seed = int.Parse(settings["seed"], NumberStyles.Integer, CultureInfo.InvariantCulture),
        Clock = scale == 1 ? TimeProvider.System : new ScaledClock(scale),
        FaultProfile = settings["faults"],
        AccountToken = settings.GetValueOrDefault("account-token"),
        RandomStreams = settings["luck"].ToUpperInvariant() switch
        {
            "SHARED" => RandomStreams.Shared,
            "PER-SHIP" => RandomStreams.PerShip,
            _ => throw new FormatException("--luck takes shared or per-ship."),
        },
    };
    options.RateLimits.Enabled = settings["rate-limit"].ToUpperInvariant() switch
    {
        "ON" or "TRUE" => true,
        "OFF" or "FALSE" => false,
        _ => throw new FormatException("--rate-limit takes on or off."),
    };

    var simulation = new Simulation(options);
    var server = await simulation.StartHttpServerAsync(settings["urls"].Split(';')[0], CancellationToken.None).ConfigureAwait(false);
    await using (server.ConfigureAwait(false))
    {
        Console.WriteLine($"Simulator listening on {server.BaseAddress} (seed {options.Seed}, time scale {scale.ToString(CultureInfo.InvariantCulture)}, rate limit {(options.RateLimits.Enabled ? "on" : "off")}, faults {options.FaultProfile}, luck {settings["luck"].ToLowerInvariant()})");
        await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
    }

    Console.WriteLine($"Simulator stopped: {simulation.Stats}");
    return 0;
}
catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
