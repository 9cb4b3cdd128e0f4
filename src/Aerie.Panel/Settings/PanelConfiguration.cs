using Microsoft.Extensions.Configuration;

namespace Aerie.Panel.Settings;

/// <summary>
/// Layers the panel's setting sources into one configuration, lowest first: the defaults of
/// <see cref="PanelOptions"/>, the optional JSON settings file, <c>AERIE_PANEL__*</c> environment
/// variables, then command-line flags. Unknown keys in any source are refused, naming the source.
/// </summary>
internal static class PanelConfiguration
{
    /// <summary>Root data folder shared with <c>aerie up</c>: <c>$AERIE_DATA</c>, else <c>./.data</c>.</summary>
    public const string DataVariable = "AERIE_DATA";
    public const string DefaultData = ".data";

    /// <summary>The panel's folder when none is given: <c>&lt;data&gt;/panel</c>, where <c>aerie up</c> keeps it.</summary>
    public static string DefaultPanelFolder(IReadOnlyDictionary<string, string> environment) => PanelFolderIn(RootData(environment));

    /// <summary>Where the panel lives inside a root data folder; <c>aerie up</c> puts it there too.</summary>
    public static string PanelFolderIn(string rootData) => Path.GetFullPath(Path.Combine(rootData, "panel"));

    public static string RootData(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue(DataVariable, out var data) && data.Length > 0 ? data : DefaultData;

    /// <param name="flags">setting key → value, for the flags that were given</param>
    /// <exception cref="PanelSettingsError">a source is unreadable, or a key unknown, or a value out of range</exception>
    public static PanelOptions Load(string? settingsFile, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string?> flags)
    {
        var builder = new ConfigurationBuilder();
        if (settingsFile is not null)
        {
            builder.AddConfiguration(ReadFile(settingsFile));
        }
        builder.AddInMemoryCollection(FromEnvironment(environment));
        builder.AddInMemoryCollection(flags);
        return PanelSettings.Bind(builder.Build(), new PanelOptions { DataFolder = DefaultPanelFolder(environment) });
    }

    private static IConfigurationRoot ReadFile(string path)
    {
        var full = Path.GetFullPath(path);
        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(full, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or FormatException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new PanelSettingsError($"cannot read the settings file {full}: {e.Message}");
        }
        foreach (var entry in file.GetChildren())
        {
            if (PanelSettings.Find(entry.Key) is null)
            {
                throw new PanelSettingsError($"unknown setting '{entry.Key}' in {full}");
            }
        }
        return file;
    }

    private static Dictionary<string, string?> FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(PanelSetting.EnvironmentPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var setting = PanelSettings.Find(name[PanelSetting.EnvironmentPrefix.Length..])
                ?? throw new PanelSettingsError($"unknown setting in environment variable {name}");
            values[setting.Key] = value;
        }
        return values;
    }
}
