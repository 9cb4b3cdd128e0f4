using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Aerie.Node.Events;

/// <summary>Encodes <c>{"event":..,"args":[..]}</c> compactly, like Go's encoder (non-ASCII kept, &lt;&gt;&amp; escaped).</summary>
internal static class FrameEncoder
{
    /// <summary>A scratch buffer grown past this (one huge line) is not kept for the next frame.</summary>
    private const int KeepScratchBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
        SkipValidation = true,
    };

    // One scratch buffer and writer per thread, reused for every frame: encoding a line allocates only the frame's
    // own bytes (shared by every socket, so it must own them), not a buffer and a writer each time.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? scratchWriter;

    public static OutboundFrame Frame(string name, string? permission = null, params ReadOnlySpan<string> args) =>
        new(Encode(name, args), permission);

    public static byte[] Encode(string name, params ReadOnlySpan<string> args)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(256);
        var writer = scratchWriter ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
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
        writer.Flush();
        var frame = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > KeepScratchBytes)
        {
            scratch = null;
            scratchWriter = null;
        }
        return frame;
    }
}
