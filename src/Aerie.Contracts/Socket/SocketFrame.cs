using System.Text.Json.Serialization;

namespace Aerie.Contracts.Socket;

/// <summary>One frame of the console socket: <c>{"event":"name","args":["..."]}</c>; args omitted when empty.</summary>
public sealed record SocketFrame(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("args"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Args = null);
