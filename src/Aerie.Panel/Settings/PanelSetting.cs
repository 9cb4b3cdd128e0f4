namespace Aerie.Panel.Settings;

/// <summary>
/// One configurable panel setting: its key (settings file, and the environment variable
/// <c>AERIE_PANEL__&lt;KEY&gt;</c>), its flag, and how a text value becomes part of <see cref="PanelOptions"/>.
/// </summary>
/// <param name="Apply">returns the options with the value applied; throws <see cref="FormatException"/> saying what the value must be</param>
internal sealed record PanelSetting(string Key, string Flag, string ValueName, string Description, string Range, Func<PanelOptions, string, PanelOptions> Apply)
{
    public const string EnvironmentPrefix = "AERIE_PANEL__";

    public string EnvironmentVariable => EnvironmentPrefix + Key.ToUpperInvariant();

    /// <summary>How every message names the setting, so the operator finds it whichever way it was given.</summary>
    public string Name => $"setting '{Key}' ({Flag} / {EnvironmentVariable})";
}
