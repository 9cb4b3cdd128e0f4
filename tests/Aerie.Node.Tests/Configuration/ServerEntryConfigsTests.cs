using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Configuration;

/// <summary>A node without a panel lists config-file rewrites in its own config, in the panel's shape.</summary>
public sealed class ServerEntryConfigsTests
{
    [Fact]
    public void Parse_ServerConfigs_MapToProcessConfigurationConfigs()
    {
        var yaml = """
            token: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            servers:
              - uuid: 0b7f1d1e-5d1c-4b55-8a4e-0a0000000002
                invocation: java -jar server.jar
                configs:
                  - file: server.properties
                    parser: properties
                    replace:
                      - { match: server-port, replace_with: "25565" }
                      - { match: level-type, replace_with: flat, if_value: normal }
                  - file: optional.json
                    parser: json
                    create_file: false
            """;

        var configs = Assert.Single(NodeConfigLoader.Parse(yaml, "test").Config.Servers).ToConfiguration().ProcessConfiguration.Configs!;

        Assert.Equal(2, configs.Count);
        Assert.Equal(("server.properties", "properties", true), (configs[0].File, configs[0].Parser, configs[0].CreateFile!.Value));
        Assert.Equal("25565", configs[0].Replace[0].ReplaceWith.GetString());
        Assert.Null(configs[0].Replace[0].IfValue);
        Assert.Equal("normal", configs[0].Replace[1].IfValue);
        Assert.False(configs[1].CreateFile);
        Assert.Empty(configs[1].Replace);
    }
}
