using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using Aerie.Contracts.NodeApi;
using static Aerie.Node.Tests.Files.FileApiCalls;

namespace Aerie.Node.Tests.Files;

/// <summary>The three pull routes over real HTTP on a real node (spec 06 §2, §4), fetching from a local server the
/// test starts: what is allowed and written, every refused destination (checked on the connected socket, redirects
/// included), the three-at-once limit, progress, cancel, and the switch that turns pulls off.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PullApiTests
{
    private static async Task<HttpResponseMessage> PullAsync(TestNode node, object body) => await PostJsonAsync(node, "pull", body);

    private static string Downloads(TestNode node)
    {
        var dir = Path.Combine(node.Server.WorkingDirectory, "downloads");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task Pull_AllowedLoopback_ForegroundStat_BackgroundFile_NameRules()
    {
        await using var source = await PullSource.StartAsync(IPAddress.Loopback);
        await using var node = await TestNode.StartAsync(c => c.Api.RemoteDownload.Allow = ["127.0.0.1"]);
        var downloads = Downloads(node);

        using (var foreground = await PullAsync(node, new { url = source.Url + "/files/map.bin", root = "/downloads", foreground = true }))
        {
            var stat = await foreground.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(foreground.StatusCode == HttpStatusCode.OK, stat.ToString());
            Assert.Equal("map.bin", stat.GetProperty("name").GetString());
            Assert.Equal(PullSource.Content.Length, stat.GetProperty("size").GetInt64());
        }
        Assert.Equal(PullSource.Content, File.ReadAllBytes(Path.Combine(downloads, "map.bin")));

        // use_header: the attachment's name, reduced to a base name; `directory` is the old name of `root`.
        using (var named = await PullAsync(node, new { url = source.Url + "/named", directory = "downloads", use_header = true }))
        {
            Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
            var id = (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("identifier").GetString();
            Assert.True(Guid.TryParse(id, out _));
        }
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(downloads, "from-header.txt")), TimeSpan.FromSeconds(10), "the background pull wrote its file");
        using (var given = await PullAsync(node, new { url = source.Url + "/files/x.bin", root = "downloads", file_name = "../chosen.dat", foreground = true }))
        {
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }
        Assert.Equal(PullSource.Content, File.ReadAllBytes(Path.Combine(downloads, "chosen.dat")));
        await Eventually.TrueAsync(async () => (await (await GetAsync(node, "pull")).Content.ReadAsStringAsync()) == "{\"downloads\":[]}", "no download left in flight", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pull_NoContentLength_BadUrl_Denylisted_Refused()
    {
        await using var source = await PullSource.StartAsync(IPAddress.Loopback);
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Api.RemoteDownload.Allow = ["127.0.0.1"];
            c.Servers[0].FileDenylist = ["*.jar"];
        });
        var downloads = Downloads(node);
        using (var chunked = await PullAsync(node, new { url = source.Url + "/nolength", root = "/downloads", file_name = "a.bin", foreground = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, chunked.StatusCode);
        }
        using (var ftp = await PullAsync(node, new { url = "ftp://example.com/a.bin", root = "/" }))
        {
            await AssertErrorAsync(ftp, HttpStatusCode.BadRequest, PullErrors.BadUrlPrefix + "unsupported protocol scheme \"ftp\"");
        }
        using (var relative = await PullAsync(node, new { url = "not a url", root = "/" }))
        {
            var error = (await relative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
            Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
            Assert.StartsWith(PullErrors.BadUrlPrefix, error, StringComparison.Ordinal);
        }
        using (var jar = await PullAsync(node, new { url = source.Url + "/files/server.jar", root = "/downloads", foreground = true }))
        {
            await AssertErrorAsync(jar, HttpStatusCode.Forbidden, FileApiErrors.Denylisted);
        }
        Assert.Empty(Directory.GetFileSystemEntries(downloads));
    }

    public static TheoryData<string> RefusedHosts => new()
    {
        "127.0.0.1",
        "[::ffff:127.0.0.1]",
        "[::1]",
        "10.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
    };

    [Theory]
    [MemberData(nameof(RefusedHosts))]
    public async Task Pull_BlockedDestination_Refused_NothingReachedOrWritten(string host)
    {
        await using var source = await PullSource.StartAsync(IPAddress.Loopback);
        var port = new Uri(source.Url).Port;
        await using var node = await TestNode.StartAsync();
        var downloads = Downloads(node);

        using (var foreground = await PullAsync(node, new { url = $"http://{host}:{port}/files/f.bin", root = "/downloads", foreground = true }))
        {
            var error = (await foreground.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
            Assert.True(foreground.StatusCode == HttpStatusCode.BadRequest, error);
            Assert.Contains("blocked address", error, StringComparison.Ordinal);
        }
        using (var background = await PullAsync(node, new { url = $"http://{host}:{port}/files/g.bin", root = "/downloads" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, background.StatusCode);
        }
        await Eventually.TrueAsync(async () => (await (await GetAsync(node, "pull")).Content.ReadAsStringAsync()) == "{\"downloads\":[]}", "the refused pull ended", TimeSpan.FromSeconds(10));
        Assert.Equal(0, source.HitsOf("/files/f.bin") + source.HitsOf("/files/g.bin"));
        Assert.Empty(Directory.GetFileSystemEntries(downloads));
    }

    [Fact]
    public async Task Pull_RedirectToLoopback_RefusedAtTheHop_TooManyRedirectsRefused()
    {
        // The first hop (127.0.0.2) is allowed; the redirect's target (127.0.0.1) is not.
        await using var allowed = await PullSource.StartAsync(IPAddress.Parse("127.0.0.2"));
        await using var target = await PullSource.StartAsync(IPAddress.Loopback);
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Api.RemoteDownload.Allow = ["127.0.0.2/32"];
            c.Api.RemoteDownload.MaxRedirects = 1;
        });
        Downloads(node);
        var hop = $"{allowed.Url}/redirect?to={Uri.EscapeDataString(target.Url + "/files/inner.bin")}";
        using (var redirected = await PullAsync(node, new { url = hop, root = "/downloads", foreground = true }))
        {
            var error = (await redirected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
            Assert.True(redirected.StatusCode == HttpStatusCode.BadRequest, error);
            Assert.Contains("blocked address", error, StringComparison.Ordinal);
        }
        Assert.Equal(1, allowed.HitsOf("/redirect"));
        Assert.Equal(0, target.HitsOf("/files/inner.bin"));

        var twice = $"{allowed.Url}/redirect?to={Uri.EscapeDataString($"{allowed.Url}/redirect?to={Uri.EscapeDataString(allowed.Url + "/files/ok.bin")}")}";
        using (var tooMany = await PullAsync(node, new { url = twice, root = "/downloads", foreground = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        }
        Assert.Equal(0, allowed.HitsOf("/files/ok.bin"));
        using (var once = await PullAsync(node, new { url = $"{allowed.Url}/redirect?to={Uri.EscapeDataString(allowed.Url + "/files/ok.bin")}", root = "/downloads", foreground = true }))
        {
            Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        }
    }

    [Fact]
    public async Task Pull_OwnNonLoopbackAddress_RefusedUnlessAllowed()
    {
        var own = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        // A machine without a non-loopback address shows the same rule on 127.0.0.1 (loopback is also its own).
        var address = own ?? IPAddress.Loopback;
        await using var source = await PullSource.StartAsync(address);
        await using (var refusing = await TestNode.StartAsync())
        {
            Downloads(refusing);
            using var refused = await PullAsync(refusing, new { url = source.Url + "/files/own.bin", root = "/downloads", foreground = true });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.Equal(0, source.HitsOf("/files/own.bin"));
        await using var allowing = await TestNode.StartAsync(c => c.Api.RemoteDownload.Allow = [address.ToString()]);
        Downloads(allowing);
        using var ok = await PullAsync(allowing, new { url = source.Url + "/files/own.bin", root = "/downloads", foreground = true });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, source.HitsOf("/files/own.bin"));
    }

    [Fact]
    public async Task Pull_ThreeAtOnce_FourthRefused_CancelFreesAPlaceAndLeavesNoFile()
    {
        await using var source = await PullSource.StartAsync(IPAddress.Loopback);
        await using var node = await TestNode.StartAsync(c => c.Api.RemoteDownload.Allow = ["127.0.0.1"]);
        var downloads = Downloads(node);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var started = await PullAsync(node, new { url = source.Url + "/slow", root = "/downloads", file_name = $"slow{i}.bin" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            ids.Add((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("identifier").GetString()!);
        }
        using (var fourth = await PullAsync(node, new { url = source.Url + "/slow", root = "/downloads", file_name = "slow3.bin" }))
        {
            await AssertErrorAsync(fourth, HttpStatusCode.BadRequest, PullErrors.TooMany);
        }
        // Progress: capitalised keys, 100 of 5000 bytes arrived so far.
        await Eventually.TrueAsync(async () =>
        {
            using var list = await GetAsync(node, "pull");
            var downloadsNow = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("downloads").EnumerateArray().ToList();
            return downloadsNow.Count == 3 && downloadsNow.All(d => ids.Contains(d.GetProperty("Identifier").GetString()!)
                && Math.Abs(d.GetProperty("Progress").GetDouble() - 0.02) < 1e-9);
        }, "three downloads at 2 %", TimeSpan.FromSeconds(10));

        using (var cancel = await node.Http.DeleteAsync($"{Base(node)}/pull/{ids[0]}"))
        {
            await AssertNoContentAsync(cancel);
        }
        using (var unknown = await node.Http.DeleteAsync($"{Base(node)}/pull/{Guid.NewGuid()}"))
        {
            await AssertNoContentAsync(unknown);
        }
        await Eventually.TrueAsync(async () =>
        {
            using var list = await GetAsync(node, "pull");
            return (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("downloads").GetArrayLength() == 2;
        }, "the cancelled download gone", TimeSpan.FromSeconds(10));
        using (var again = await PullAsync(node, new { url = source.Url + "/files/late.bin", root = "/downloads", foreground = true }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        source.Release();
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(downloads, "slow1.bin")) && File.Exists(Path.Combine(downloads, "slow2.bin")),
            TimeSpan.FromSeconds(10), "the two others finished");
        Assert.Equal(["late.bin", "slow1.bin", "slow2.bin"], Directory.GetFileSystemEntries(downloads).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pull_DisabledOnTheNode_AllThreeRoutes400()
    {
        await using var node = await TestNode.StartAsync(c => c.Api.DisableRemoteDownload = true);
        using (var list = await GetAsync(node, "pull"))
        {
            await AssertErrorAsync(list, HttpStatusCode.BadRequest, PullErrors.Disabled);
        }
        using (var start = await PullAsync(node, new { url = "https://example.com/a.bin", root = "/" }))
        {
            await AssertErrorAsync(start, HttpStatusCode.BadRequest, PullErrors.Disabled);
        }
        using (var cancel = await node.Http.DeleteAsync($"{Base(node)}/pull/{Guid.NewGuid()}"))
        {
            await AssertErrorAsync(cancel, HttpStatusCode.BadRequest, PullErrors.Disabled);
        }
    }
}
