using System.Net;
using System.Text.Json;

namespace Aerie.Panel.Tests.Api;

/// <summary>Checks spec 04 §1.5's error body: JSON, an <c>errors</c> array whose entries carry code, status (a string) and detail.</summary>
internal static class ApiErrorAssert
{
    /// <param name="detail">the first entry's detail, or null to accept any</param>
    /// <param name="code">the first entry's code, or null to accept any non-empty one</param>
    /// <returns>the entries</returns>
    public static async Task<IReadOnlyList<JsonElement>> AssertAsync(HttpResponseMessage response, int status, string? detail, string? code = null)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(text);
            var errors = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Clone()).ToList();
            Assert.NotEmpty(errors);
            foreach (var error in errors)
            {
                Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("status").GetString());
                Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
                Assert.False(string.IsNullOrEmpty(error.GetProperty("detail").GetString()));
            }
            if (detail is not null)
            {
                Assert.Equal(detail, errors[0].GetProperty("detail").GetString());
            }
            if (code is not null)
            {
                Assert.Equal(code, errors[0].GetProperty("code").GetString());
            }
            return errors;
        }
    }

    /// <summary>A 422 with one entry per failed rule: returns (source_field, rule) pairs.</summary>
    public static async Task<IReadOnlyList<(string Field, string Rule)>> AssertValidationAsync(HttpResponseMessage response)
    {
        var errors = await AssertAsync(response, (int)HttpStatusCode.UnprocessableEntity, null, "ValidationException");
        return errors.Select(e => (e.GetProperty("meta").GetProperty("source_field").GetString()!, e.GetProperty("meta").GetProperty("rule").GetString()!)).ToList();
    }
}
