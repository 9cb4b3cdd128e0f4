using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Socket;

namespace Aerie.Browser.Tests;

/// <summary>The real <c>aerie up</c> process: the banner, a signal stopping the games, one-line start-up errors.</summary>
[Collection("up")]
public sealed partial class UpCommandTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string data = Path.Combine(Path.GetTempPath(), "aerie-up-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Up_Signal_StopsTheRunningGameAndExitsZero(string signal)
    {
        using var up = AerieProcess.Start("up", "--data", data, "--panel-port", "0", "--node-port", "0");
        await Eventually.TrueAsync(() => up.Stdout.Contains("Ctrl-C stops everything", StringComparison.Ordinal), Wait, "the banner; stderr: " + up.Stderr);
        var urls = Banner().Match(up.Stdout);
        var password = GeneratedPassword().Match(up.Stdout);
        Assert.True(urls.Success && password.Success, up.Stdout);
        using (await PanelSession.LoginAsync(urls.Groups[1].Value, "admin", password.Groups[1].Value))
        {
            // the printed password logs in
        }

        var serverUuid = await DemoServerUuidAsync();
        using var node = new HttpClient { BaseAddress = new Uri(urls.Groups[2].Value), Timeout = TimeSpan.FromSeconds(10) };
        node.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NodeToken().Match(await File.ReadAllTextAsync(Path.Combine(data, "node.yml"))).Groups[1].Value);
        using (var start = await node.PostAsync(new Uri($"/api/servers/{serverUuid}/power", UriKind.Relative), new StringContent("""{"action":"start"}""", null, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await WaitForRunningAsync(node, serverUuid);
        Assert.NotEmpty(ProcessScan.WorkingUnder(Path.Combine(data, "node", serverUuid)));

        await up.SignalAsync(signal);
        Assert.Equal(0, await up.WaitForExitAsync(Wait));
        Assert.Contains("aerie up: stopped", up.Stdout, StringComparison.Ordinal);
        Assert.Empty(ProcessScan.WorkingUnder(data));
        Assert.DoesNotContain("   at ", up.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_PanelPortInUse_OneLineAndExitOne()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var up = AerieProcess.Start("up", "--data", data, "--panel-port", port, "--node-port", "0");
        Assert.Equal(1, await up.WaitForExitAsync(Wait));
        var line = Assert.Single(up.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains("--panel-port", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_DataFolderNotCreatable_OneLineAndExitOne()
    {
        Directory.CreateDirectory(data);
        var file = Path.Combine(data, "a-file");
        await File.WriteAllTextAsync(file, "");
        using var up = AerieProcess.Start("up", "--data", Path.Combine(file, "sub"), "--panel-port", "0", "--node-port", "0");
        Assert.Equal(1, await up.WaitForExitAsync(Wait));
        var line = Assert.Single(up.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("data folder", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_UnknownOption_UsageAndExitTwo()
    {
        using var up = AerieProcess.Start("up", "--bogus=1");
        Assert.Equal(2, await up.WaitForExitAsync(Wait));
        var line = Assert.Single(up.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown option '--bogus'", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The demo server's folder appears once the node has it (its name is the server's UUID).</summary>
    private async Task<string> DemoServerUuidAsync()
    {
        string? uuid = null;
        await Eventually.TrueAsync(() =>
        {
            uuid = Directory.Exists(Path.Combine(data, "node"))
                ? Directory.EnumerateDirectories(Path.Combine(data, "node")).Select(Path.GetFileName).FirstOrDefault(n => Guid.TryParse(n, out _))
                : null;
            return uuid is not null;
        }, Wait, "the demo server's folder on the node");
        return uuid!;
    }

    private static async Task WaitForRunningAsync(HttpClient node, string serverUuid) =>
        await Eventually.ValueAsync(
            async () => JsonDocument.Parse(await node.GetStringAsync(new Uri($"/api/servers/{serverUuid}", UriKind.Relative))).RootElement.GetProperty("state").GetString(),
            state => state == ServerStates.Running, "the demo server to reach running", Wait, TimeSpan.FromMilliseconds(200), state => $"state {state}");

    [GeneratedRegex(@"Panel: (\S+)\s+Node: (\S+)")]
    private static partial Regex Banner();

    [GeneratedRegex(@"password: (\S+)\s+\(generated")]
    private static partial Regex GeneratedPassword();

    [GeneratedRegex(@"^token: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex NodeToken();
}
