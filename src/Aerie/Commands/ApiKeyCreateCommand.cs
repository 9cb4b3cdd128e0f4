using System.CommandLine;
using Aerie.Cli;
using Aerie.Panel.ApiKeys;

namespace Aerie.Commands;

/// <summary><c>aerie apikey:create</c>; the work is in Aerie.Panel/Operator, tested with the panel.</summary>
internal static class ApiKeyCreateCommand
{
    public static Command Create(IReadOnlyDictionary<string, string> environment)
    {
        var user = new Option<string>("--user") { Description = "username or e-mail of the key's owner", Required = true };
        var description = new Option<string>("--description") { Description = "what the key is for" };
        var application = new Option<bool>("--application") { Description = "an Application API key (ptla_) for an administrator, with the --r-* masks" };
        var command = new Command("apikey:create", "create an API key for a user (client, or --application), printed once") { user, description, application };
        var masks = new Dictionary<ApplicationResource, Option<int>>();
        foreach (var resource in Enum.GetValues<ApplicationResource>())
        {
            // r_servers → --r-servers; 0 none, 1 read, 2 write, 3 both.
            var mask = new Option<int>("--" + ApplicationMasks.Name(resource).Replace('_', '-')) { Description = $"{ApplicationMasks.Name(resource)} mask: 0 none, 1 read, 2 write, 3 read and write" };
            mask.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() is < ApplicationMasks.None or > ApplicationMasks.ReadWrite)
                {
                    r.AddError($"{mask.Name} must be 0, 1, 2 or 3");
                }
            });
            masks[resource] = mask;
            command.Options.Add(mask);
        }
        var settings = PanelSettingOptions.AddTo(command, PanelSettingOptions.Database);
        command.SetAction(OperatorAction.Of(command.Name, settings, environment, (r, panel, output, error) =>
        {
            var given = masks.Where(m => r.GetResult(m.Value) is not null).ToList();
            if (!r.GetValue(application) && given.Count > 0)
            {
                error.WriteLine($"aerie apikey:create: {given[0].Value.Name} needs --application");
                return Task.FromResult(2);
            }
            var grant = r.GetValue(application) ? masks.ToDictionary(m => m.Key, m => r.GetValue(m.Value)) : null;
            return Panel.Operator.ApiKeyCreateCommand.RunAsync(panel, r.GetRequiredValue(user), r.GetValue(description), grant, output, error);
        }));
        return command;
    }
}
