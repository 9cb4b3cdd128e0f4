namespace Aerie.DemoGame;

/// <summary>Holds touched memory so a node's stats show a resident set that is clearly not zero.</summary>
internal sealed class MemoryBallast
{
    private const int Mb = 1024 * 1024;
    private readonly List<byte[]> blocks = [];

    public int HeldMb => blocks.Count;

    public void Hold(int megabytes)
    {
        for (var i = 0; i < megabytes; i++)
        {
            var block = GC.AllocateUninitializedArray<byte>(Mb);
            // Writing one byte per page makes the OS actually commit it (RSS, not just address space).
            for (var p = 0; p < Mb; p += 4096)
            {
                block[p] = 1;
            }
            blocks.Add(block);
        }
    }
}
