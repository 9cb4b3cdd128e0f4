using System.Runtime.InteropServices;

namespace Aerie.Node.Files.Archives;

/// <summary>A write-only stream that xz-compresses into <c>output</c> (preset 6, CRC64, as <c>xz</c> itself). Dispose
/// finishes the xz stream; the output stays open.</summary>
internal sealed unsafe class XzEncoderStream : Stream
{
    private const int Preset = 6;
    private readonly Stream output;
    private readonly byte[] buffer = new byte[64 * 1024];
    private LibLzma.StreamHead* lzma;

    public XzEncoderStream(Stream output)
    {
        this.output = output;
        lzma = (LibLzma.StreamHead*)NativeMemory.AllocZeroed(LibLzma.StreamSize);
        var ret = LibLzma.EasyEncoder(lzma, Preset, LibLzma.CheckCrc64);
        if (ret != LibLzma.Ok)
        {
            NativeMemory.Free(lzma);
            lzma = null;
            throw new IOException($"liblzma refused to start an encoder (lzma_ret {ret})");
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(lzma is null, this);
        fixed (byte* input = data)
        {
            lzma->NextIn = input;
            lzma->AvailIn = (nuint)data.Length;
            while (lzma->AvailIn > 0)
            {
                Pump(LibLzma.Run);
            }
            lzma->NextIn = null;
        }
    }

    public override void Flush() => output.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (lzma is not null)
        {
            try
            {
                if (disposing)
                {
                    while (Pump(LibLzma.Finish) != LibLzma.StreamEnd)
                    {
                    }
                    output.Flush();
                }
            }
            finally
            {
                LibLzma.End(lzma);
                NativeMemory.Free(lzma);
                lzma = null;
            }
        }
        base.Dispose(disposing);
    }

    private int Pump(int action)
    {
        int ret;
        fixed (byte* outBuffer = buffer)
        {
            lzma->NextOut = outBuffer;
            lzma->AvailOut = (nuint)buffer.Length;
            ret = LibLzma.Code(lzma, action);
            var produced = buffer.Length - (int)lzma->AvailOut;
            lzma->NextOut = null;
            output.Write(buffer, 0, produced);
        }
        if (ret is not (LibLzma.Ok or LibLzma.StreamEnd))
        {
            throw new IOException($"xz compression failed (lzma_ret {ret})");
        }
        return ret;
    }
}
