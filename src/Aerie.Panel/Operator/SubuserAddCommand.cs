using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie subuser:add --server &lt;uuid|identifier&gt; --user &lt;email&gt; --permissions a,b,c</c>.</summary>
internal static class SubuserAddCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("subuser:add", args, output, error, ["server", "user", "permissions"], null, async (a, sp) =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var server = await ServerAccess.FindAsync(db, a.Required("server"), CancellationToken.None) ?? throw new OperatorError($"no server '{a.Required("server")}'");
            var permissions = a.Required("permissions").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var sub = await sp.GetRequiredService<SubuserService>().AddAsync(server, a.Required("user"), permissions, null, CancellationToken.None);
            await output.WriteLineAsync($"added {sub.User!.Email} to {server.Identifier} with {sub.PermissionsJson}");
        });
}
