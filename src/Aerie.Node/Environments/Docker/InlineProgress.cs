namespace Aerie.Node.Environments.Docker;

/// <summary>An <see cref="IProgress{T}"/> that runs the callback on the reporting thread, in order
/// (<see cref="Progress{T}"/> posts to the thread pool and may reorder or outlive the call).</summary>
internal sealed class InlineProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
