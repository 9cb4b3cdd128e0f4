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

    /// <summary>The failed step's status and message, for asserting the panel's errors[] text the library carried.</summary>
    public (int Status, string Message) Error(string name)
    {
        var status = Failed(name);
        return (status, Step(name).GetProperty("message").GetString() ?? "");
    }

    /// <summary>A value inside a step's result by dotted path (<c>attributes.limits.memory</c>, <c>data.0.object</c>).</summary>
    public JsonElement At(string name, string path) => Dig(Ok(name), path, $"{flow}.{name}");

    public string? Text(string name, string path) => At(name, path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : At(name, path).ToString();

    public int Int(string name, string path) => At(name, path).GetInt32();

    public bool Bool(string name, string path) => At(name, path).GetBoolean();

    /// <summary>The items of a list (array, or the values of an object such as a pterojs Dict).</summary>
    public IReadOnlyList<JsonElement> Items(string name, string path = "")
    {
        var e = path.Length == 0 ? Ok(name) : At(name, path);
        return e.ValueKind switch
        {
            JsonValueKind.Array => [.. e.EnumerateArray()],
            JsonValueKind.Object => [.. e.EnumerateObject().Select(p => p.Value)],
            _ => throw new Xunit.Sdk.XunitException($"{flow}.{name}.{path} is not a list: {e}"),
        };
    }

    public static JsonElement Dig(JsonElement root, string path, string where)
    {
        var e = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var found = e.ValueKind switch
            {
                JsonValueKind.Object => e.TryGetProperty(part, out var child) ? child : (JsonElement?)null,
                JsonValueKind.Array when int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < e.GetArrayLength() => e[i],
                _ => null,
            };
            e = found ?? throw new Xunit.Sdk.XunitException($"{where}: no '{path}' (stopped at '{part}') in {root}");
        }
        return e;
    }
}
