using Aerie.Panel.ApiKeys;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie apikey:create --user &lt;username|email&gt; [--description D]</c>; the key is printed once.</summary>
internal static class ApiKeyCreateCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string login, string? description, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("apikey:create", panel, error, async sp =>
        {
            var user = await sp.GetRequiredService<UserService>().FindByLoginAsync(login, CancellationToken.None);
            var (_, token) = await sp.GetRequiredService<ApiKeyService>().CreateAsync(user, description ?? "created by aerie apikey:create", null, null, CancellationToken.None);
            await output.WriteLineAsync(token);
        });
}
