using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Tokens;
using Aerie.Node.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Tests.Http;

/// <summary><c>/download/file</c> and <c>/upload/file</c> (spec 06 §6) on a real node: the token refusals all 404 with
/// the one text, the file rules, and the upload's streaming limits.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SignedFileRoutesTests
{
    private const string NotFoundBody = """{"error":"The requested resource was not found on this server."}""";

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static HttpClient Browser(TestNode node) => new() { BaseAddress = node.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    private static string Root(TestNode node)
    {
        Directory.CreateDirectory(node.Server.WorkingDirectory);
        return node.Server.WorkingDirectory;
    }

    private static string DownloadToken(TestNode node, string path, string? server = null, string scope = SignedUrlClaims.FileDownloadScope,
        long? iat = null, long? exp = null, string? key = null, string? user = null) =>
        node.Tokens.MintSignedUrl(server ?? node.ServerUuid, scope, new Dictionary<string, object?> { [SignedUrlClaims.FilePath] = path },
            iat: iat, exp: exp, key: key, userUuid: user);

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(NotFoundBody, await response.Content.ReadAsStringAsync());
    }

    private static void Deny(TestNode node, params string[] patterns)
    {
        var current = node.Server.Configuration;
        node.Server.UpdateConfiguration(current with { Settings = current.Settings with { Egg = new EggSettings("egg", patterns) } });
    }

    [Fact]
    public async Task Download_File_StreamsAttachmentOnce()
    {
        await using var node = await TestNode.StartAsync();
        Directory.CreateDirectory(Path.Combine(Root(node), "world"));
        await File.WriteAllTextAsync(Path.Combine(Root(node), "world", "level.dat"), "hello world");
        using var client = Browser(node);
        var url = "/download/file?token=" + DownloadToken(node, "/world/level.dat");
        using (var response = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(11, response.Content.Headers.ContentLength);
            Assert.Equal("attachment; filename=\"level.dat\"", response.Content.Headers.GetValues("Content-Disposition").Single());
        }
        // Reused: single use.
        await AssertNotFoundAsync(await client.GetAsync(url));
    }

    [Fact]
    public async Task Download_BadTokens_All404()
    {
        await using var node = await TestNode.StartAsync(c => c.Tokens.MaxLifetime = 1000);
        await File.WriteAllTextAsync(Path.Combine(Root(node), "a.txt"), "a");
        using var client = Browser(node);
        var user = Guid.NewGuid().ToString();
        var revoked = DownloadToken(node, "a.txt", user: user, iat: Now - 10);
        node.App.Services.GetRequiredService<RevocationStore>().DeauthorizeUser(user, [node.ServerUuid], Now);
        var bad = new[]
        {
            DownloadToken(node, "a.txt", iat: Now - 100, exp: Now - 1),                           // expired
            DownloadToken(node, "a.txt", server: Guid.NewGuid().ToString()),                      // another server
            DownloadToken(node, "a.txt", scope: SignedUrlClaims.FileUploadScope),                 // wrong scope
            DownloadToken(node, "a.txt", scope: TokenClaims.WebsocketScope),                      // a console token's scope
            DownloadToken(node, "a.txt", key: "some-other-node-secret-0123456789abcdef0123456789"), // badly signed
            DownloadToken(node, "a.txt", iat: Now, exp: Now + 1001),                              // lives too long
            revoked,
            "garbage",
        };
        foreach (var token in bad)
        {
            await AssertNotFoundAsync(await client.GetAsync("/download/file?token=" + token));
        }
        await AssertNotFoundAsync(await client.GetAsync("/download/file"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/download/file?token=" + DownloadToken(node, "a.txt"))).StatusCode);
    }

    [Fact]
    public async Task Download_PathRules_DirectoryOutsideAndDenylisted404()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        Directory.CreateDirectory(Path.Combine(root, "plugins"));
        await File.WriteAllTextAsync(Path.Combine(root, "secret.key"), "k");
        await File.WriteAllTextAsync(Path.Combine(root, "ok.txt"), "ok");
        var outside = Path.Combine(Path.GetTempPath(), "aerie-outside-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(outside, "outside");
        try
        {
            File.CreateSymbolicLink(Path.Combine(root, "escape"), outside);
            Deny(node, "*.key");
            using var client = Browser(node);
            foreach (var path in new[] { "plugins", "/", "../outside", "/etc/passwd/../../" + Path.GetFileName(outside), "escape", "secret.key", "missing.txt" })
            {
                await AssertNotFoundAsync(await client.GetAsync("/download/file?token=" + DownloadToken(node, path)));
            }
            Assert.Equal("ok", await client.GetStringAsync("/download/file?token=" + DownloadToken(node, "ok.txt")));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    private static MultipartFormDataContent Form(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return form;
    }

    private static string UploadUrl(TestNode node, string directory) =>
        "/upload/file?token=" + node.Tokens.MintSignedUrl(node.ServerUuid, SignedUrlClaims.FileUploadScope) + "&directory=" + Uri.EscapeDataString(directory);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(text, doc.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Upload_TwoFiles_WrittenWithWriteSemanticsAndReported()
    {
        await using var node = await TestNode.StartAsync();
        var root = Root(node);
        using var client = Browser(node);
        using var response = await client.PostAsync(UploadUrl(node, "/mods/new"),
            Form(("a.jar", Encoding.UTF8.GetBytes("first")), ("../../evil/b.txt", Encoding.UTF8.GetBytes("second"))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(root, "mods", "new", "a.jar")));
        // Only the base name of what the browser sent is used.
        Assert.Equal("second", await File.ReadAllTextAsync(Path.Combine(root, "mods", "new", "b.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(root, "mods", "new", "a.jar")));
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
        // The token was spent.
        var url = UploadUrl(node, "/");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(url, Form(("c.txt", [1])))).StatusCode);
        await AssertNotFoundAsync(await client.PostAsync(url, Form(("d.txt", [1]))));
        Assert.False(File.Exists(Path.Combine(root, "d.txt")));
    }

    [Fact]
    public async Task Upload_OversizePart_RefusedAndNotKept()
    {
        await using var node = await TestNode.StartAsync(c => c.Api.UploadLimit = 1);
        var root = Root(node);
        using var client = Browser(node);
        var big = new byte[1024 * 1024 + 1];
        using var response = await client.PostAsync(UploadUrl(node, "/"), Form(("small.txt", [1, 2, 3]), ("big.bin", big)));
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "File big.bin is larger than the maximum file upload size of 1 MB.");
        Assert.True(File.Exists(Path.Combine(root, "small.txt")));
        Assert.False(File.Exists(Path.Combine(root, "big.bin")));
        Assert.Empty(Directory.GetFiles(root, "*.tmp", SearchOption.AllDirectories));
        // Exactly the limit passes.
        using var exact = await client.PostAsync(UploadUrl(node, "/"), Form(("exact.bin", new byte[1024 * 1024])));
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
    }

    [Fact]
    public async Task Upload_EndlessBody_RefusedWhileStillSending()
    {
        await using var node = await TestNode.StartAsync(c => c.Api.UploadLimit = 1);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, node.Port);
        var stream = tcp.GetStream();
        const string boundary = "endless-boundary";
        var head = $"POST {UploadUrl(node, "/")} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        long written = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // A body that never ends, sent at ~12 MiB/s; the answer must come while it is still being sent.
        var writer = Task.Run(async () =>
        {
            var part = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"endless.bin\"\r\n\r\n");
            await WriteChunkAsync(stream, part, stop.Token);
            var chunk = new byte[64 * 1024];
            while (!stop.IsCancellationRequested)
            {
                await WriteChunkAsync(stream, chunk, stop.Token);
                Interlocked.Add(ref written, chunk.Length);
                await Task.Delay(5, stop.Token);
            }
        });
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, stop.Token);
        var sentAtAnswer = Interlocked.Read(ref written);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => writer);
        var answer = Encoding.UTF8.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.True(sentAtAnswer < 32L * 1024 * 1024, $"{sentAtAnswer} bytes were sent before the refusal");
        Assert.False(File.Exists(Path.Combine(Root(node), "endless.bin")));
    }

    private static async Task WriteChunkAsync(Stream stream, byte[] data, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"), ct);
        await stream.WriteAsync(data, ct);
        await stream.WriteAsync("\r\n"u8.ToArray(), ct);
    }

    [Fact]
    public async Task Upload_BadBodies_ExactTexts()
    {
        await using var node = await TestNode.StartAsync();
        Deny(node, "config/");
        using var client = Browser(node);
        await AssertErrorAsync(await client.PostAsync(UploadUrl(node, "/"), new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "Failed to get multipart form data from request.");
        using var other = new MultipartFormDataContent { { new StringContent("x"), "notfiles" } };
        await AssertErrorAsync(await client.PostAsync(UploadUrl(node, "/"), other), HttpStatusCode.BadRequest, "No files were found on the request body.");
        await AssertErrorAsync(await client.PostAsync(UploadUrl(node, "/config"), Form(("server.properties", [1]))),
            HttpStatusCode.Forbidden, "This file cannot be modified: present in egg denylist.");
        Assert.False(File.Exists(Path.Combine(Root(node), "config", "server.properties")));
        await AssertNotFoundAsync(await client.PostAsync("/upload/file?token=" + node.Tokens.MintSignedUrl(node.ServerUuid, SignedUrlClaims.FileDownloadScope), Form(("x", [1]))));
    }
}
