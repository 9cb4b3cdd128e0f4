using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Environments.LocalProcess;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Node.Tests.Functional;

public sealed class NodeHostTests
{
    [Fact]
    public void Build_DockerRuntimeWithoutFactory_RefusedWithClearMessage()
    {
        var config = TestNode.NewConfig(c => c.Runtime = "docker");
        var error = Assert.Throws<NodeConfigException>(() => NodeHost.Build(config));
        Assert.Equal("runtime docker is not available in this build", error.Message);
    }

    [Fact]
    public async Task Build_DockerRuntimeWithFactory_Runs()
    {
        var config = TestNode.NewConfig(c => c.Runtime = "docker");
        await using var app = NodeHost.Build(config, s => s.AddSingleton<IEnvironmentFactory>(new LocalProcessEnvironmentFactory(TimeProvider.System, NullLoggerFactory.Instance)));
        await app.StartAsync();
        Assert.StartsWith("http://127.0.0.1:", app.Urls.First(), StringComparison.Ordinal);
        await app.StopAsync();
        Directory.Delete(config.System.Data, recursive: true);
    }
}
