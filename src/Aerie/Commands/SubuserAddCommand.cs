using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie subuser:add</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class SubuserAddCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var server = new Option<string>("--server") { Description = "the server's UUID or 8-character identifier", Required = true };
        var user = new Option<string>("--user") { Description = "the subuser's e-mail", Required = true };
        var permissions = new Option<string>("--permissions") { Description = "comma-separated, e.g. control.console,control.start", Required = true };
        var command = new Command("subuser:add", "add a subuser to a server") { server, user, permissions };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.SubuserAddCommand.RunAsync(panel, r.GetRequiredValue(server), r.GetRequiredValue(user), r.GetRequiredValue(permissions), output, error)));
        return command;
    }
}
