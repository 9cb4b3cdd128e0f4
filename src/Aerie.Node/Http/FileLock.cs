using Aerie.Contracts.NodeApi;
using Aerie.Node.Servers;

namespace Aerie.Node.Http;

/// <summary>Spec 06 §1 (beyond Wings): while an install or a restore owns the server's folder, the calls that change
/// files are refused with 409 and one of these texts, so a browser never writes under a running installer or restore.</summary>
internal static class FileLock
{
    public static string? Refusal(GameServer server) =>
        server.IsInstalling ? FileApiErrors.Installing : server.IsRestoring ? FileApiErrors.Restoring : null;
}
