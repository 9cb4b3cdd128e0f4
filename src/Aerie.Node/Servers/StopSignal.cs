using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Node.Servers;

/// <summary>The signal a `signal` stop sends (spec 05 §3): <c>C</c> — what the panel makes of an egg's <c>^C</c> — is
/// SIGINT (as Pelican's Wings does); a known name, with or without <c>SIG</c> and in any case, is that signal; anything
/// else (<c>^C</c> from <c>^^C</c>, <c>X</c>) is SIGKILL, as both Wings do.</summary>
internal static class StopSignal
{
    public static string Of(string value)
    {
        var name = value.Trim().ToUpperInvariant();
        if (name == "C")
        {
            return "SIGINT";
        }
        if (!PosixSignals.TryParse(name, out _))
        {
            return "SIGKILL";
        }
        return name.StartsWith("SIG", StringComparison.Ordinal) ? name : "SIG" + name;
    }
}
