using SpaceTraders.BotRunner.Hosting;

// dotnet run --project samples/SpaceTraders.BotRunner [-- --help]
return await RunnerProgram.RunAsync(args, Environment.GetEnvironmentVariable, CancellationToken.None);
