using System.Net;
using System.Net.Sockets;

namespace Aerie.Node.Tests.Functional;

/// <summary>`aerie node`'s start failures: one line naming the file and the key, exit 2, no stack trace.</summary>
public sealed class NodeRunnerTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-runner-tests", Guid.NewGuid().ToString("N"));

    public NodeRunnerTests() => Directory.CreateDirectory(folder);

    private async Task<(int Code, string Err)> RunAsync(string yaml)
    {
        var path = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(path, yaml);
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await NodeRunner.RunAsync(path, Path.Combine(folder, "data"), stderr, stop: stop.Token);
        return (code, stderr.ToString());
    }

    [Theory]
    [InlineData("api: { port: abc }\n", "api.port: expected a whole number 1-65535, got 'abc'")]
    [InlineData("system: { sftpp: {} }\n", "system.sftpp: unknown key")]
    [InlineData("api: { ssl: { enabled: true, cert: /nonexistent/c.pem, key: /nonexistent/k.pem } }\n", "api.ssl.cert: cannot read /nonexistent/c.pem")]
    [InlineData("system: { process_runtime: { bwrap: /nonexistent/bwrap } }\n",
        "system.process_runtime.bwrap: /nonexistent/bwrap not found: install bubblewrap (apt-get install bubblewrap); or set system.process_runtime.allow_unsandboxed: true")]
    public async Task Run_BadConfig_OneLineExit2(string yaml, string expected)
    {
        var (code, err) = await RunAsync($"token: {Secret}\n" + yaml);
        Assert.Equal(2, code);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"aerie node: {Path.Combine(folder, "config.yml")}: {expected}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PortInUse_OneLineNamingTheKey()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, err) = await RunAsync($"token: {Secret}\napi: {{ host: 127.0.0.1, port: {port} }}\n");
        Assert.Equal(2, code);
        var line = Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"aerie node: {Path.Combine(folder, "config.yml")}: api.host/api.port: cannot listen on 127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
