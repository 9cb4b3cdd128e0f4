using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>One server's config-file step of its start: its folder and its current <c>configs</c>, told in its console.</summary>
internal sealed class ServerConfigFiles(string server, Func<string> root, Func<IReadOnlyList<ConfigFile>?> files, ConfigFileRewriter rewriter, Action<string> notice)
{
    public Task ApplyAsync(CancellationToken cancellationToken) => rewriter.RewriteAsync(server, root(), files(), notice, cancellationToken);
}
