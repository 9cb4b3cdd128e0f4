using System.Diagnostics;
using System.Text;

namespace Aerie.Browser.Tests.Support;

/// <summary>The real <c>aerie</c> exe (built next to the tests) as a child process, its output captured.</summary>
internal sealed class AerieProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private AerieProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public string Stdout
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static AerieProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "aerie"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("AERIE_ADMIN_PASSWORD");
        var started = new AerieProcess(Process.Start(info) ?? throw new InvalidOperationException("aerie did not start"));
        started.process.OutputDataReceived += (_, e) => Append(started.stdout, e.Data);
        started.process.ErrorDataReceived += (_, e) => Append(started.stderr, e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sb)
        {
            sb.AppendLine(line);
        }
    }
}
