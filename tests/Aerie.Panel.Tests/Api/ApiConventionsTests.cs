using System.Net;
using System.Net.Http.Headers;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Api;

/// <summary>Spec 04 §1.1/§1.5/§1.6 on a running panel: JSON errors whatever Accept says, route 404 and 405 texts, trailing slash, rate limit.</summary>
public abstract class ApiConventionsTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    private HttpClient HtmlClient()
    {
        var client = Fixture.Panel.Client();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return client;
    }

    [Fact]
    public async Task UnknownRoute_Is404NamingTheRoute_AsJsonEvenForHtmlAccept()
    {
        using var client = HtmlClient();
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/no-such-thing?x=1"), 404, "The route api/client/no-such-thing could not be found.", "NotFoundHttpException");
        await ApiErrorAssert.AssertAsync(await client.PostAsync("/api/application/nothing", null), 404, "The route api/application/nothing could not be found.", "NotFoundHttpException");
    }

    [Fact]
    public async Task WrongMethod_Is405ListingSupportedMethods()
    {
        using var client = HtmlClient();
        await ApiErrorAssert.AssertAsync(await client.DeleteAsync("/api/client"), 405,
            "The DELETE method is not supported for route api/client. Supported methods: GET.", "MethodNotAllowedHttpException");
    }

    [Fact]
    public async Task NoCredentials_Is401AuthenticationException_WithRateLimitHeaders()
    {
        using var client = HtmlClient();
        using var response = await client.GetAsync("/api/client");
        Assert.True(response.Headers.Contains("X-RateLimit-Limit"));
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        await ApiErrorAssert.AssertAsync(response, 401, "Unauthenticated.", "AuthenticationException");
    }

    [Fact]
    public async Task TrailingSlash_IsTolerated_AndAnswersCarryLimitHeaders()
    {
        var (user, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        using var response = await client.GetAsync("/api/client/?page=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("720", Assert.Single(response.Headers.GetValues("X-RateLimit-Limit")));
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_Exceeded_Is429WithRetryHeaders()
    {
        await using var database = await Fixture.NewDatabaseAsync();
        await using var panel = await TestPanel.StartAsync(database.Options() with { ClientApiPerMinute = 2 });
        using var client = panel.Client();
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync("/api/client")).Dispose();
        }
        using var refused = await client.GetAsync("/api/client");
        Assert.Equal("0", Assert.Single(refused.Headers.GetValues("X-RateLimit-Remaining")));
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.True(refused.Headers.Contains("X-RateLimit-Reset"));
        await ApiErrorAssert.AssertAsync(refused, 429, "Too Many Attempts.", "ThrottleRequestsException");
    }
}

public sealed class ApiConventionsSqliteTests(SqlitePanelFixture f) : ApiConventionsTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ApiConventionsPostgresTests(PostgresPanelFixture f) : ApiConventionsTests(f), IClassFixture<PostgresPanelFixture>;
