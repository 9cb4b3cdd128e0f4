using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie apikey:create</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class ApiKeyCreateCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var user = new Option<string>("--user") { Description = "username or e-mail of the key's owner", Required = true };
        var description = new Option<string>("--description") { Description = "what the key is for" };
        var command = new Command("apikey:create", "create a client API key for a user, printed once") { user, description };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.ApiKeyCreateCommand.RunAsync(panel, r.GetRequiredValue(user), r.GetValue(description), output, error)));
        return command;
    }
}
