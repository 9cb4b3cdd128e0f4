using System.Text.RegularExpressions;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The node's own <c>{{config.…}}</c> placeholders (spec 05 §4.1). Only the allowlist below is resolved; any other
/// key stays literal, so a template can never read the node's configuration (Wings ≤1.11 resolved any key,
/// <c>{{config.token}}</c> included, and wrote the node secret into server files).
/// </summary>
internal sealed partial class ConfigPlaceholders(string interfaceAddress)
{
    public static readonly ConfigPlaceholders None = new("");

    public string InterfaceAddress { get; } = interfaceAddress;

    /// <summary>True when the text names an allowlisted placeholder, so the interface address must be known.</summary>
    public static bool Uses(string text) => Allowlisted().IsMatch(text);

    public string Resolve(string text) => Allowlisted().Replace(text, InterfaceAddress);

    [GeneratedRegex(@"\{\{\s*config\.docker\.(?:network\.)?interface\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Allowlisted();
}
