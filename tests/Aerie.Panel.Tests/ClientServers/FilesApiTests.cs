using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary>The client file routes (spec 04 §2.7) forwarded to the real test node, with their permissions, the edit
/// size rule, the signed node URLs (spec 06 §6) and the activity entries.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class FilesApiTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";
    private const string NodePublic = "https://node.example.com:8080";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private string RootOf(GameServer server)
    {
        var root = Fixture.Node.ServerOf(server.Uuid).WorkingDirectory;
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>The node's public address in a signed URL is fictional: the same path and query against the real node.</summary>
    private string OnRealNode(string signed)
    {
        Assert.StartsWith(NodePublic + "/", signed, StringComparison.Ordinal);
        return Fixture.Node.Url + signed[NodePublic.Length..];
    }

    private static async Task<string> SignedUrlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("signed_url", doc.RootElement.GetProperty("object").GetString());
        return doc.RootElement.GetProperty("attributes").GetProperty("url").GetString()!;
    }

    [Fact]
    public async Task Files_WriteListReadRename_ForwardedToTheNode()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var root = RootOf(server);
        using var client = await ClientOfAsync(owner);
        var files = $"/api/client/servers/{server.Identifier}/files";

        // Any or no Content-Type; the path may carry doubled slashes.
        using (var write = await client.PostAsync($"{files}/write?file=%2F%2Fnotes/a.txt", new StringContent("hello", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        }
        using (var bare = new ByteArrayContent("second"u8.ToArray()))
        using (var write = await client.PostAsync($"{files}/write?file=/notes/b.txt", bare))
        {
            Assert.Equal(HttpStatusCode.NoContent, write.StatusCode);
        }
        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(root, "notes", "a.txt")));

        using (var doc = JsonDocument.Parse(await client.GetStringAsync($"{files}/list?directory=/notes")))
        {
            Assert.Equal("list", doc.RootElement.GetProperty("object").GetString());
            var items = doc.RootElement.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(["a.txt", "b.txt"], items.Select(i => i.GetProperty("attributes").GetProperty("name").GetString()));
            var a = items[0];
            Assert.Equal("file_object", a.GetProperty("object").GetString());
            var attributes = a.GetProperty("attributes");
            Assert.Equal("644", attributes.GetProperty("mode_bits").GetString());
            Assert.Equal("-rw-r--r--", attributes.GetProperty("mode").GetString());
            Assert.Equal(5, attributes.GetProperty("size").GetInt64());
            Assert.True(attributes.GetProperty("is_file").GetBoolean());
            Assert.False(attributes.GetProperty("is_symlink").GetBoolean());
            Assert.StartsWith("text/plain", attributes.GetProperty("mimetype").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("+00:00", attributes.GetProperty("modified_at").GetString(), StringComparison.Ordinal);
        }
        using (var contents = await client.GetAsync($"{files}/contents?file=/notes/a.txt"))
        {
            Assert.Equal(HttpStatusCode.OK, contents.StatusCode);
            Assert.Equal("text/plain", contents.Content.Headers.ContentType?.MediaType);
            Assert.Equal("hello", await contents.Content.ReadAsStringAsync());
        }
        using (var rename = await client.PutAsync($"{files}/rename", Json("""{"root":"/notes","files":[{"from":"a.txt","to":"moved/a.txt"}]}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, rename.StatusCode);
        }
        Assert.True(File.Exists(Path.Combine(root, "notes", "moved", "a.txt")));
        // The node's refusal keeps its status and carries its text.
        var errors = await ApiErrorAssert.AssertAsync(await client.PutAsync($"{files}/rename", Json("""{"root":"/notes","files":[{"from":"b.txt","to":"moved/a.txt"}]}""")), 400, null);
        Assert.StartsWith("An error occurred on the remote host: Cannot move or rename file, destination already exists.", errors[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"{files}/contents?file=/missing.txt"), 404, null);
        Assert.Equal([("files", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync($"{files}/rename", Json("""{"root":"/"}"""))));

        using (var copy = await client.PostAsync($"{files}/copy", Json("""{"location":"/notes/b.txt"}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, copy.StatusCode);
        }
        Assert.True(File.Exists(Path.Combine(root, "notes", "b copy.txt")));
        using (var folder = await client.PostAsync($"{files}/create-folder", Json("""{"root":"/notes","name":"new "}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, folder.StatusCode);
        }
        // Not trimmed: a trailing space is part of the name.
        Assert.True(Directory.Exists(Path.Combine(root, "notes", "new ")));
        using (var chmod = await client.PostAsync($"{files}/chmod", Json("""{"root":"/notes","files":[{"file":"b.txt","mode":600}]}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, chmod.StatusCode);
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "notes", "b.txt")));
        using (var delete = await client.PostAsync($"{files}/delete", Json("""{"root":"/notes","files":["b copy.txt","moved"]}""")))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        Assert.False(Directory.Exists(Path.Combine(root, "notes", "moved")));

        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 7);
        foreach (var name in new[] { "server:file.write", "server:file.read", "server:file.rename", "server:file.copy", "server:file.create-directory", "server:file.delete" })
        {
            Assert.Contains(rows, r => r.Event == name && r.UserUuid == owner.Uuid);
        }
        Assert.Contains(rows, r => r.Event == "server:file.rename" && r.MetadataJson.Contains("moved/a.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_Permissions_EachRouteChecksItsOwn()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var (creator, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await File.WriteAllTextAsync(Path.Combine(RootOf(server), "a.txt"), "a");
        await Fixture.AddSubuserAsync(server, reader, "file.read");
        await Fixture.AddSubuserAsync(server, creator, "file.read", "file.read-content", "file.create");
        using var readerClient = await ClientOfAsync(reader);
        using var creatorClient = await ClientOfAsync(creator);
        using var strangerClient = await ClientOfAsync(stranger);
        var files = $"/api/client/servers/{server.Identifier}/files";

        Assert.Equal(HttpStatusCode.OK, (await readerClient.GetAsync($"{files}/list")).StatusCode);
        await ApiErrorAssert.AssertAsync(await readerClient.GetAsync($"{files}/contents?file=a.txt"), 403, Unauthorized, "AccessDeniedHttpException");
        await ApiErrorAssert.AssertAsync(await readerClient.GetAsync($"{files}/download?file=a.txt"), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.GetAsync($"{files}/upload"), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await readerClient.PostAsync($"{files}/write?file=a.txt", new StringContent("x")), 403, Unauthorized);
        // Without file.update: no rename or chmod, even with file.create.
        await ApiErrorAssert.AssertAsync(await creatorClient.PutAsync($"{files}/rename", Json("""{"root":"/","files":[{"from":"a.txt","to":"b.txt"}]}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await creatorClient.PostAsync($"{files}/chmod", Json("""{"root":"/","files":[{"file":"a.txt","mode":777}]}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await creatorClient.PostAsync($"{files}/delete", Json("""{"root":"/","files":["a.txt"]}""")), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await creatorClient.PostAsync($"{files}/compress", Json("""{"root":"/","files":["a.txt"]}""")), 403, Unauthorized);
        Assert.True(File.Exists(Path.Combine(RootOf(server), "a.txt")));
        Assert.Equal(HttpStatusCode.NoContent, (await creatorClient.PostAsync($"{files}/create-folder", Json("""{"name":"made"}"""))).StatusCode);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync($"{files}/list"), 404, "The requested resource does not exist on this server.");
        // The server's state comes before the permission.
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Suspended = true);
        await ApiErrorAssert.AssertAsync(await readerClient.GetAsync($"{files}/list"), 409,
            "This server is currently suspended and the functionality requested is unavailable.", "ServerStateConflictException");
    }

    [Fact]
    public async Task Contents_OverEditSize_RefusedByTheNodesLength()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await File.WriteAllBytesAsync(Path.Combine(RootOf(server), "big.log"), new byte[(4 * 1024 * 1024) + 1]);
        await File.WriteAllBytesAsync(Path.Combine(RootOf(server), "fits.log"), new byte[4 * 1024 * 1024]);
        using var client = await ClientOfAsync(owner);
        var files = $"/api/client/servers/{server.Identifier}/files";
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"{files}/contents?file=big.log"), 400,
            "The file you are attempting to open is too large to view in the file editor.", "FileSizeTooLargeException");
        using var fits = await client.GetAsync($"{files}/contents?file=fits.log");
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(4 * 1024 * 1024, (await fits.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task DownloadAndUpload_SignedNodeUrls_BytesStraightToTheNode()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var root = RootOf(server);
        await File.WriteAllTextAsync(Path.Combine(root, "config.yml"), "motd: hi");
        using var client = await ClientOfAsync(owner);
        var files = $"/api/client/servers/{server.Identifier}/files";

        var download = await SignedUrlAsync(await client.GetAsync($"{files}/download?file=%2Fconfig.yml"));
        Assert.StartsWith($"{NodePublic}/download/file?token=", download, StringComparison.Ordinal);
        var jwt = new JsonWebToken(download[(download.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.Equal("HS256", jwt.Alg);
        Assert.True(jwt.TryGetHeaderValue<string>("jti", out var headerJti) && headerJti == jwt.Id);
        Assert.Equal("file-download", jwt.GetClaim("scope").Value);
        Assert.Equal("/config.yml", jwt.GetClaim("file_path").Value);
        Assert.Equal(server.Uuid.ToString(), jwt.GetClaim("server_uuid").Value);
        Assert.Equal(owner.Uuid.ToString(), jwt.GetClaim("user_uuid").Value);
        Assert.False(string.IsNullOrEmpty(jwt.GetClaim("unique_id").Value));
        Assert.Equal(900, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        using var browser = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal("motd: hi", await browser.GetStringAsync(OnRealNode(download)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(OnRealNode(download))).StatusCode);

        var upload = await SignedUrlAsync(await client.GetAsync($"{files}/upload?directory=/uploads"));
        Assert.StartsWith($"{NodePublic}/upload/file?token=", upload, StringComparison.Ordinal);
        Assert.EndsWith("&directory=%2Fuploads", upload, StringComparison.Ordinal);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("one"u8.ToArray()), "files", "one.txt");
        form.Add(new ByteArrayContent("two"u8.ToArray()), "files", "two.txt");
        using (var sent = await browser.PostAsync(OnRealNode(upload), form))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }
        Assert.Equal("one", await File.ReadAllTextAsync(Path.Combine(root, "uploads", "one.txt")));
        Assert.Equal("two", await File.ReadAllTextAsync(Path.Combine(root, "uploads", "two.txt")));
        // The node reports the uploads; the panel logged the download.
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 3);
        Assert.Contains(rows, r => r.Event == "server:file.download" && r.UserUuid == owner.Uuid);
        Assert.Contains(rows, r => r.Event == "server:file.uploaded" && r.UserUuid == owner.Uuid);
    }

    [Fact]
    public async Task Pull_TenPerFiveMinutes_ThenThrottled()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/files/pull";
        Assert.Equal([("url", "url")], await ApiErrorAssert.AssertValidationAsync(await client.PostAsync(path, Json("""{"url":"ftp://example.com/x"}"""))));
        for (var i = 0; i < 10; i++)
        {
            using var pulled = await client.PostAsync(path, Json("""{"url":"http://127.0.0.1:1/file.zip","directory":"/"}"""));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, pulled.StatusCode);
        }
        using var throttled = await client.PostAsync(path, Json("""{"url":"http://127.0.0.1:1/file.zip"}"""));
        await ApiErrorAssert.AssertAsync(throttled, 429, "Too Many Attempts.", "ThrottleRequestsException");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FilesApiSqliteTests(SqlitePanelFixture f) : FilesApiTests(f), IClassFixture<SqlitePanelFixture>;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FilesApiPostgresTests(PostgresPanelFixture f) : FilesApiTests(f), IClassFixture<PostgresPanelFixture>;
