using SpaceTraders.BotRunner.Hosting;

// dotnet run --project samples/SpaceTraders.BotRunner [-- --help]
return await RunnerProgram.RunAsync(RunnerEnvironment.OfProcess(args), CancellationToken.None);
