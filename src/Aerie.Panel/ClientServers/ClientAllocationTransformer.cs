using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;

namespace Aerie.Panel.ClientServers;

/// <summary>The client API's <c>allocation</c> object (spec 04 §2.1); <paramref name="primaryId"/> marks <c>is_default</c>.</summary>
internal sealed class ClientAllocationTransformer(int? primaryId, bool showNotes = true) : Transformer<Allocation>
{
    public override string ObjectName => "allocation";

    protected override JsonObject Attributes(Allocation a) => new()
    {
        ["id"] = a.Id,
        ["ip"] = a.Ip,
        ["ip_alias"] = a.Alias,
        ["port"] = a.Port,
        ["notes"] = showNotes ? a.Notes : null,
        ["is_default"] = a.Id == primaryId,
    };
}
