using System.CommandLine;
using Aerie.Panel;
using Aerie.Panel.Settings;

namespace Aerie.Cli;

/// <summary>
/// The flags of a command that runs on the panel: one per panel setting it takes (see
/// <see cref="PanelSettings"/>) plus <c>--settings &lt;file.json&gt;</c>; they are bound, with the
/// environment and the file, into <see cref="PanelOptions"/> by <see cref="PanelConfiguration"/>.
/// </summary>
internal sealed class PanelSettingOptions
{
    public static readonly string[] Database = ["DataFolder", "Database"];

    private readonly List<(PanelSetting Setting, Option<string> Option)> flags = [];
    private readonly Option<string> settingsFile = new("--settings")
    {
        Description = "JSON file of panel settings (keys as in docs/panel.md); flags and AERIE_PANEL__* variables override it",
        HelpName = "file",
    };

    private PanelSettingOptions()
    {
    }

    /// <param name="keys">the settings this command takes as flags; null = all of them</param>
    public static PanelSettingOptions AddTo(Command command, IReadOnlyCollection<string>? keys = null)
    {
        var set = new PanelSettingOptions();
        foreach (var setting in PanelSettings.All.Where(s => keys is null || keys.Contains(s.Key)))
        {
            var option = new Option<string>(setting.Flag)
            {
                Description = $"{setting.Description} [{setting.Range}; {setting.EnvironmentVariable}]",
                HelpName = setting.ValueName,
            };
            set.flags.Add((setting, option));
            command.Options.Add(option);
        }
        command.Options.Add(set.settingsFile);
        return set;
    }

    /// <exception cref="PanelSettingsError">a setting is unknown or out of range, naming it</exception>
    public PanelOptions Bind(ParseResult result, IReadOnlyDictionary<string, string> environment)
    {
        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, option) in flags)
        {
            if (result.GetResult(option) is { Implicit: false })
            {
                given[setting.Key] = result.GetValue(option);
            }
        }
        return PanelConfiguration.Load(result.GetValue(settingsFile), environment, given);
    }
}
