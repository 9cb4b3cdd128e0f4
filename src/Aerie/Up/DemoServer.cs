using System.Text.Json;
using Aerie.Panel.Servers;

namespace Aerie.Up;

/// <summary>The demo server's definition (docs/demo-game.md): the game's path reaches the shell only as a variable.</summary>
internal static class DemoServer
{
    public const string GameVariable = "DEMO_GAME";

    public static ServerRequest Request(Guid ownerUuid, int nodeId) => new(
        Name: UpProvisioner.DemoServerName,
        Description: "The demo game, created by aerie up",
        OwnerUuid: ownerUuid,
        NodeId: nodeId,
        Invocation: "exec \"{{" + GameVariable + "}}\"",
        Environment: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [GameVariable] = DemoGameLocator.ExePath(),
            ["DOTNET_ROOT"] = DemoGameLocator.DotnetRoot(),
            ["DEMO_MEMORY_MB"] = "32",
            ["DEMO_PLAYERS"] = "alex,steve",
            ["DEMO_STATUS_INTERVAL_S"] = "30",
        },
        Done: ["Done ("],
        StopType: "command",
        StopValue: "stop",
        MemoryMb: 512,
        CpuPercent: 100,
        DiskMb: 1024);

    /// <summary>True when the stored environment has every variable of the request with the same value.</summary>
    public static bool SameEnvironment(string storedJson, ServerRequest request)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(storedJson) ?? [];
        return request.Environment is { } wanted && wanted.Count == stored.Count
            && wanted.All(kv => stored.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }
}
