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
    public static Task<int> RunAsync(PanelOptions panel, ServerCreateInput input, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("server:create", panel, error, async sp =>
        {
            var owner = await sp.GetRequiredService<UserService>().FindByLoginAsync(input.Owner, CancellationToken.None);
            var node = await sp.GetRequiredService<NodeService>().FindAsync(input.Node, CancellationToken.None);
            if (input.StopCommand is not null && input.StopSignal is not null)
            {
                throw new OperatorError("give either --stop-command or --stop-signal, not both");
            }
            var (stopType, stopValue) = input.StopSignal is { } signal ? ("signal", signal) : ("command", input.StopCommand ?? "stop");
            var request = new ServerRequest(
                Name: input.Name, Description: input.Description, OwnerUuid: owner.Uuid, NodeId: node.Id, Invocation: input.Invocation,
                Environment: Environment(input.Env), Done: [.. input.Done], StopType: stopType, StopValue: stopValue,
                MemoryMb: Number("memory", input.Memory), CpuPercent: (int?)Number("cpu", input.Cpu), DiskMb: Number("disk", input.Disk), Image: input.Image);
            var server = await sp.GetRequiredService<ServerProvisioning>().CreateRawAsync(request, CancellationToken.None);
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

    private static long? Number(string name, string? text) =>
        text is null ? null
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? n
        : throw new OperatorError($"--{name} expects a whole number, got '{text}'");
}
