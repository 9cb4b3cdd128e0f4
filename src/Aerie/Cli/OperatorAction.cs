using System.CommandLine;
using Aerie.Panel;
using Aerie.Panel.Settings;

namespace Aerie.Cli;

/// <summary>Binds an operator command's panel settings, then runs it; a bad setting is one line and exit 2.</summary>
internal static class OperatorAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(string command, PanelSettingOptions settings, IReadOnlyDictionary<string, string> environment,
        Func<ParseResult, PanelOptions, TextWriter, TextWriter, Task<int>> run) =>
        async (result, _) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            PanelOptions options;
            try
            {
                options = settings.Bind(result, environment);
            }
            catch (PanelSettingsError e)
            {
                await error.WriteLineAsync($"{AerieCli.Name} {command}: {e.Message}");
                return 2;
            }
            return await run(result, options, output, error);
        };
}
