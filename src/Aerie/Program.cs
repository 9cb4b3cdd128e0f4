using Aerie;
using Aerie.Cli;
using Aerie.Node;

// `aerie node` re-executes itself once with the node's GC settings (they must be in the environment before the
// runtime starts); every other command runs as is.
NodeRuntimeSettings.ApplyToSelf(args);

// `aerie <command> [options]`: every command is defined in AerieCli, one file per command in Commands/.
return await AerieCli.RunAsync(args, Console.Out, Console.Error, CliEnvironment.Current());
