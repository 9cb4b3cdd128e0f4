using System.Text;
using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Up;

/// <summary>What `aerie up` prints once everything listens: where to go and how to log in.</summary>
internal static class UpBanner
{
    public static string Text(UpStack stack)
    {
        var p = stack.Provisioned;
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine($"  Aerie is up.  Panel: {stack.PanelUrl}   Node: {stack.NodeUrl} (process runtime)");
        sb.AppendLine($"  Data: {stack.DataFolder}");
        sb.AppendLine(stack.SandboxWarning is { } unsandboxed
            ? $"  WARNING: {unsandboxed}.\n  Install bubblewrap ({ProcessSandbox.InstallHint}) and restart to sandbox them."
            : "  Sandbox: bubblewrap (each game runs as its own user and sees only its folder)");
        sb.AppendLine();
        sb.AppendLine($"  Log in at {stack.PanelUrl}/login as '{UpProvisioner.AdminUsername}'");
        sb.AppendLine(p.AdminPassword switch
        {
            { Generated: true } pw => $"  password: {pw.Value}   (generated, shown only this once: save it; or set AERIE_ADMIN_PASSWORD to replace it)",
            not null => "  password: the one in AERIE_ADMIN_PASSWORD",
            null => "  password: printed on the first run (or set AERIE_ADMIN_PASSWORD to replace it)",
        });
        sb.AppendLine($"  Demo server console: {stack.PanelUrl}/server/{p.DemoServerIdentifier}");
        sb.AppendLine();
        sb.Append("  Ctrl-C stops everything, game servers included.");
        return sb.ToString();
    }
}
