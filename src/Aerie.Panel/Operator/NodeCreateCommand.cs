using Aerie.Panel.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Operator;

/// <summary><c>aerie node:create --name N --internal-url http://10.0.0.5:8080 --public-url https://node.example.com:443</c>.</summary>
internal static class NodeCreateCommand
{
    public static Task<int> RunAsync(PanelOptions panel, string name, string internalUrl, string publicUrl, TextWriter output, TextWriter error) =>
        OperatorRunner.RunAsync("node:create", panel, error, async sp =>
        {
            var nodes = sp.GetRequiredService<NodeService>();
            var node = await nodes.CreateAsync(await nodes.UrlDetailsAsync(name, internalUrl, publicUrl, CancellationToken.None), CancellationToken.None);
            await output.WriteLineAsync($"created node {node.Name} id={node.Id} uuid={node.Uuid}; print its config with: aerie node:config --node {node.Id}");
        });
}
