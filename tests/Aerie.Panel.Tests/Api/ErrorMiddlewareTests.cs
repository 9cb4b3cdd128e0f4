using System.Text.Json;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Panel.Tests.Api;

/// <summary>Failures inside a handler become spec 04 §1.5 bodies; a crash never leaks its message.</summary>
public sealed class ErrorMiddlewareTests
{
    private static async Task<(int Status, JsonElement Error)> RunAsync(RequestDelegate handler)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/client/x";
        context.Response.Body = new MemoryStream();
        await new ErrorMiddleware(handler, NullLogger<ErrorMiddleware>.Instance).InvokeAsync(context);
        context.Response.Body.Position = 0;
        using var doc = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, doc.RootElement.GetProperty("errors")[0].Clone());
    }

    [Fact]
    public async Task Crash_Is500WithGenericText()
    {
        var (status, error) = await RunAsync(_ => throw new InvalidOperationException("secret internals"));
        Assert.Equal(500, status);
        Assert.Equal("500", error.GetProperty("status").GetString());
        Assert.Equal("An unexpected error was encountered while processing this request, please try again.", error.GetProperty("detail").GetString());
        Assert.False(error.TryGetProperty("meta", out _));
    }

    [Fact]
    public async Task Problem_KeepsItsCodeAndText()
    {
        var (status, error) = await RunAsync(_ => throw PanelProblem.Display("Nope.", "TooManyBackupsException"));
        Assert.Equal(400, status);
        Assert.Equal("TooManyBackupsException", error.GetProperty("code").GetString());
        Assert.Equal("Nope.", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BareStatus_GetsABody()
    {
        var (status, error) = await RunAsync(c =>
        {
            c.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        Assert.Equal(401, status);
        Assert.Equal("AuthenticationException", error.GetProperty("code").GetString());
        Assert.Equal("Unauthenticated.", error.GetProperty("detail").GetString());
    }
}
