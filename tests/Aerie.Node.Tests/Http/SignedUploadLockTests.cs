using System.Net;
using System.Net.Http.Headers;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Tokens;
using Aerie.Node.Tests.Support;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Http;

/// <summary>The upload route and the file routes while an install or a restore owns the server's folder (spec 06 §1,
/// beyond Wings): 409 with the state's text, nothing written; once the lock ends, uploads work again.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SignedUploadLockTests
{
    [Fact]
    public async Task Upload_WhileInstalling_409_NothingWritten()
    {
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await TestNode.StartAsync(c => c.Remote = panel.Url);
        panel.InstallScripts[node.ServerUuid] = new InstallScript("ghcr.io/pterodactyl/installers:debian", "bash", "sleep 30");
        Directory.CreateDirectory(node.Server.WorkingDirectory);
        using (var install = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/install", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, install.StatusCode);
        }
        await Eventually.TrueAsync(() => node.Server.IsInstalling, TimeSpan.FromSeconds(10), "the install to start");

        using var client = Browser(node);
        using var upload = await client.PostAsync(UploadUrl(node), Form("mod.jar"));
        await AssertRefusedAsync(upload, HttpStatusCode.Conflict, FileApiErrors.Installing);
        Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "mod.jar")));
    }

    [Fact]
    public async Task UploadAndWrite_WhileRestoring_409_AndWorkAgainAfter()
    {
        await using var node = await TestNode.StartAsync();
        Directory.CreateDirectory(node.Server.WorkingDirectory);
        using var client = Browser(node);
        Assert.True(await node.Server.BeginRestoreAsync(TimeSpan.FromSeconds(5)));
        try
        {
            using var upload = await client.PostAsync(UploadUrl(node), Form("mod.jar"));
            await AssertRefusedAsync(upload, HttpStatusCode.Conflict, FileApiErrors.Restoring);
            using var write = await WriteAsync(node, "a.txt", "x");
            await AssertErrorAsync(write, HttpStatusCode.Conflict, FileApiErrors.Restoring);
            Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "mod.jar")));
            Assert.False(File.Exists(Path.Combine(node.Server.WorkingDirectory, "a.txt")));
        }
        finally
        {
            node.Server.EndRestore();
        }
        using var after = await client.PostAsync(UploadUrl(node), Form("mod.jar"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(node.Server.WorkingDirectory, "mod.jar")));
    }

    /// <summary>The signed routes answer <c>{"error"}</c> without a request id (spec 06 §6).</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
    }

    private static HttpClient Browser(TestNode node) => new() { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    private static string UploadUrl(TestNode node) =>
        "/upload/file?token=" + node.Tokens.MintSignedUrl(node.ServerUuid, SignedUrlClaims.FileUploadScope) + "&directory=%2F";

    private static MultipartFormDataContent Form(string name)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent([1, 2, 3]);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "files", name);
        return form;
    }
}
