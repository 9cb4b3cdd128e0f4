using System.Threading.Channels;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Servers;

/// <summary>Audit records of executed commands and power actions. Unbounded on purpose: audit is never dropped
/// (unlike console lines); <see cref="ActivityShipper"/> drains it in batches. The daemon's own actions
/// (auto-restart, shutdown, suspension kill) are not audited; everything a panel or a user asked for is.</summary>
internal sealed class ActivityRecorder(TimeProvider time)
{
    private readonly Channel<ActivityEntry> entries = Channel.CreateUnbounded<ActivityEntry>(new() { SingleReader = true });

    public ChannelReader<ActivityEntry> Reader => entries.Reader;

    public void Record(Actor actor, string server, string eventName, IReadOnlyDictionary<string, string> metadata)
    {
        if (actor.Kind == ActorKind.Daemon)
        {
            return;
        }
        entries.Writer.TryWrite(new ActivityEntry(actor.UserUuid, server, eventName, metadata, actor.Ip, time.GetUtcNow()));
    }
}
