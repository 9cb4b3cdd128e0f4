using System.CommandLine;
using System.CommandLine.Help;
using Aerie.Cli;
using Aerie.Commands;
using Aerie.Panel;

namespace Aerie;

/// <summary>
/// The <c>aerie</c> command line, defined in one place: every command is listed here, each built in its
/// own file under Commands/. Parsing is System.CommandLine's; this adds the house rules: <c>--help</c>
/// exits 0, any parse error is one line on stderr and exit code 2.
/// </summary>
internal static class AerieCli
{
    public const string Name = "aerie";

    /// <param name="panelHost">how <c>aerie panel</c> runs the panel once its settings are bound; null = Kestrel (tests record the options instead)</param>
    public static Command Create(IReadOnlyDictionary<string, string> environment, Func<PanelOptions, TextWriter, TextWriter, Task<int>>? panelHost = null)
    {
        var root = new Command(Name, "Aerie: game-server panel and node daemon. `aerie <command> --help` for a command's options.")
        {
            UpCommand.Create(environment),
            PanelCommand.Create(environment, panelHost),
            NodeCommand.Create(),
            UserCreateCommand.Create(environment),
            ApiKeyCreateCommand.Create(environment),
            NodeCreateCommand.Create(environment),
            NodeConfigCommand.Create(environment),
            ServerCreateCommand.Create(environment),
            SubuserAddCommand.Create(environment),
            EggCommands.Import(environment),
            EggCommands.Export(environment),
            VersionCommand.Create(),
        };
        root.Options.Add(new HelpOption { Recursive = true });
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment,
        Func<PanelOptions, TextWriter, TextWriter, Task<int>>? panelHost = null)
    {
        // `aerie help [command]` reads as `aerie [command] --help`.
        if (args is ["help", .. var rest])
        {
            args = [.. rest, "--help"];
        }
        // No response files: an argument starting with '@' is a value, not a file to expand.
        var result = Create(environment, panelHost).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            await error.WriteLineAsync(ParseErrorLine.For(result));
            return 2;
        }
        // Commands handle their own signals (`up` must stop its games before exiting), hence no termination timeout.
        return await result.InvokeAsync(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        });
    }
}
