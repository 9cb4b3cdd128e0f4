using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aerie.Node.Servers;
using Aerie.Node.Tests.Support;
using Xunit.Abstractions;

namespace Aerie.Node.Tests.Installs;

/// <summary>Every public egg of the shared fixtures installed on the process runtime of a machine without internet
/// (spec 05 §9; issue 12's "fails cleanly at install"): the install ends in bounded time, its output is kept and
/// served with the failure in it, and with <c>installer.fail_on_nonzero_exit</c> a non-zero exit is reported failed. Real node, real sandbox, the egg's real script; the panel's remote API
/// is a stand-in serving it.</summary>
public sealed class FixtureEggInstallTests(ITestOutputHelper log)
{
    public static TheoryData<string> Eggs => FixtureEggs.Names();

    // What a download or package step that failed leaves in the output: the resolver's error, the stand-in's refusal,
    // or the tool that found nothing to unpack.
    private static readonly Regex FailureEvidence = new(@"Could not resolve host|not available on this node|no URL specified|No such file or directory|cannot find or open");

    [Theory]
    [MemberData(nameof(Eggs))]
    public async Task PublicEgg_FailsCleanlyWithoutInternet(string egg)
    {
        var (script, variables) = FixtureEggs.Read(egg);
        await using var panel = await PanelStandIn.StartAsync("testtokenid00001", TestNode.DefaultSecret);
        await using var node = await TestNode.StartAsync(c =>
        {
            c.Remote = panel.Url;
            c.Installer.Timeout = 60;
            c.Installer.FailOnNonzeroExit = true;
            c.Servers[0].Port = 27015;
            c.Servers[0].Ip = "127.0.0.1";
            c.Servers[0].Environment = variables;
        });
        panel.InstallScripts[node.ServerUuid] = script;
        var clock = Stopwatch.StartNew();
        using (var response = await node.Http.PostAsync($"/api/servers/{node.ServerUuid}/install", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await Eventually.TrueAsync(() => !panel.InstallReports.IsEmpty, TimeSpan.FromSeconds(90), $"{egg}: the install report");
        log.WriteLine($"{egg}: ended after {clock.Elapsed.TotalSeconds:0.0} s");
        await node.Server.Installation.WaitAsync(TimeSpan.FromSeconds(10));

        using var logs = await node.Http.GetAsync($"/api/servers/{node.ServerUuid}/install-logs");
        var output = (await logs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetString()!;
        log.WriteLine(output);
        // The script ran to its end (no hang, no timeout) and its exit code decided the report, as configured.
        var exit = Regex.Match(output, @"^Installation process exited with code (\d+)$", RegexOptions.Multiline);
        Assert.True(exit.Success, $"{egg}: no exit line:\n{output}");
        var code = int.Parse(exit.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(code == 0, Assert.Single(panel.InstallReports).Status.Successful);
        Assert.DoesNotContain("installer.timeout", output, StringComparison.Ordinal);
        // Clear: the failure is in the kept output, whichever way the script ended (some public scripts exit 0 after
        // every download failed, and Aerie, like Wings, cannot tell that from a success).
        Assert.Matches(FailureEvidence, output);
        Assert.False(node.Server.IsInstalling);
    }
}
