using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Configuration;

namespace Aerie.Node.Panel;

/// <summary>Typed client of the panel's remote API (spec 03), bearer <c>&lt;token_id&gt;.&lt;token&gt;</c>.</summary>
internal sealed class PanelClient
{
    private readonly HttpClient http;

    public PanelClient(HttpClient http, NodeConfig config)
    {
        this.http = http;
        IsConfigured = config.Remote.Length > 0;
        if (IsConfigured)
        {
            http.BaseAddress = new Uri(config.Remote.TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{config.TokenId}.{config.Token}");
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            http.Timeout = TimeSpan.FromSeconds(15);
        }
    }

    public bool IsConfigured { get; }

    /// <summary>Every server of this node, page by page.</summary>
    public async Task<List<RemoteServerEntry>> GetServersAsync(CancellationToken ct)
    {
        var all = new List<RemoteServerEntry>();
        for (var page = 1; ; page++)
        {
            var body = await http.GetFromJsonAsync<RemoteServerPage>($"api/remote/servers?page={page}&per_page=50", ContractsJson.Options, ct)
                ?? throw new HttpRequestException("empty server listing");
            all.AddRange(body.Data);
            if (page >= body.Meta.LastPage || body.Data.Count == 0)
            {
                return all;
            }
        }
    }

    public async Task<ServerConfiguration> GetServerAsync(string uuid, CancellationToken ct) =>
        await http.GetFromJsonAsync<ServerConfiguration>($"api/remote/servers/{Uri.EscapeDataString(uuid)}", ContractsJson.Options, ct)
            ?? throw new HttpRequestException("empty server configuration");

    public async Task ResetAsync(CancellationToken ct)
    {
        using var response = await http.PostAsync("api/remote/servers/reset", null, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends entries already serialised (see <see cref="ActivityBatchBody"/>); 204 stores all, 200 names the refused ones.</summary>
    public async Task<ActivityDelivery> PostActivityAsync(IReadOnlyList<byte[]> entries, CancellationToken ct)
    {
        using var content = new ByteArrayContent(ActivityBatchBody.Join(entries));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("api/remote/activity", content, ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity)
        {
            return ActivityDelivery.Refused;
        }
        response.EnsureSuccessStatusCode();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ActivityDelivery.Stored;
        }
        var result = await response.Content.ReadFromJsonAsync<ActivityBatchResult>(ContractsJson.Options, ct);
        return new ActivityDelivery(false, result?.Rejected ?? []);
    }

    /// <summary>The server's install script (spec 05 §7 step 4): image, entrypoint, script.</summary>
    public async Task<InstallScript> GetInstallScriptAsync(string uuid, CancellationToken ct) =>
        await http.GetFromJsonAsync<InstallScript>($"api/remote/servers/{Uri.EscapeDataString(uuid)}/install", ContractsJson.Options, ct)
            ?? throw new HttpRequestException("empty install script");

    public async Task ReportInstallAsync(string uuid, bool successful, bool reinstall, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/remote/servers/{Uri.EscapeDataString(uuid)}/install", new InstallStatus(successful, reinstall), ContractsJson.Options, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a backup report already serialised (spec 07 §6): <c>api/remote/backups/{backup}</c>, or its
    /// <c>/restore</c> with <paramref name="restore"/>. Returns the status and body text; a network error throws.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostBackupReportAsync(string backup, bool restore, string json, CancellationToken ct)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var path = $"api/remote/backups/{Uri.EscapeDataString(backup)}" + (restore ? "/restore" : "");
        using var response = await http.PostAsync(path, content, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
