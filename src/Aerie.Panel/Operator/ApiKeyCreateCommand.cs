using Aerie.Panel.ApiKeys;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary>
/// <c>aerie apikey:create --user &lt;username|email&gt; [--description D] [--application --r-servers 3 ...]</c>;
/// the key is printed once. An application key needs an administrator and takes one 0-3 mask per resource.
/// </summary>
internal static class ApiKeyCreateCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string login, string? description, TextWriter output, TextWriter error) =>
        RunAsync(panel, login, description, application: null, output, error);

    /// <param name="application">the masks of an application key, or null for a client key</param>
    public static Task<int> RunAsync(PanelOptions panel, string login, string? description, IReadOnlyDictionary<ApplicationResource, int>? application,
        TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("apikey:create", panel, error, async sp =>
        {
            var user = await sp.GetRequiredService<UserService>().FindByLoginAsync(login, CancellationToken.None);
            var keys = sp.GetRequiredService<ApiKeyService>();
            var text = description ?? "created by aerie apikey:create";
            var (_, token) = application is null
                ? await keys.CreateAsync(user, text, null, null, CancellationToken.None)
                : await keys.CreateApplicationAsync(user, text, application, null, CancellationToken.None);
            await output.WriteLineAsync(token);
        });
}
