using System.CommandLine;
using System.Data.Common;
using Aerie.Cli;
using Aerie.Panel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Aerie.Commands;

/// <summary><c>aerie panel</c>: hosts the panel until Ctrl-C / SIGTERM; every panel setting is a flag (docs/panel.md).</summary>
internal static class PanelCommand
{
    /// <param name="host">runs the panel on the bound options; null = <see cref="RunAsync"/> (tests pass one that records them)</param>
    public static Command Create(IReadOnlyDictionary<string, string> environment, Func<PanelOptions, TextWriter, TextWriter, Task<int>>? host = null)
    {
        var command = new Command("panel", "run the panel");
        var settings = PanelSettingOptions.AddTo(command);
        host ??= RunAsync;
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (_, options, output, error) => host(options, output, error)));
        return command;
    }

    public static async Task<int> RunAsync(PanelOptions options, TextWriter output, TextWriter error)
    {
        WebApplication app;
        try
        {
            app = PanelHost.Build(options);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"aerie panel: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync($"aerie panel: cannot open the database: {ex.Message}");
            return 1;
        }
        await using (app)
        {
            try
            {
                // The built-in templates are seeded once Kestrel listens (BuiltInSeeder), inside the start.
                await app.StartAsync();
            }
            catch (DbException ex)
            {
                await error.WriteLineAsync($"aerie panel: cannot open the database: {ex.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C / SIGTERM before the start finished (the host cancels its start, the seeding with it).
                return 0;
            }
            await output.WriteLineAsync($"aerie panel listening on {string.Join(", ", app.Urls)}");
            await app.WaitForShutdownAsync();
        }
        return 0;
    }
}
