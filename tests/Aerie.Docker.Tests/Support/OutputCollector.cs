using System.Text;
using Aerie.Node.Environments;

namespace Aerie.Docker.Tests.Support;

/// <summary>Collects an environment's output and exits (across several environments of one server) and waits on them with timeouts.</summary>
internal sealed class OutputCollector : IDisposable
{
    private readonly Lock gate = new();
    private readonly MemoryStream bytes = new();
    private readonly List<string> install = [];
    private TaskCompletionSource<EnvironmentExit> exitInfo = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int exitCount;

    public int ExitCount => Volatile.Read(ref exitCount);

    public string Text
    {
        get
        {
            lock (gate)
            {
                return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
            }
        }
    }

    public IReadOnlyList<string> InstallLines
    {
        get
        {
            lock (gate)
            {
                return [.. install];
            }
        }
    }

    public void Watch(IServerEnvironment environment)
    {
        environment.Output += chunk =>
        {
            lock (gate)
            {
                bytes.Write(chunk.Span);
            }
        };
        environment.InstallOutput += line =>
        {
            lock (gate)
            {
                install.Add(line);
            }
        };
        environment.Exited += exit =>
        {
            Interlocked.Increment(ref exitCount);
            exitInfo.TrySetResult(exit);
        };
    }

    public Task WaitForTextAsync(string text, TimeSpan timeout) =>
        Eventually.ValueAsync(() => Task.FromResult(Text), t => t.Contains(text, StringComparison.Ordinal), $"'{text}' in the output", timeout,
            TimeSpan.FromMilliseconds(50), t => "output so far:\n" + t);

    public async Task<EnvironmentExit> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return await exitInfo.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no exit within {timeout.TotalSeconds} s; output so far:\n{Text}");
            throw;
        }
    }

    public void Dispose() => bytes.Dispose();
}
