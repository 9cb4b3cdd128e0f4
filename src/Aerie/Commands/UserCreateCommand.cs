using System.CommandLine;
using Aerie.Cli;

namespace Aerie.Commands;

/// <summary><c>aerie user:create</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class UserCreateCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var username = new Option<string>("--username") { Description = "login name", Required = true };
        var email = new Option<string>("--email") { Description = "e-mail address (also a login)", Required = true };
        var password = new Option<string>("--password") { Description = "at least 8 characters; default: generated and printed once" };
        var admin = new Option<bool>("--admin") { Description = "make the user an administrator" };
        var command = new Command("user:create", "create a panel user") { username, email, password, admin };
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
            Panel.Operator.UserCreateCommand.RunAsync(panel, r.GetRequiredValue(username), r.GetRequiredValue(email), r.GetValue(password), r.GetValue(admin), output, error)));
        return command;
    }
}
