namespace Aerie.Node.Http;

/// <summary>Endpoint metadata of a file route that changes files: refused while the server installs or restores a backup (spec 06 §1).
/// Routes add it with <c>.WithMetadata(FileRoute.Mutating)</c>.</summary>
internal sealed class FileRoute
{
    public static readonly FileRoute Mutating = new();

    private FileRoute()
    {
    }
}
