using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie subuser:add --server &lt;uuid|identifier&gt; --user &lt;email&gt; --permissions a,b,c</c>.</summary>
internal static class SubuserAddCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string serverRef, string email, string permissionList, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("subuser:add", panel, error, async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var server = await ServerAccess.FindAsync(db, serverRef, CancellationToken.None) ?? throw new OperatorError($"no server '{serverRef}'");
            var permissions = permissionList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var sub = await sp.GetRequiredService<SubuserService>().AddAsync(server, email, permissions, null, CancellationToken.None);
            await output.WriteLineAsync($"added {sub.User!.Email} to {server.Identifier} with {sub.PermissionsJson}");
        });
}
