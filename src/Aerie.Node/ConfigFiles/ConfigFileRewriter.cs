using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Microsoft.Extensions.Logging;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// Rewrites a server's <c>process_configuration.configs</c> before each start (spec 05 §4.2): each file is opened
/// confined to the server folder (<see cref="ConfinedFile"/>), created empty when missing unless
/// <c>create_file: false</c>, rewritten by its parser and replaced atomically. A file that fails is logged, told in
/// the console, and left as it was; the start goes on. Ownership: both runtimes hand the whole server folder to the
/// game's user right after this step, so the game can read and write what was written here.
/// </summary>
internal sealed class ConfigFileRewriter(IGameInterface gameInterface, ILogger<ConfigFileRewriter> logger)
{
    public const string UpdatingNotice = "Updating process configuration files...";
    public const long MaxBytes = 64L * 1024 * 1024;

    public async Task RewriteAsync(string server, string root, IReadOnlyList<ConfigFile>? files, Action<string> notice, CancellationToken cancellationToken)
    {
        if (files is not { Count: > 0 })
        {
            return;
        }
        notice(UpdatingNotice);
        ConfigPlaceholders? placeholders = null;
        foreach (var file in files)
        {
            try
            {
                var parser = ConfigParsers.For(file.Parser) ?? throw new ConfigPathException($"{file.File}: unknown parser '{file.Parser}'");
                if (placeholders is null && parser is not LineParser && UsesPlaceholders(file))
                {
                    placeholders = new ConfigPlaceholders(await gameInterface.AddressAsync(cancellationToken));
                }
                Rewrite(root, file, parser, placeholders ?? ConfigPlaceholders.None);
                ConfigFileLog.Updated(logger, server, file.File, file.Parser);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var reason = e is ConfigPathException ? e.Message : $"{file.File}: {e.Message}";
                ConfigFileLog.Skipped(logger, server, file.File, reason);
                notice("Configuration file not updated: " + reason);
            }
        }
    }

    private static void Rewrite(string root, ConfigFile file, IConfigParser parser, ConfigPlaceholders placeholders)
    {
        using var opened = ConfinedFile.Open(root, file.File, create: file.CreateFile != false);
        if (opened is null)
        {
            return; // missing and create_file: false
        }
        var content = opened.Read(MaxBytes, file.File);
        opened.Replace(parser.Rewrite(content, file.Replace ?? [], placeholders), file.File);
    }

    private static bool UsesPlaceholders(ConfigFile file) =>
        (file.Replace ?? []).Any(r => r.ReplaceWith.ValueKind == JsonValueKind.String && ConfigPlaceholders.Uses(r.ReplaceWith.GetString()!));
}
