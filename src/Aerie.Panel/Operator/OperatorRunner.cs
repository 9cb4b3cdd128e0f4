using System.Data.Common;
using Aerie.Panel.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary>
/// Runs one operator command against the panel database (migrated first), mapping failures to exit
/// codes with a one-line message and never a stack trace: 2 = bad input, 1 = the store failed.
/// </summary>
internal static class OperatorRunner
{
    public static async Task<int> RunAsync(string command, string[] args, TextWriter output, TextWriter error,
        IEnumerable<string> valued, IEnumerable<string>? switches, Func<OperatorArgs, IServiceProvider, Task> work)
    {
        try
        {
            var parsed = OperatorArgs.Parse(args, valued, switches);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddPanelCore(parsed.PanelOptions());
            await using var provider = services.BuildServiceProvider();
            await PanelServices.MigrateAsync(provider);
            await using var scope = provider.CreateAsyncScope();
            await work(parsed, scope.ServiceProvider);
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
