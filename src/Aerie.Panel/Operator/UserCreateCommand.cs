using Aerie.Panel.Auth;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie user:create --username U --email E [--password P] [--admin]</c>; a generated password is printed once.</summary>
internal static class UserCreateCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("user:create", args, output, error, ["username", "email", "password"], ["admin"], async (a, sp) =>
        {
            var generated = a.Optional("password") is null;
            var password = a.Optional("password") ?? Secrets.Random(20);
            var user = await sp.GetRequiredService<UserService>().CreateAsync(a.Required("username"), a.Required("email"), password, a.Flag("admin"), CancellationToken.None);
            await output.WriteLineAsync($"created user {user.Username} ({user.Email}) uuid={user.Uuid}{(user.Admin ? " admin" : "")}");
            if (generated)
            {
                await output.WriteLineAsync($"password: {password}   (shown once)");
            }
        });
}
