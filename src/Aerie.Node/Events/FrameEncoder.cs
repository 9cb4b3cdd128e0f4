using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Aerie.Node.Events;

/// <summary>Encodes <c>{"event":..,"args":[..]}</c> compactly, like Go's encoder (non-ASCII kept, &lt;&gt;&amp; escaped).</summary>
internal static class FrameEncoder
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
        SkipValidation = true,
    };

    public static OutboundFrame Frame(string name, string? permission = null, params ReadOnlySpan<string> args) =>
        new(Encode(name, args), permission);

    public static byte[] Encode(string name, params ReadOnlySpan<string> args)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (args.Length == 0 ? 0 : args[0].Length));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("event"u8, name);
            if (args.Length > 0)
            {
                writer.WriteStartArray("args"u8);
                foreach (var arg in args)
                {
                    writer.WriteStringValue(arg);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
