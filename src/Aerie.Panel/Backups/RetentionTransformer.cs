using System.Text.Json.Nodes;
using Aerie.Panel.Api;

namespace Aerie.Panel.Backups;

/// <summary>The <c>backup_retention</c> object of the retention routes (spec 07 §9's JSON as attributes).</summary>
internal sealed class RetentionTransformer : Transformer<RetentionPolicy>
{
    public static readonly RetentionTransformer Instance = new();

    public override string ObjectName => "backup_retention";

    protected override JsonObject Attributes(RetentionPolicy p) => JsonNode.Parse(p.Write())!.AsObject();
}
