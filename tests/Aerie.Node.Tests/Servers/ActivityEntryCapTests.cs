using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.Servers;

namespace Aerie.Node.Tests.Servers;

public sealed class ActivityEntryCapTests
{
    private static ActivityEntry Command(string text) =>
        new(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), ActivityEvents.ConsoleCommand, new Dictionary<string, string> { ["command"] = text }, "10.0.0.1", DateTimeOffset.UnixEpoch);

    private static string CommandOf(byte[] json) =>
        JsonSerializer.Deserialize<ActivityEntry>(json, ContractsJson.Options)!.Metadata["command"];

    [Fact]
    public void Serialize_1400LessThanSigns_KeptWhole()
    {
        // 8,400 bytes once escaped: over the old 8,192-character column clip, well under the entry cap.
        var text = new string('<', 1400);
        Assert.Equal(text, CommandOf(ActivityEntryCap.Serialize(Command(text))));
    }

    [Theory]
    [InlineData('<', 20_000)]
    [InlineData('x', 100_000)]
    [InlineData('é', 9_000)]
    public void Serialize_TooLarge_CutsTheTextWithAMarker_JsonStillParses(char c, int length)
    {
        var json = ActivityEntryCap.Serialize(Command(new string(c, length)));
        Assert.InRange(json.Length, ActivityLimits.MaxEntryBytes - 64, ActivityLimits.MaxEntryBytes);
        var command = CommandOf(json);
        var kept = command.TakeWhile(ch => ch == c).Count();
        Assert.Equal(new string(c, kept) + ActivityEntryCap.Marker(length - kept), command);
    }

    [Fact]
    public void Serialize_CutNeverSplitsASurrogatePair()
    {
        var json = ActivityEntryCap.Serialize(Command(string.Concat(Enumerable.Repeat("😀", 10_000))));
        var command = CommandOf(json);
        Assert.DoesNotContain('\uFFFD', command);
        Assert.True(char.IsLowSurrogate(command[command.IndexOf('…', StringComparison.Ordinal) - 1]));
    }
}
