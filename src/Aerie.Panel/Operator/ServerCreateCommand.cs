using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary>
/// <c>aerie server:create --name N --owner &lt;username|email&gt; --node &lt;id|name&gt; --invocation CMD
/// [--env K=V]... [--done MARKER]... [--stop-command stop | --stop-signal SIGINT] [--memory MB] [--cpu PCT] [--disk MB] [--image I]</c>.
/// </summary>
internal static class ServerCreateCommand
{
    private static readonly string[] Options = ["name", "owner", "node", "invocation", "env", "done", "stop-command", "stop-signal", "memory", "cpu", "disk", "image", "description"];

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("server:create", args, output, error, Options, null, async (a, sp) =>
        {
            var owner = await sp.GetRequiredService<UserService>().FindByLoginAsync(a.Required("owner"), CancellationToken.None);
            var node = await sp.GetRequiredService<NodeService>().FindAsync(a.Required("node"), CancellationToken.None);
            if (a.Optional("stop-command") is not null && a.Optional("stop-signal") is not null)
            {
                throw new OperatorError("give either --stop-command or --stop-signal, not both");
            }
            var (stopType, stopValue) = a.Optional("stop-signal") is { } signal ? ("signal", signal) : ("command", a.Optional("stop-command") ?? "stop");
            var request = new ServerRequest(
                Name: a.Required("name"), Description: a.Optional("description"), OwnerUuid: owner.Uuid, NodeId: node.Id, Invocation: a.Required("invocation"),
                Environment: Environment(a.All("env")), Done: [.. a.All("done")], StopType: stopType, StopValue: stopValue,
                MemoryMb: Number(a, "memory"), CpuPercent: (int?)Number(a, "cpu"), DiskMb: Number(a, "disk"), Image: a.Optional("image"));
            var server = await sp.GetRequiredService<ServerService>().CreateAsync(request, CancellationToken.None);
            await output.WriteLineAsync($"created server {server.Name} uuid={server.Uuid} identifier={server.Identifier}");
        });

    private static Dictionary<string, string> Environment(IReadOnlyList<string> pairs)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new OperatorError($"--env expects KEY=VALUE, got '{pair}'");
            }
            env[pair[..eq]] = pair[(eq + 1)..];
        }
        return env;
    }

    private static long? Number(OperatorArgs a, string name) =>
        a.Optional(name) is not { } text ? null
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? n
        : throw new OperatorError($"--{name} expects a whole number, got '{text}'");
}
