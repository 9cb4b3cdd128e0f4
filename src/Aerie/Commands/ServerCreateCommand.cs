namespace Aerie.Commands;

/// <summary>Operator command over the panel database; the logic lives in Aerie.Panel/Operator so it is tested there.</summary>
internal static class ServerCreateCommand
{
    public static Task<int> RunAsync(string[] args) => Panel.Operator.ServerCreateCommand.RunAsync(args, Console.Out, Console.Error);
}
