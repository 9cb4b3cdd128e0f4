namespace Aerie.Node.Servers;

/// <summary>Who asked for an action. The kind is explicit so that two actors with the same (empty) user and
/// address, such as the panel and the daemon, are never mistaken for each other.</summary>
internal sealed record Actor(ActorKind Kind, string? UserUuid, string? Ip)
{
    public static readonly Actor Daemon = new(ActorKind.Daemon, null, null);

    /// <summary>The panel's own node API calls. The activity payload (spec 03) has no actor field, so a
    /// panel-originated record is one with neither user nor ip, as Wings reports it.</summary>
    public static readonly Actor Panel = new(ActorKind.Panel, null, null);

    public static Actor User(string? userUuid, string? ip) => new(ActorKind.User, userUuid, ip);
}
