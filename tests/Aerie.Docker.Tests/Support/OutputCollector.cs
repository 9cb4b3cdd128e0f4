using System.Text;
using Aerie.Node.Environments;

namespace Aerie.Docker.Tests.Support;

/// <summary>Collects an environment's output and exits (across several environments of one server) and waits on them with timeouts.</summary>
internal sealed class OutputCollector
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _bytes = new();
    private readonly List<string> _install = [];
    private TaskCompletionSource<EnvironmentExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _exitCount;

    public int ExitCount => Volatile.Read(ref _exitCount);

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);
            }
        }
    }

    public IReadOnlyList<string> InstallLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _install];
            }
        }
    }

    public void Watch(IServerEnvironment environment)
    {
        environment.Output += chunk =>
        {
            lock (_gate)
            {
                _bytes.Write(chunk.Span);
            }
        };
        environment.InstallOutput += line =>
        {
            lock (_gate)
            {
                _install.Add(line);
            }
        };
        environment.Exited += exit =>
        {
            Interlocked.Increment(ref _exitCount);
            _exit.TrySetResult(exit);
        };
    }

    public Task WaitForTextAsync(string text, TimeSpan timeout) =>
        Eventually.ValueAsync(() => Task.FromResult(Text), t => t.Contains(text, StringComparison.Ordinal), $"'{text}' in the output", timeout,
            TimeSpan.FromMilliseconds(50), t => "output so far:\n" + t);

    public async Task<EnvironmentExit> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            return await _exit.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no exit within {timeout.TotalSeconds} s; output so far:\n{Text}");
            throw;
        }
    }
}
