namespace Aerie.Node.Configuration;

/// <summary>One entry of <c>system.process_runtime.runtime_profiles</c> (spec 05 §9): the host toolchain that stands
/// in for a docker image on the process runtime, since the process runtime has no images to pull.</summary>
internal sealed record RuntimeProfileConfig
{
    /// <summary>The image reference as the panel sends it: exact (<c>ghcr.io/pterodactyl/yolks:java_21</c>) or a
    /// prefix ending in <c>*</c> (<c>ghcr.io/parkervcp/yolks:java_*</c>).</summary>
    public string Image { get; set; } = "";

    /// <summary>Absolute folders put before the game's <c>PATH</c>, first one first.</summary>
    public List<string> Path { get; set; } = [];

    /// <summary>Extra variables the game gets (<c>JAVA_HOME</c>...); the server's own variables win over them.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];
}
