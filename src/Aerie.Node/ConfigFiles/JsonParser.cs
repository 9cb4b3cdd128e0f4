using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>The <c>json</c> parser: the document's rules applied (see <see cref="JsonRewriter"/>), written indented.
/// An empty file is an empty object.</summary>
internal sealed class JsonParser : IConfigParser
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        // Game configs are read by games, not browsers: keep `<`, `'` and non-ASCII text as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions Input = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var document = string.IsNullOrWhiteSpace(content) ? null : JsonNode.Parse(content, documentOptions: Input);
        return JsonRewriter.Apply(document, rules, placeholders).ToJsonString(Output) + "\n";
    }
}
