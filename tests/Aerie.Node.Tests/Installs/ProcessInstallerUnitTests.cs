using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Installs;

/// <summary>The process runtime's install pieces on their own: no sandbox, no install; the command check; interpreters.</summary>
public sealed class ProcessInstallerUnitTests
{
    [Fact]
    public async Task NoNamespaceSandbox_FailsWithoutRunning()
    {
        var folder = Path.Combine(Path.GetTempPath(), "aerie-install-unit", Guid.NewGuid().ToString("N"));
        var installer = new ProcessInstaller(new ProcessSandbox(null, new ProcessRuntimeConfig(), "unsandboxed"), TimeProvider.System);
        var lines = new List<string>();
        var request = new InstallRequest(Guid.NewGuid().ToString(), folder, false, new InstallScript("img", "bash", "touch /tmp/x"), folder + "-script",
            new Dictionary<string, string>(), 0, 0, 0, lines.Add);
        var outcome = await installer.InstallAsync(request, CancellationToken.None);
        Assert.Equal(InstallOutcome.Failed(ProcessInstaller.NoSandbox), outcome);
        Assert.Equal("install requires mount namespaces on this node", outcome.Failure);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void MissingCommands_ListedInWatchOrder_WholeWordsOnly()
    {
        const string script = "apt install -y wget\nstart_server\ngit clone x\ncurl -o a.tar.gz https://github.com/x | jq .\nunzip a.zip";
        var missing = ScriptCommands.Missing(script, c => c is "curl" or "tar");
        Assert.Equal(["jq", "unzip", "wget", "git"], missing);
        // "start", "github" and "a.tar.gz" name no command.
        Assert.Empty(ScriptCommands.Missing("start github.com a.tar.gz", _ => false));
    }

    [Theory]
    [InlineData("bash", "/bin/bash")]
    [InlineData("/bin/bash", "/bin/bash")]
    [InlineData("ash", "/bin/sh")]
    [InlineData("/bin/ash", "/bin/sh")]
    [InlineData("sh", "/bin/sh")]
    [InlineData("python3", null)]
    public void Interpreter_ForEntrypoint(string entrypoint, string? expected) => Assert.Equal(expected, InstallInterpreter.For(entrypoint));
}
