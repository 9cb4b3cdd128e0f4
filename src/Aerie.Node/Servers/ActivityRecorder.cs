using System.Threading.Channels;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Servers;

/// <summary>Audit records of executed commands and power actions. Unbounded on purpose: audit is never dropped
/// (unlike console lines); <see cref="ActivityShipper"/> drains it in batches.</summary>
internal sealed class ActivityRecorder(TimeProvider time)
{
    private readonly Channel<ActivityEntry> entries = Channel.CreateUnbounded<ActivityEntry>(new() { SingleReader = true });

    public ChannelReader<ActivityEntry> Reader => entries.Reader;

    public void Record(Actor actor, string server, string eventName, IReadOnlyDictionary<string, string> metadata) =>
        entries.Writer.TryWrite(new ActivityEntry(actor.UserUuid, server, eventName, metadata, actor.Ip, time.GetUtcNow()));
}

/// <summary>Who asked: a socket's user and address, or the daemon itself (both null).</summary>
internal sealed record Actor(string? UserUuid, string? Ip)
{
    public static readonly Actor Daemon = new(null, null);
}
