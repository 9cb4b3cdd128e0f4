namespace Aerie.Node.Configuration;

/// <summary>A config that loaded, and what the operator should hear about it (each warning one line, file first).</summary>
internal sealed record LoadedNodeConfig(NodeConfig Config, IReadOnlyList<string> Warnings);
