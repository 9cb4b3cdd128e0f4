using Aerie.Bench;

return await BenchCli.RunAsync(args);
