using System.Diagnostics;

namespace Aerie.Panel.Tests.Commands;

/// <summary>The real <c>aerie</c> executable as a child process: command registration, exit codes, output.</summary>
public sealed class AerieExeTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "aerie-exe-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Exe_UserCreateThenNodeConfig_Works()
    {
        var user = await RunAsync("user:create", "--data", data, "--username", "exe", "--email", "exe@example.test");
        Assert.True(user.Code == 0, user.Err);
        Assert.Contains("password: ", user.Out, StringComparison.Ordinal);
        var node = await RunAsync("node:create", "--data", data, "--name", "exe-node", "--internal-url", "http://127.0.0.1:8080", "--public-url", "https://exe.example.com");
        Assert.True(node.Code == 0, node.Err);
        var config = await RunAsync("node:config", "--data", data, "--node", "exe-node");
        Assert.Equal(0, config.Code);
        Assert.Matches("(?m)^token: [A-Za-z0-9]{64}$", config.Out);
    }

    [Fact]
    public async Task Exe_BadInput_Exit2WithoutStackTrace()
    {
        var result = await RunAsync("server:create", "--data", data, "--name", "x", "--owner", "nobody", "--node", "1", "--invocation", "run");
        Assert.Equal(2, result.Code);
        Assert.Equal("aerie server:create: User not found", result.Err.Trim());
        var unknown = await RunAsync("user:create", "--data", data, "--nope");
        Assert.Equal(2, unknown.Code);
        Assert.DoesNotContain("   at ", unknown.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node --cofig x.yml", "aerie node: unknown option '--cofig'")]
    [InlineData("panel --bogus", "aerie panel: unknown option '--bogus'")]
    [InlineData("node --config", "'--config'")]
    public async Task Exe_BadCommandLine_Exit2WithOneLineNamingIt(string args, string named)
    {
        var result = await RunAsync(args.Split(' '));
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exe_BadSettingInProcessEnvironment_Exit2NamingIt()
    {
        var result = await RunWithEnvironmentAsync(new() { ["AERIE_PANEL__PREFLIGHTTIMEOUT"] = "600" }, "panel", "--data", data, "--listen", "http://127.0.0.1:0");
        Assert.Equal(2, result.Code);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("setting 'PreflightTimeout' (--preflight-timeout / AERIE_PANEL__PREFLIGHTTIMEOUT)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exe_OperatorCommandWithoutData_UsesThePanelFolderOfAerieUp()
    {
        // `aerie up` keeps its panel in <AERIE_DATA or ./.data>/panel; operator commands default to the same.
        var user = await RunWithEnvironmentAsync(new() { ["AERIE_DATA"] = data }, "user:create", "--username", "up", "--email", "up@example.test");
        Assert.True(user.Code == 0, user.Err);
        Assert.True(File.Exists(Path.Combine(data, "panel", "panel.db")), "panel.db not under <AERIE_DATA>/panel");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test failed before creating it.
        }
    }

    private static string ExePath()
    {
        // tests/Aerie.Panel.Tests/bin/<Config>/net10.0/ → src/Aerie/bin/<Config>/net10.0/aerie.dll
        var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, config) = (dir.Name, dir.Parent!.Name);
        var root = dir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Aerie", "bin", config, tfm, "aerie.dll");
        Assert.True(File.Exists(path), $"aerie.dll not found at {path}; build src/Aerie first");
        return path;
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithEnvironmentAsync([], args);

    private static async Task<(int Code, string Out, string Err)> RunWithEnvironmentAsync(Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        info.ArgumentList.Add(ExePath());
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
