namespace Aerie.Node.Configuration;

/// <summary>A config file a server of the node's own config rewrites before each start: the panel's
/// <c>process_configuration.configs</c> entry (spec 05 §4.2) for a node without a panel.</summary>
internal sealed record ConfigFileEntry
{
    public string File { get; set; } = "";
    public string Parser { get; set; } = "";
    public bool CreateFile { get; set; } = true;
    public List<ReplaceEntry> Replace { get; set; } = [];
}
