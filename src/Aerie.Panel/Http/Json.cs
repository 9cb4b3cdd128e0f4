namespace Aerie.Panel.Http;

/// <summary>Small JSON helpers for columns that hold JSON text.</summary>
internal static class Json
{
    public static string Write<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Contracts.ContractsJson.Options);

    public static T Read<T>(string text) where T : new() =>
        System.Text.Json.JsonSerializer.Deserialize<T>(text, Contracts.ContractsJson.Options) ?? new T();
}
