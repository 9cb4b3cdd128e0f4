using Aerie.Panel.ApiKeys;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie apikey:create --user &lt;username|email&gt; [--description D]</c>; the key is printed once.</summary>
internal static class ApiKeyCreateCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("apikey:create", args, output, error, ["user", "description"], null, async (a, sp) =>
        {
            var user = await sp.GetRequiredService<UserService>().FindByLoginAsync(a.Required("user"), CancellationToken.None);
            var (_, token) = await sp.GetRequiredService<ApiKeyService>().CreateAsync(user, a.Optional("description") ?? "created by aerie apikey:create", null, null, CancellationToken.None);
            await output.WriteLineAsync(token);
        });
}
