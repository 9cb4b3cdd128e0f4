using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class NodeApiTests
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/servers/{0}" },
        { "DELETE", "/api/servers/{0}" },
        { "POST", "/api/servers/{0}/sync" },
        { "POST", "/api/servers/{0}/power" },
        { "POST", "/api/servers/{0}/commands" },
        { "GET", "/api/servers/{0}/logs" },
        { "POST", "/api/servers/{0}/ws/deny" },
        { "POST", "/api/servers/{0}/install" },
        { "POST", "/api/servers/{0}/reinstall" },
    };

    private static HttpRequestMessage Request(string method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET" && method != "DELETE")
        {
            request.Content = JsonContent.Create(body ?? new { action = "start", commands = new[] { "x" }, jtis = new[] { "x" } });
        }
        return request;
    }

    [Fact]
    public async Task Auth_MissingHeader_401WithExactError()
    {
        await using var node = await TestNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        using var response = await http.GetAsync("/api/system");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"{{\"error\":\"{NodeApiErrors.MissingAuth}\"}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Basic Zm9vOmJhcg==")]
    [InlineData("Bearer " + TestNode.DefaultSecret + "x")]
    public async Task Auth_WrongToken_403WithExactError(string header)
    {
        await using var node = await TestNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        using var response = await http.GetAsync("/api/servers");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal($"{{\"error\":\"{NodeApiErrors.Forbidden}\"}}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_UnknownServer_404WithExactError(string method, string template)
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Http.SendAsync(Request(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Guid.NewGuid())));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"{{\"error\":\"{NodeApiErrors.NotFound}\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task System_ReturnsNodeFacts()
    {
        await using var node = await TestNode.StartAsync();
        var info = await node.Http.GetFromJsonAsync<SystemInfo>("/api/system");
        Assert.Equal("linux", info!.Os);
        Assert.True(info.CpuCount > 0);
        Assert.False(string.IsNullOrEmpty(info.KernelVersion));
        Assert.False(string.IsNullOrEmpty(info.Architecture));
    }

    [Fact]
    public async Task Servers_ListAndDetails()
    {
        await using var node = await TestNode.StartAsync(c => c.Servers.Add(TestNode.NewServer(s => s.Suspended = true)));
        using var list = JsonDocument.Parse(await node.Http.GetStringAsync("/api/servers"));
        Assert.Equal(2, list.RootElement.GetArrayLength());
        using var details = JsonDocument.Parse(await node.Http.GetStringAsync($"/api/servers/{node.ServerUuid}"));
        var root = details.RootElement;
        Assert.Equal(ServerStates.Offline, root.GetProperty("state").GetString());
        Assert.False(root.GetProperty("is_suspended").GetBoolean());
        Assert.Equal(0, root.GetProperty("utilization").GetProperty("memory_bytes").GetInt64());
        Assert.Equal(node.ServerUuid, root.GetProperty("configuration").GetProperty("uuid").GetString());
        var suspended = node.Config.Servers[1].Uuid;
        using var second = JsonDocument.Parse(await node.Http.GetStringAsync($"/api/servers/{suspended}"));
        Assert.True(second.RootElement.GetProperty("is_suspended").GetBoolean());
    }

    [Fact]
    public async Task Power_Start202_ThenCommands204_LogsShowOutput_Kill()
    {
        await using var node = await TestNode.StartAsync();
        using (var offline = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/commands", new CommandsRequest(["hi"])))
        {
            Assert.Equal(HttpStatusCode.BadGateway, offline.StatusCode);
            Assert.Equal(NodeApiErrors.CommandsOffline, (await offline.Content.ReadFromJsonAsync<NodeError>())!.Error);
        }
        using (var start = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new PowerRequest("start")))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await Eventually.TrueAsync(() => node.Server.State == ServerStates.Running, what: "running");
        using (var commands = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/commands", new CommandsRequest(["alpha", "beta"])))
        {
            Assert.Equal(HttpStatusCode.NoContent, commands.StatusCode);
        }
        await Eventually.TrueAsync(() => node.Server.History.Last(1)[0] == "echo: beta", what: "echo");
        var logs = await node.Http.GetFromJsonAsync<LogsResponse>($"/api/servers/{node.ServerUuid}/logs?size=2");
        Assert.Equal(["echo: alpha", "echo: beta"], logs!.Data);
        var all = await node.Http.GetFromJsonAsync<LogsResponse>($"/api/servers/{node.ServerUuid}/logs?size=5000");
        Assert.Equal(4, all!.Data.Count);
        using (var kill = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new PowerRequest("kill")))
        {
            Assert.Equal(HttpStatusCode.Accepted, kill.StatusCode);
        }
        await Eventually.TrueAsync(() => node.Server.State == ServerStates.Offline, what: "offline");
    }

    [Fact]
    public async Task Power_UnknownAction_422()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/power", new PowerRequest("explode"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Logs_DefaultSize_AtMost100()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.RunningConsoleAsync();
        await client.SendAsync(SocketEvents.SendCommand, "flood 300");
        await client.WaitForConsoleAsync("flood 300");
        var logs = await node.Http.GetFromJsonAsync<LogsResponse>($"/api/servers/{node.ServerUuid}/logs");
        Assert.Equal(100, logs!.Data.Count);
        Assert.Equal("flood 300", logs.Data[^1]);
    }

    [Fact]
    public async Task Reinstall_Accepted()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/reinstall", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task WebSocketRoute_NeedsNoAuthorizationHeader()
    {
        await using var node = await TestNode.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseUri };
        using var response = await http.GetAsync($"/api/servers/{node.ServerUuid}/ws");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
