using System.Data.Common;
using Aerie.Panel.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary>
/// Runs one operator command against the panel database (migrated first), mapping failures to exit
/// codes with a one-line message and never a stack trace: 2 = bad input, 1 = the store failed.
/// The options are parsed and bound by the <c>aerie</c> command line before this runs.
/// </summary>
internal static class OperatorRunner
{
    public static async Task<int> RunAsync(string command, PanelOptions options, TextWriter error, Func<IServiceProvider, Task> work)
    {
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddPanelCore(options);
            await using var provider = services.BuildServiceProvider();
            await PanelServices.MigrateAsync(provider);
            await using var scope = provider.CreateAsyncScope();
            await work(scope.ServiceProvider);
            return 0;
        }
        catch (OperatorError ex)
        {
            await error.WriteLineAsync($"aerie {command}: {ex.Message}");
            return 2;
        }
        catch (PanelProblem ex)
        {
            await error.WriteLineAsync($"aerie {command}: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await error.WriteLineAsync($"aerie {command}: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
