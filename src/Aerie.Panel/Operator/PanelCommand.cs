using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie panel [--listen URL] [--public-url URL] [--data DIR] [--database PG]</c>: runs the panel until Ctrl+C.</summary>
internal static class PanelCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<WebApplication>? beforeRun = null)
    {
        WebApplication app;
        try
        {
            var a = OperatorArgs.Parse(args, ["listen", "public-url", "token-ttl"]);
            var listen = a.Optional("listen") ?? "http://127.0.0.1:8000";
            var ttl = a.Optional("token-ttl") is { } t
                ? int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0 ? s : throw new OperatorError("--token-ttl expects seconds")
                : 900;
            var options = a.PanelOptions() with { ListenUrl = listen, PublicUrl = a.Optional("public-url") ?? listen, TokenTtl = TimeSpan.FromSeconds(ttl) };
            app = PanelHost.Build(options);
            beforeRun?.Invoke(app);
        }
        catch (Exception ex) when (ex is OperatorError or ArgumentException)
        {
            await error.WriteLineAsync($"aerie panel: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync($"aerie panel: cannot open the database: {ex.Message}");
            return 1;
        }
        await using (app)
        {
            await app.StartAsync();
            await output.WriteLineAsync($"aerie panel listening on {string.Join(", ", app.Urls)}");
            await app.WaitForShutdownAsync();
        }
        return 0;
    }
}
