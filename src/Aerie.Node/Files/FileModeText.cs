namespace Aerie.Node.Files;

/// <summary>Mode strings as Go's <c>os.FileMode.String()</c> prints them (Wings' <c>mode</c>, which panels show
/// as is): type letters from <c>dalTLDpSugct?</c>, or <c>-</c>, then <c>rwxrwxrwx</c>.</summary>
internal static class FileModeText
{
    public static string Of(uint mode)
    {
        var type = mode & FileEntry.TypeMask;
        var letters = new System.Text.StringBuilder(14);
        if (type == FileEntry.DirectoryType)
        {
            letters.Append('d');
        }
        if (type == FileEntry.Link)
        {
            letters.Append('L');
        }
        if (type is FileEntry.CharDevice or FileEntry.BlockDevice)
        {
            letters.Append('D');
        }
        if (type == FileEntry.Fifo)
        {
            letters.Append('p');
        }
        if (type == FileEntry.Socket)
        {
            letters.Append('S');
        }
        if ((mode & 0x800) != 0)
        {
            letters.Append('u');
        }
        if ((mode & 0x400) != 0)
        {
            letters.Append('g');
        }
        if (type == FileEntry.CharDevice)
        {
            letters.Append('c');
        }
        if ((mode & 0x200) != 0)
        {
            letters.Append('t');
        }
        if (letters.Length == 0)
        {
            letters.Append('-');
        }
        const string rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            letters.Append((mode & (1u << (8 - i))) != 0 ? rwx[i] : '-');
        }
        return letters.ToString();
    }

    /// <summary>The permission bits in octal without padding, as Wings' <c>mode_bits</c> (<c>"644"</c>).</summary>
    public static string Bits(uint mode) => Convert.ToString((int)(mode & 0x1FF), 8);
}
