namespace Aerie.Node.Files;

/// <summary>An open handle on a folder inside a server root, and the name of the entry in it a call acts on
/// (empty: the folder itself, which is then the root). <see cref="Components"/> is the path walked, links resolved.</summary>
internal sealed class Located(int folder, string name, IReadOnlyList<string> components) : IDisposable
{
    public int Folder { get; } = folder;

    public string Name { get; } = name;

    public IReadOnlyList<string> Components { get; } = components;

    /// <summary>The path from the server root, links resolved (what the denylist is matched against).</summary>
    public string Path => ConfinedPath.Join(Components);

    public bool IsRoot => Name.Length == 0;

    public void Dispose() => _ = NativeFiles.Close(Folder);
}
