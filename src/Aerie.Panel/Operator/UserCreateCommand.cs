using Aerie.Panel.Auth;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie user:create --username U --email E [--password P] [--admin]</c>; a generated password is printed once.</summary>
internal static class UserCreateCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string username, string email, string? password, bool admin, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("user:create", panel, error, async sp =>
        {
            var generated = password is null;
            password ??= Secrets.Random(20);
            var user = await sp.GetRequiredService<UserService>().CreateAsync(username, email, password, admin, CancellationToken.None);
            await output.WriteLineAsync($"created user {user.Username} ({user.Email}) uuid={user.Uuid}{(user.Admin ? " admin" : "")}");
            if (generated)
            {
                await output.WriteLineAsync($"password: {password}   (shown once)");
            }
        });
}
