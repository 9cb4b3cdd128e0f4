using System.Text.Json;
using Aerie.Bench.Infra;
using Aerie.Bench.Reporting;

namespace Aerie.Bench.Scenarios;

/// <summary>Scenario 5: what a person feels opening a console — credentials call, socket connect with the token,
/// `auth success`, `send logs`, first `console output` frame. Ceiling: trivial JSON call + WebSocket to a bare
/// endpoint on the same panel host that answers the first message with one console frame.</summary>
internal static class FirstByteScenario
{
    public const string Name = "first-byte";

    public sealed record Settings(int Iterations)
    {
        public static Settings Full => new(40);
        public static Settings Smoke => new(3);
    }

    public static async Task<List<Metric>> RunAsync(Settings settings, PanelRig rig)
    {
        using (var api = new NodeApiClient(rig.NodeUri, rig.Secret))
        {
            if (await api.StateAsync(rig.ServerUuid) != "running")
            {
                await api.StartAndWaitRunningAsync(rig.ServerUuid, TimeSpan.FromSeconds(30));
            }
        }
        using var http = rig.Client(1);
        var real = new List<double>();
        var ceiling = new List<double>();
        var ceilingSocket = new UriBuilder(rig.PanelUri) { Scheme = "ws", Path = PanelRig.CeilingSocketPath }.Uri;
        for (var i = 0; i < settings.Iterations + 1; i++)
        {
            var a = await OnceAsync(async () =>
            {
                var (token, socket) = await CredentialsAsync(http, rig.CredentialsPath);
                return new Uri(socket + "?token=" + Uri.EscapeDataString(token));
            });
            var b = await OnceAsync(async () =>
            {
                using var response = await http.GetAsync(PanelRig.CeilingPath);
                await response.Content.ReadAsByteArrayAsync();
                return ceilingSocket;
            });
            // The first round warms both paths up (JIT, connections) and is not counted.
            if (i > 0)
            {
                real.Add(a);
                ceiling.Add(b);
            }
        }
        var r = Percentiles.Sorted(real);
        var c = Percentiles.Sorted(ceiling);
        return
        [
            new Metric(Name, "credentials → first console frame", "p50", "ms", Percentiles.Of(r, 50), Percentiles.Of(c, 50), HigherIsBetter: false),
            new Metric(Name, "credentials → first console frame", "p99", "ms", Percentiles.Of(r, 99), Percentiles.Of(c, 99), HigherIsBetter: false),
            new Metric(Name, "credentials → first console frame", "samples", "", r.Count),
        ];
    }

    private static async Task<double> OnceAsync(Func<Task<Uri>> fetch)
    {
        var t0 = MonoClock.Now;
        var uri = await fetch();
        await using var probe = await ConsoleProbe.ConnectAsync(uri, timeout: TimeSpan.FromSeconds(10));
        await probe.Authenticated.WaitAsync(TimeSpan.FromSeconds(10));
        await probe.SendAsync("{\"event\":\"send logs\"}");
        var first = await probe.FirstConsoleAt.WaitAsync(TimeSpan.FromSeconds(10));
        return MonoClock.Ms(t0, first);
    }

    private static async Task<(string Token, string Socket)> CredentialsAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"credentials: {(int)response.StatusCode} {text}");
        }
        using var doc = JsonDocument.Parse(text);
        return (doc.RootElement.GetProperty("token").GetString()!, doc.RootElement.GetProperty("socket").GetString()!);
    }
}
