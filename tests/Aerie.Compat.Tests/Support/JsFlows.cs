using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Aerie.Compat.Tests.Support;

/// <summary>
/// Runs one flow of js/flows.mjs (the npm client libraries, unmodified) with <c>node</c> and returns its steps:
/// step name → <c>{ok, value}</c> or <c>{ok: false, status, message}</c>.
/// </summary>
internal static class JsFlows
{
    private static readonly string JsDir = typeof(JsFlows).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CompatJsDir").Value!;

    public static async Task<FlowSteps> RunAsync(string flow, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("node", ["flows.mjs", flow])
        {
            WorkingDirectory = JsDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"flow {flow} did not finish in 2 minutes: {await stderr}");
        }
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"flow {flow} exited {process.ExitCode}: {await stderr}");
        return new FlowSteps(flow, JsonDocument.Parse(output).RootElement.Clone());
    }
}

/// <summary>The recorded steps of one flow, with assertion helpers that name the step in failures.</summary>
internal sealed class FlowSteps(string flow, JsonElement steps)
{
    public JsonElement Step(string name)
    {
        Assert.True(steps.TryGetProperty(name, out var step), $"{flow}: no step '{name}'");
        return step;
    }

    /// <summary>The value a step returned; fails with the library's error when it threw.</summary>
    public JsonElement Ok(string name)
    {
        var step = Step(name);
        Assert.True(step.GetProperty("ok").GetBoolean(), $"{flow}.{name} failed: {step}");
        return step.GetProperty("value");
    }

    /// <summary>The HTTP status a step's library error carried; fails when the step succeeded.</summary>
    public int Failed(string name)
    {
        var step = Step(name);
        Assert.False(step.GetProperty("ok").GetBoolean(), $"{flow}.{name} should have failed: {step}");
        var status = step.GetProperty("status");
        Assert.True(status.ValueKind == JsonValueKind.Number, $"{flow}.{name} failed without an HTTP status: {step}");
        return status.GetInt32();
    }
}
