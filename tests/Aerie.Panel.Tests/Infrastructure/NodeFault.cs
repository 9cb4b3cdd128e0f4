namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>How a <see cref="FaultyNodeStandIn"/> misbehaves.</summary>
public enum NodeFault
{
    /// <summary>Nothing listens on the port.</summary>
    Down,

    /// <summary>Accepts and then sleeps past any sane timeout.</summary>
    Slow,

    /// <summary>Answers 200 with a body that is not JSON.</summary>
    Garbage,

    /// <summary>Answers 500.</summary>
    ServerError,

    /// <summary>Refuses server creation and sync with 502 (as our node answers when it cannot reach the panel),
    /// acknowledges everything else with 204.</summary>
    RefusesLifecycle,
}
