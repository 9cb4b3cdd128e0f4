using System.Runtime.InteropServices;

namespace Aerie.Node.Files.Archives;

/// <summary>The few liblzma calls an xz encoder needs (liblzma.so.5 ships with every Linux that has xz-utils, which
/// is every distribution the node runs on).</summary>
internal static unsafe partial class LibLzma
{
    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int Run = 0;
    public const int Finish = 3;
    public const uint CheckCrc64 = 4;

    /// <summary>sizeof(lzma_stream) on 64-bit Linux: 6 pointer-sized fields, allocator, internal, 4 reserved pointers,
    /// 2 × uint64, 2 × size_t, 2 enums. Allocated zeroed = LZMA_STREAM_INIT.</summary>
    public const int StreamSize = 136;

    /// <summary>The leading fields of lzma_stream, the only ones the caller sets or reads.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StreamHead
    {
        public byte* NextIn;
        public nuint AvailIn;
        public ulong TotalIn;
        public byte* NextOut;
        public nuint AvailOut;
        public ulong TotalOut;
    }

    [LibraryImport("liblzma.so.5", EntryPoint = "lzma_easy_encoder")]
    public static partial int EasyEncoder(StreamHead* stream, uint preset, uint check);

    [LibraryImport("liblzma.so.5", EntryPoint = "lzma_code")]
    public static partial int Code(StreamHead* stream, int action);

    [LibraryImport("liblzma.so.5", EntryPoint = "lzma_end")]
    public static partial void End(StreamHead* stream);
}
