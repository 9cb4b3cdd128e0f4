using System.CommandLine;
using System.Reflection;

namespace Aerie.Commands;

/// <summary><c>aerie version</c>.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "print the version");
        command.SetAction(result =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            result.InvocationConfiguration.Output.WriteLine($"aerie {version}");
            return 0;
        });
        return command;
    }
}
