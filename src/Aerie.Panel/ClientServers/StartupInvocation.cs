using System.Globalization;
using System.Text;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// The startup command as a client sees it (spec 04 §2.1 <c>invocation</c>): <c>{{SERVER_MEMORY}}</c>,
/// <c>{{SERVER_IP}}</c> and <c>{{SERVER_PORT}}</c> filled in, and each variable's <c>{{ENV}}</c> replaced by its
/// value, or by <c>[hidden]</c> when the egg does not let users see it or the caller lacks <c>startup.read</c>.
/// A server without an egg (operator CLI, demo) has its environment as its variables, all user-visible.
/// </summary>
internal static class StartupInvocation
{
    public const string Hidden = "[hidden]";

    public static string For(GameServer server, Allocation? primary, IReadOnlyList<ServerVariableView>? variables, bool canReadStartup)
    {
        var replacements = new List<(string Find, string Value)>
        {
            ("{{SERVER_MEMORY}}", server.MemoryMb.ToString(CultureInfo.InvariantCulture)),
            ("{{SERVER_IP}}", primary?.Ip ?? ""),
            ("{{SERVER_PORT}}", primary?.Port.ToString(CultureInfo.InvariantCulture) ?? ""),
        };
        if (server.EggId is null)
        {
            foreach (var (key, value) in Json.Read<Dictionary<string, string>>(server.EnvironmentJson) ?? [])
            {
                replacements.Add(("{{" + key + "}}", canReadStartup ? value : Hidden));
            }
        }
        else
        {
            foreach (var v in variables ?? [])
            {
                replacements.Add(("{{" + v.Variable.EnvVariable + "}}", canReadStartup && v.Variable.UserViewable ? v.Effective : Hidden));
            }
        }
        var text = new StringBuilder(server.Invocation);
        foreach (var (find, value) in replacements)
        {
            text.Replace(find, value);
        }
        return text.ToString();
    }
}
