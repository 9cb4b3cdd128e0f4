using System.Reflection;

namespace Aerie.Commands;

internal static class VersionCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        Console.WriteLine($"aerie {version}");
        return Task.FromResult(0);
    }
}
