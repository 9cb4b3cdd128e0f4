namespace Aerie.Panel.Settings;

/// <summary>A panel setting that is unknown, unreadable or out of range: one line naming it; the command exits 2.</summary>
internal sealed class PanelSettingsError(string message) : Exception(message);
