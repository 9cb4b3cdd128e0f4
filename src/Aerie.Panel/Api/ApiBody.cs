using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// Reads a request body the way Pterodactyl's clients expect (spec 04 §1.1): an empty body is <c>{}</c>
/// (nodeactyl and pterojs POST nothing with a JSON content type), form-encoded bodies read like JSON, any
/// other content type is tried as JSON, and malformed JSON is a 400 carrying the parser's message.
/// </summary>
internal static class ApiBody
{
    public static async Task<ApiInput> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            return new ApiInput(FormFields.ToJson(form));
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return new ApiInput(Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <exception cref="PanelProblem">400 when the bytes are not a JSON object</exception>
    public static JsonObject Parse(ReadOnlySpan<byte> utf8)
    {
        if (IsBlank(utf8))
        {
            return [];
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new PanelProblem(400, ApiErrorCodes.MalformedJsonPrefix + e.Message);
        }
        return node as JsonObject ?? throw new PanelProblem(400, ApiErrorCodes.MalformedJsonPrefix + "the body must be a JSON object.");
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
