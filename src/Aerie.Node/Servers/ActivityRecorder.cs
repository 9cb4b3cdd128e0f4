using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Servers;

/// <summary>Audit records of executed commands and power actions, cut to size (<see cref="ActivityEntryCap"/>) and
/// queued in the <see cref="ActivitySpool"/>, which bounds memory and spills to disk: audit is never dropped (unlike
/// console lines) and never makes the caller wait for the panel; <see cref="ActivityShipper"/> drains it in batches.
/// The daemon's own actions (auto-restart, shutdown, suspension kill) are not audited; everything a panel or a user asked for is.</summary>
internal sealed class ActivityRecorder(ActivitySpool spool, TimeProvider time)
{
    public void Record(Actor actor, string server, string eventName, IReadOnlyDictionary<string, string> metadata)
    {
        if (actor.Kind == ActorKind.Daemon)
        {
            return;
        }
        spool.Add(ActivityEntryCap.Serialize(new ActivityEntry(actor.UserUuid, server, eventName, metadata, actor.Ip, time.GetUtcNow())));
    }
}
