using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Each server's user: <c>uid_base + hash(uuid) mod uid_count</c>, the same on every start and every
/// node, with nothing to store. Two servers may share a user (a collision); they still see only their own
/// folders and processes, and share only the per-user process limit.</summary>
internal static class SandboxUsers
{
    public static SandboxUser For(string serverUuid, long uidBase, long uidCount)
    {
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(serverUuid.ToLowerInvariant())));
        var uid = uidBase + (long)(hash % (ulong)Math.Max(1, uidCount));
        return new SandboxUser(uid, uid);
    }
}
