using Aerie.Contracts.Permissions;
using Aerie.Panel.Data;
using Aerie.Panel.Servers;
using Aerie.Panel.Subusers;
using Aerie.Panel.Users;
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
            // The API drops unknown names silently (Pterodactyl does); an operator's typo is told instead.
            if (permissions.FirstOrDefault(p => !Permission.Subuser.Contains(p, StringComparer.Ordinal)) is { } unknown)
            {
                throw new OperatorError($"unknown permission '{unknown}'");
            }
            var address = email.Trim().ToLowerInvariant();
            if (!EmailRule.IsValid(address))
            {
                throw new OperatorError($"'{email}' is not an email address");
            }
            var sub = await sp.GetRequiredService<SubuserService>().AddAsync(server, address, permissions, null, CancellationToken.None);
            await output.WriteLineAsync($"added {sub.User!.Email} to {server.Identifier} with {sub.PermissionsJson}");
        });
}
