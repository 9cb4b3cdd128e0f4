namespace Aerie.Node.Environments.Docker;

/// <summary>How Aerie names and labels its containers, so that a restarted daemon finds them again.</summary>
internal static class ContainerNames
{
    public const string ServerLabel = "aerie.server";
    public const string ManagedLabel = "aerie.managed";
    public const string ContainerHome = "/home/container";

    public static string For(string serverUuid) => "aerie-" + serverUuid;
}
