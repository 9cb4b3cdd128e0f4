namespace Aerie.Node.Tests;

/// <summary>`aerie node` re-executes itself once with the node's GC settings; nothing else does.</summary>
public sealed class NodeRuntimeSettingsTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin", ["HOME"] = "/root" };

    [Fact]
    public void Exec_NodeUnderTheMuxer_KeepsTheEntryAssemblyArgumentsAndEnvironmentAndAddsTheGen0Budget()
    {
        var exec = NodeRuntimeSettings.Exec(["node", "--config", "/etc/aerie/node.yml"], "/usr/share/dotnet/dotnet", "/opt/aerie/aerie.dll", Environment);

        Assert.NotNull(exec);
        Assert.Equal(new[] { "/usr/share/dotnet/dotnet", "/opt/aerie/aerie.dll", "node", "--config", "/etc/aerie/node.yml" }, exec.Value.Argv);
        Assert.Equal(new[] { "PATH=/usr/bin", "HOME=/root", "DOTNET_GCgen0size=0x400000" }, exec.Value.Environment);
    }

    [Fact]
    public void Exec_NodeUnderTheApphost_RunsTheApphostItself()
    {
        var exec = NodeRuntimeSettings.Exec(["node"], "/opt/aerie/aerie", "/opt/aerie/aerie.dll", Environment);

        Assert.Equal(new[] { "/opt/aerie/aerie", "node" }, exec!.Value.Argv);
    }

    [Theory]
    [InlineData("panel")]
    [InlineData("up")]
    [InlineData("version")]
    public void Exec_OtherCommands_None(string command) =>
        Assert.Null(NodeRuntimeSettings.Exec([command], "/usr/share/dotnet/dotnet", "/opt/aerie/aerie.dll", Environment));

    [Fact]
    public void Exec_NoArguments_None() =>
        Assert.Null(NodeRuntimeSettings.Exec([], "/usr/share/dotnet/dotnet", "/opt/aerie/aerie.dll", Environment));

    [Fact]
    public void Exec_VariableAlreadySet_None()
    {
        // The operator's own value, or the one the exec itself set: at most one exec.
        var set = new Dictionary<string, string>(Environment) { [NodeRuntimeSettings.Variable] = "0x1000000" };

        Assert.Null(NodeRuntimeSettings.Exec(["node"], "/usr/share/dotnet/dotnet", "/opt/aerie/aerie.dll", set));
    }
}
