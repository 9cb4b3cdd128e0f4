using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aerie.Node.Tests.Files;

/// <summary>Calls of the node file API for the tests of this folder, and the checks of its error body.</summary>
internal static class FileApiCalls
{
    public static string Base(TestNode node, string? uuid = null) => $"/api/servers/{uuid ?? node.ServerUuid}/files";

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static Task<HttpResponseMessage> WriteAsync(TestNode node, string file, string content, string? uuid = null) =>
        node.Http.PostAsync($"{Base(node, uuid)}/write?file={Q(file)}", new ByteArrayContent(Encoding.UTF8.GetBytes(content)));

    public static Task<HttpResponseMessage> PostJsonAsync(TestNode node, string route, object body, string? uuid = null) =>
        node.Http.PostAsJsonAsync($"{Base(node, uuid)}/{route}", body);

    public static Task<HttpResponseMessage> PutJsonAsync(TestNode node, string route, object body) =>
        node.Http.PutAsJsonAsync($"{Base(node)}/{route}", body);

    public static Task<HttpResponseMessage> GetAsync(TestNode node, string routeAndQuery, string? uuid = null) =>
        node.Http.GetAsync($"{Base(node, uuid)}/{routeAndQuery}");

    /// <summary>Asserts the status and the exact <c>error</c> text, and that <c>request_id</c> is the <c>X-Request-Id</c> header.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(error, json.RootElement.GetProperty("error").GetString());
        var id = json.RootElement.GetProperty("request_id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, response.Headers.GetValues("X-Request-Id").Single());
    }

    public static async Task AssertNoContentAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"expected 204, got {(int)response.StatusCode}: {body}");
    }
}
