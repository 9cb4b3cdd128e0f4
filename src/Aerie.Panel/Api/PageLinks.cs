using System.Text;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// Page URLs that keep the request's whole query string (filters, includes, per_page) and change only
/// <c>page</c>, rooted at the panel's public URL (what the client reached, even behind a proxy).
/// </summary>
internal sealed class PageLinks(string baseUrl, string path, IQueryCollection query)
{
    public static PageLinks Of(HttpRequest request, PanelOptions options) =>
        new(options.PublicUrl.TrimEnd('/'), request.PathBase + request.Path, request.Query);

    public string For(int page)
    {
        var text = new StringBuilder(baseUrl).Append(path);
        var separator = '?';
        foreach (var (key, values) in query)
        {
            if (key == "page")
            {
                continue;
            }
            foreach (var value in values)
            {
                text.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }
        text.Append(separator).Append("page=").Append(page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
