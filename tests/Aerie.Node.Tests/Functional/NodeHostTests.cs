using System.Net.WebSockets;
using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Environments.Docker;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Node.Tests.Functional;

public sealed class NodeHostTests
{
    /// <summary>The docker runtime is in this build: <c>runtime: docker</c> picks its factory (no engine needed to build).</summary>
    [Fact]
    public async Task Build_DockerRuntime_UsesDockerFactory()
    {
        var config = TestNode.NewConfig(c => c.Runtime = "docker");
        await using var app = NodeHost.Build(config);
        Assert.IsType<DockerEnvironmentFactory>(app.Services.GetRequiredService<IEnvironmentFactory>());
    }

    [Fact]
    public void Build_RuntimeWithoutFactory_RefusedWithClearMessage()
    {
        // A host that leaves the runtime's factory out must fail at start, naming the runtime.
        var config = TestNode.NewConfig(c => c.Runtime = "docker");
        var error = Assert.Throws<NodeConfigException>(() => NodeHost.Build(config, s => s.RemoveAll<IEnvironmentFactory>()));
        Assert.Equal("runtime docker is not available in this build", error.Message);
    }

    [Fact]
    public async Task Stop_OpenConsole_ClosedGoingAwayDaemonStopping()
    {
        var node = await TestNode.StartAsync();
        await using var console = await node.ConsoleAsync();

        var stopping = node.DisposeAsync().AsTask();
        var (status, reason) = await console.WaitForCloseAsync();
        await stopping;

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal(SocketCloseCodes.DaemonStoppingReason, reason);
    }

    [Fact]
    public async Task Build_DockerRuntimeWithFactory_Runs()
    {
        var config = TestNode.NewConfig(c => c.Runtime = "docker");
        await using var app = NodeHost.Build(config, s => s.AddSingleton<IEnvironmentFactory>(new LocalProcessEnvironmentFactory(ProcessSandbox.Resolve(config), TimeProvider.System, NullLoggerFactory.Instance)));
        await app.StartAsync();
        Assert.StartsWith("http://127.0.0.1:", app.Urls.First(), StringComparison.Ordinal);
        await app.StopAsync();
        Directory.Delete(config.System.Data, recursive: true);
    }
}
