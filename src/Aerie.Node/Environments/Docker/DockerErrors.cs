using System.Text.Json;
using Docker.DotNet;

namespace Aerie.Node.Environments.Docker;

/// <summary>Extracts the engine's own sentence from an API error body (<c>{"message":"..."}</c>).</summary>
internal static class DockerErrors
{
    public static string Message(DockerApiException e)
    {
        try
        {
            using var doc = JsonDocument.Parse(e.ResponseBody ?? "");
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw body.
        }
        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.StatusCode.ToString() : e.ResponseBody.Trim();
    }
}
