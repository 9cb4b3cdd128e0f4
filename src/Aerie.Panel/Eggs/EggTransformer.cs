using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Application;

namespace Aerie.Panel.Eggs;

/// <summary>The <c>egg</c> object (spec 04 §3.1). <c>docker_image</c> (the first image) is deprecated but WHMCS,
/// Paymenter and jspteroapi read it. The <c>variables</c> include reads <paramref name="variables"/> when loaded.</summary>
internal sealed class EggTransformer(IReadOnlyDictionary<int, List<EggVariable>>? variables = null) : Transformer<Egg>
{
    public override string ObjectName => "egg";

    protected override IReadOnlyList<Relation<Egg>> Relations =>
    [
        new("nest", (e, _) => e.Nest is null ? Fractal.Null() : new NestTransformer().Item(e.Nest)),
        new("variables", (e, _) => variables is null ? Fractal.Null() : Fractal.List((variables.GetValueOrDefault(e.Id) ?? []).Select(Variable))),
    ];

    protected override JsonObject Attributes(Egg e)
    {
        var images = JsonNode.Parse(e.DockerImagesJson) as JsonObject ?? [];
        return new()
        {
            ["id"] = e.Id,
            ["uuid"] = e.Uuid.ToString(),
            ["name"] = e.Name,
            ["nest"] = e.NestId,
            ["author"] = e.Author,
            ["description"] = e.Description,
            ["docker_image"] = images.Select(i => i.Value?.ToString()).FirstOrDefault() ?? "",
            ["docker_images"] = images,
            ["config"] = new JsonObject
            {
                ["files"] = JsonNode.Parse(e.ConfigFilesJson) as JsonObject ?? [],
                ["startup"] = JsonNode.Parse(e.ConfigStartupJson) as JsonObject ?? [],
                ["stop"] = e.ConfigStop,
                ["logs"] = JsonNode.Parse(e.ConfigLogsJson) as JsonObject ?? [],
                ["file_denylist"] = JsonNode.Parse(e.FileDenylistJson) as JsonArray ?? [],
                ["extends"] = e.ConfigFromId,
            },
            ["startup"] = e.Startup,
            ["script"] = new JsonObject
            {
                ["privileged"] = e.ScriptPrivileged,
                ["install"] = e.ScriptInstall,
                ["entry"] = e.ScriptEntry,
                ["container"] = e.ScriptContainer,
                ["extends"] = e.CopyScriptFromId,
            },
            ["created_at"] = WireTime.Of(e.CreatedAt),
            ["updated_at"] = WireTime.Of(e.UpdatedAt),
        };
    }

    public static JsonObject Variable(EggVariable v) => Fractal.Item("egg_variable", new JsonObject
    {
        ["id"] = v.Id,
        ["egg_id"] = v.EggId,
        ["name"] = v.Name,
        ["description"] = v.Description,
        ["env_variable"] = v.EnvVariable,
        ["default_value"] = v.DefaultValue,
        ["user_viewable"] = v.UserViewable,
        ["user_editable"] = v.UserEditable,
        ["rules"] = v.Rules,
        ["created_at"] = WireTime.Of(v.CreatedAt),
        ["updated_at"] = WireTime.Of(v.UpdatedAt),
    });
}
