using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Eggs.BuiltIn;
using Aerie.Panel.Eggs.Transfer;
using Aerie.Panel.Servers;

namespace Aerie.Up;

/// <summary>The demo server's definition (docs/demo-game.md), made from the built-in template "Aerie demo game"
/// (templates/aerie-demo-game.yaml): its startup, image, done marker, stop and variable defaults, with the two
/// variables that follow the machine (the game's path, the .NET it runs on) set to this build's. The game's path
/// reaches the shell only as a variable.</summary>
internal static class DemoServer
{
    public const string GameVariable = "DEMO_GAME";
    public const string DotnetVariable = "DOTNET_ROOT";

    /// <summary>Room for a few backups, so a new user can try backups and their rotation on the demo (0 would refuse every one).</summary>
    public const int BackupLimit = 3;

    public static EggTemplate Template() => BuiltInTemplates.Template(BuiltInTemplates.DemoGameUuid);

    public static ServerRequest Request(Guid ownerUuid, int nodeId)
    {
        var template = Template();
        var egg = template.Egg;
        var environment = template.Variables.ToDictionary(v => v.EnvVariable, v => v.DefaultValue, StringComparer.Ordinal);
        environment[GameVariable] = DemoGameLocator.ExePath();
        environment[DotnetVariable] = DemoGameLocator.DotnetRoot();
        var stop = EggProcessConfigurations.Stop(egg.ConfigStop);
        return new ServerRequest(
            Name: UpProvisioner.DemoServerName,
            Description: "The demo game, created by aerie up from the built-in template \"" + egg.Name + "\"",
            OwnerUuid: ownerUuid,
            NodeId: nodeId,
            Invocation: egg.Startup,
            Environment: environment,
            Done: [.. EggProcessConfigurations.Startup(egg.ConfigStartupJson).Done],
            StopType: stop.Type,
            StopValue: stop.Value,
            MemoryMb: 512,
            CpuPercent: 100,
            DiskMb: 1024,
            Image: JsonNode.Parse(egg.DockerImagesJson)!.AsObject().Select(kv => kv.Value!.GetValue<string>()).First(),
            BackupLimit: BackupLimit);
    }

    /// <summary>True when the stored environment has every variable of the request with the same value.</summary>
    public static bool SameEnvironment(string storedJson, ServerRequest request)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(storedJson) ?? [];
        return request.Environment is { } wanted && wanted.Count == stored.Count
            && wanted.All(kv => stored.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
