using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.Users;

/// <summary>
/// The Application API's <c>user</c> object (spec 04 §3.1). <c>suspended</c> is Aerie's extra attribute: an
/// administrator can lock an account out (see <see cref="UsersApi"/>), which Pterodactyl cannot.
/// </summary>
internal sealed class UserTransformer : Transformer<PanelUser>
{
    public static readonly UserTransformer Instance = new();

    public override string ObjectName => "user";

    protected override JsonObject Attributes(PanelUser u) => new()
    {
        ["id"] = u.Id,
        ["external_id"] = u.ExternalId,
        ["uuid"] = u.Uuid.ToString(),
        ["username"] = u.Username,
        ["email"] = u.Email,
        ["first_name"] = u.FirstName,
        ["last_name"] = u.LastName,
        ["language"] = u.Language,
        ["root_admin"] = u.Admin,
        ["2fa"] = u.TwoFactorEnabled,
        ["created_at"] = ApiTime.Format(u.CreatedAt),
        ["updated_at"] = ApiTime.Format(u.UpdatedAt),
        ["suspended"] = u.Suspended,
    };
}
