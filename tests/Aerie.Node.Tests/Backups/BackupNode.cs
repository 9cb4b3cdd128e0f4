using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Backups;
using Aerie.Node.Configuration;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Backups;

/// <summary>A real node joined to the <see cref="PanelStandIn"/> (its remote API), and the calls backup tests share.</summary>
internal static class BackupNode
{
    public static Task<TestNode> StartAsync(PanelStandIn panel, Action<NodeConfig>? tweak = null) =>
        TestNode.StartAsync(c =>
        {
            c.Remote = panel.Url;
            c.TokenId = "testtokenid00001";
            tweak?.Invoke(c);
        });

    public static Task<string> BackupAsync(TestNode node, string ignore = "") => BackupAsyncAs(node, Guid.NewGuid().ToString(), ignore);

    public static async Task<string> BackupAsyncAs(TestNode node, string backup, string ignore = "")
    {
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup", new { adapter = "wings", uuid = backup, ignore });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return backup;
    }

    public static async Task<HttpResponseMessage> RestoreAsync(TestNode node, string backup, bool truncate) =>
        await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/backup/{backup}/restore", new { adapter = "wings", truncate_directory = truncate, download_url = "" });

    public static async Task<BackupReport> ReportAsync(PanelStandIn panel, string backup, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => panel.BackupReports.Any(r => r.Backup == backup), $"the completion report of {backup}", timeout ?? TimeSpan.FromSeconds(20));
        return panel.BackupReports.First(r => r.Backup == backup).Report;
    }

    public static async Task<RestoreReport> RestoreReportAsync(PanelStandIn panel, string backup, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => panel.RestoreReports.Any(r => r.Backup == backup), $"the restore report of {backup}", timeout ?? TimeSpan.FromSeconds(30));
        return panel.RestoreReports.First(r => r.Backup == backup).Report;
    }

    public static string Archive(TestNode node, string backup) => BackupPaths.Archive(node.Config, node.ServerUuid, backup);

    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["error"];
}
