using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Aerie.Node.Files.Pull;

/// <summary>Opens a pull's URL (spec 06 §4 steps 3-4): redirects followed by hand, at most <c>maxRedirects</c>, each hop
/// http/https and never one seen before, every connection through <see cref="GuardedConnector"/>; the final answer
/// must be 200 with a Content-Length of at least 1 byte. No proxy (it would connect for us, past the check), no
/// automatic decompression (the length must be what is written).</summary>
internal sealed class PullDownloader : IDisposable
{
    private readonly HttpClient http;
    private readonly int maxRedirects;

    public PullDownloader(AddressPolicy policy, int maxRedirects)
    {
        this.maxRedirects = maxRedirects;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = new GuardedConnector(policy).ConnectAsync,
        };
        // The overall 12 h limit is the caller's token; a stalled body is bounded by it too.
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Aerie", "1.0"));
    }

    /// <summary>Checks what step 1 asks: an absolute http/https URL. Null when fine, else the reason.</summary>
    public static string? UrlProblem(string? url, out Uri? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "empty url";
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return $"parse \"{url}\": invalid URI";
        }
        if (uri.Scheme is not ("http" or "https"))
        {
            return $"unsupported protocol scheme \"{uri.Scheme}\"";
        }
        parsed = uri;
        return null;
    }

    /// <summary>The final 200 answer, headers read, body not yet. The caller disposes it.</summary>
    public async Task<HttpResponseMessage> OpenAsync(Uri url, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme is not ("http" or "https"))
            {
                throw new PullRefusedException($"redirect to an unsupported scheme: {url.Scheme}");
            }
            if (!seen.Add(url.AbsoluteUri))
            {
                throw new PullRefusedException($"redirect loop at {url}");
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException e) when (Refusal(e) is { } refused)
            {
                throw refused;
            }
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= maxRedirects)
                {
                    throw new PullRefusedException($"stopped after {maxRedirects} redirects");
                }
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                response.Dispose();
                throw new PullRefusedException($"the remote server answered {(int)response.StatusCode}");
            }
            if (response.Content.Headers.ContentLength is not >= 1)
            {
                response.Dispose();
                throw new PullRefusedException("the remote server sent no Content-Length of at least 1 byte");
            }
            response.RequestMessage ??= new HttpRequestMessage(HttpMethod.Get, url);
            return response;
        }
    }

    public void Dispose() => http.Dispose();

    private static PullRefusedException? Refusal(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is PullRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
