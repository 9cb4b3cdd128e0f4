namespace Aerie.Node.Panel;

/// <summary>The body of <c>POST /api/remote/activity</c> built from entries already serialised, so the size the
/// sender budgets is exactly the size sent: <c>{"data":[</c> entries joined by commas <c>]}</c>.</summary>
internal static class ActivityBatchBody
{
    private static readonly byte[] Head = """{"data":["""u8.ToArray();
    private static readonly byte[] Tail = "]}"u8.ToArray();

    /// <summary>Bytes of the body around the entries (one comma per entry is counted with the entry).</summary>
    public static int Overhead => Head.Length + Tail.Length;

    public static byte[] Join(IReadOnlyList<byte[]> entries)
    {
        var body = new MemoryStream();
        body.Write(Head);
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }
            body.Write(entries[i]);
        }
        body.Write(Tail);
        return body.ToArray();
    }
}
