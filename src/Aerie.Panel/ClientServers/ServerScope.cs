using Aerie.Contracts.Permissions;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.ClientServers;

/// <summary>A <c>{server}</c> the caller may reach, with the caller's effective permissions on it (spec 04 §2.0).</summary>
internal sealed record ServerScope(GameServer Server, Caller Caller, IReadOnlyList<string> Permissions)
{
    public PanelUser User => Caller.User;

    public bool IsOwner => Server.OwnerId == User.Id;

    public bool Can(string permission) => Permission.Grants(Permissions, permission);

    /// <exception cref="PanelProblem">403 when the caller lacks <paramref name="permission"/></exception>
    public ServerScope Require(string permission) => Can(permission) ? this : throw PanelProblem.Unauthorized();

    /// <exception cref="PanelProblem">409 when the server's state refuses everything but its details</exception>
    public ServerScope Usable()
    {
        if (ServerStateGate.Refusal(Server) is { } refusal)
        {
            throw new PanelProblem(409, refusal, Api.ApiErrorCodes.ServerStateConflict);
        }
        return this;
    }
}
