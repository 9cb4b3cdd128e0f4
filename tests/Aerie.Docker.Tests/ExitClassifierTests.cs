using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests;

public sealed class ExitClassifierTests
{
    [Fact]
    public void Classify_EngineSaysOomKilled_OutOfMemory()
    {
        Assert.True(ExitClassifier.Classify(new State { ExitCode = 137, OOMKilled = true }, Run(0, false)).OutOfMemory);
    }

    [Fact]
    public void Classify_SigkillNotOursWithMemoryLimit_OutOfMemory()
    {
        Assert.True(ExitClassifier.Classify(new State { ExitCode = 137 }, Run(64 << 20, false)).OutOfMemory);
    }

    [Fact]
    public void Classify_SigkillWeSent_NotOutOfMemory()
    {
        var run = Run(64 << 20, false);
        run.MarkKillRequested();

        Assert.False(ExitClassifier.Classify(new State { ExitCode = 137 }, run).OutOfMemory);
    }

    [Fact]
    public void Classify_NoLimitOrOomKillerOff_NotOutOfMemory()
    {
        Assert.False(ExitClassifier.Classify(new State { ExitCode = 137 }, Run(0, false)).OutOfMemory);
        Assert.False(ExitClassifier.Classify(new State { ExitCode = 137 }, Run(64 << 20, true)).OutOfMemory);
        Assert.False(ExitClassifier.Classify(new State { ExitCode = 1 }, Run(64 << 20, false)).OutOfMemory);
    }

    private static ContainerRun Run(long memoryLimit, bool oomKillDisabled) =>
        new(engine: null!, "id", DateTimeOffset.UnixEpoch, memoryLimit, oomKillDisabled, stdin: null!);
}
