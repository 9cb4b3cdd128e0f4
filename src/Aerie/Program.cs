using Aerie;

// `aerie <command> [options]`: each command lives in Commands/ as one file.
return await CommandLine.RunAsync(args);
