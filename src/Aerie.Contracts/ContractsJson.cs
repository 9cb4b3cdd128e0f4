using System.Text.Json;

namespace Aerie.Contracts;

/// <summary>Shared serializer options for wire bodies: compact, like Go's encoder.</summary>
public static class ContractsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
    };
}
