using System.CommandLine;
using Aerie.Cli;
using Aerie.Panel.Operator;

namespace Aerie.Commands;

/// <summary><c>aerie server:create</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class ServerCreateCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var name = new Option<string>("--name") { Description = "the server's name", Required = true };
        var description = new Option<string>("--description") { Description = "free text" };
        var owner = new Option<string>("--owner") { Description = "username or e-mail of the owner", Required = true };
        var node = new Option<string>("--node") { Description = "id or name of the node that runs it", Required = true };
        var invocation = new Option<string>("--invocation") { Description = "start command; {{VAR}} is replaced from --env", Required = true };
        var env = new Option<string[]>("--env") { Description = "KEY=VALUE, repeatable" };
        var done = new Option<string[]>("--done") { Description = "console text that means started, repeatable" };
        var stopCommand = new Option<string>("--stop-command") { Description = "console command that stops it (default: stop)" };
        var stopSignal = new Option<string>("--stop-signal") { Description = "signal that stops it instead, e.g. SIGINT" };
        var memory = new Option<string>("--memory") { Description = "memory limit, MiB" };
        var cpu = new Option<string>("--cpu") { Description = "CPU limit, percent of one core" };
        var disk = new Option<string>("--disk") { Description = "disk limit, MiB" };
        var image = new Option<string>("--image") { Description = "container image (docker runtime)" };
        var command = new Command("server:create", "create a server")
        {
            name, description, owner, node, invocation, env, done, stopCommand, stopSignal, memory, cpu, disk, image,
        };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
        {
            var input = new ServerCreateInput(
                r.GetRequiredValue(name), r.GetValue(description), r.GetRequiredValue(owner), r.GetRequiredValue(node), r.GetRequiredValue(invocation),
                r.GetValue(env) ?? [], r.GetValue(done) ?? [], r.GetValue(stopCommand), r.GetValue(stopSignal),
                r.GetValue(memory), r.GetValue(cpu), r.GetValue(disk), r.GetValue(image));
            return Panel.Operator.ServerCreateCommand.RunAsync(panel, input, output, error);
        }));
        return command;
    }
}
