namespace Aerie.Commands;

/// <summary><c>aerie panel</c>: hosts the panel (logic in Aerie.Panel/Operator/PanelCommand).</summary>
internal static class PanelCommand
{
    // The web UI's serving call is added to the hook at merge (Aerie.Panel/Web/WebUi.cs).
    public static Task<int> RunAsync(string[] args) => Panel.Operator.PanelCommand.RunAsync(args, Console.Out, Console.Error, beforeRun: null);
}
