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

    public async Task WaitForTextAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"'{text}' did not appear within {timeout.TotalSeconds} s; output so far:\n{Text}");
            }
            await Task.Delay(50);
        }
    }

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
