using Aerie.Bench;

return await BenchCli.RunAsync(args, Console.Out, Console.Error);
