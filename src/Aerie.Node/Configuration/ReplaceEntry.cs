namespace Aerie.Node.Configuration;

/// <summary>One rule; <c>if_value</c> empty = none.</summary>
internal sealed record ReplaceEntry
{
    public string Match { get; set; } = "";
    public string ReplaceWith { get; set; } = "";
    public string IfValue { get; set; } = "";
}
