using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aerie.Panel.Tests.Api;

/// <summary>
/// One request of a route sweep: sends it and, when the answer is not the expected status (or an error answer
/// lacks spec 04 §1.5's <c>errors[]</c> with that status and detail), adds a line to <paramref name="failures"/>
/// instead of throwing, so a sweep reports every route that is wrong at once.
/// </summary>
internal static class RouteCheck
{
    /// <param name="detail">the first error's detail (with <paramref name="prefix"/>, how it starts), or null to accept any</param>
    /// <param name="code">the first error's code, or null to accept any non-empty one</param>
    public static async Task ExpectAsync(List<string> failures, HttpClient client, string method, string path, string? body, int status, string? detail,
        string? code = null, bool prefix = false)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != status)
        {
            failures.Add($"{method} {path} {body}: expected {status}, got {(int)response.StatusCode} {text}");
        }
        else if (status >= 400 && !HasErrors(text, status, detail, code, prefix))
        {
            failures.Add($"{method} {path} {body}: {status} without spec 04 §1.5's errors[] (code {code ?? "any"}, detail {detail ?? "any"}): {text}");
        }
    }

    private static bool HasErrors(string text, int status, string? detail, string? code, bool prefix)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var first = doc.RootElement.GetProperty("errors")[0];
            return first.GetProperty("status").GetString() == status.ToString(CultureInfo.InvariantCulture)
                && first.GetProperty("code").GetString() is { Length: > 0 } actual && (code is null || actual == code)
                && (detail is null || (prefix ? first.GetProperty("detail").GetString()!.StartsWith(detail, StringComparison.Ordinal) : first.GetProperty("detail").GetString() == detail));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
