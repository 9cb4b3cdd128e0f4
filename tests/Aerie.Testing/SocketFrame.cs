using System.Text.Json.Serialization;

namespace Aerie.Testing;

/// <summary>One frame of the console socket as a client reads it: <c>{"event":"name","args":["..."]}</c>. The node
/// writes frames with its own encoder (Aerie.Node/Events/FrameEncoder), so this type lives with the test client.</summary>
internal sealed record SocketFrame(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("args"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Args = null);
