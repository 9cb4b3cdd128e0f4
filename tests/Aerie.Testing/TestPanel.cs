using Aerie.Panel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aerie.Testing;

/// <summary>A started panel (real Kestrel on 127.0.0.1:0, <see cref="PanelHost"/>) over a test database.</summary>
internal sealed class TestPanel : IAsyncDisposable
{
    private TestPanel(WebApplication app, PanelOptions options)
    {
        App = app;
        Options = options;
        Url = app.Urls.First();
    }

    public WebApplication App { get; }

    public PanelOptions Options { get; }

    public string Url { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<TestPanel> StartAsync(PanelOptions options, Action<IServiceCollection>? services = null)
    {
        var app = PanelHost.Build(options, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services?.Invoke(s);
        });
        await app.StartAsync();
        return new TestPanel(app, options);
    }

    public HttpClient Client() => new() { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
