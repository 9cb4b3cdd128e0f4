using Aerie;
using Aerie.Cli;

// `aerie <command> [options]`: every command is defined in AerieCli, one file per command in Commands/.
return await AerieCli.RunAsync(args, Console.Out, Console.Error, CliEnvironment.Current());
