using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Configuration;

/// <summary><c>system.process_runtime.runtime_profiles</c>: read, checked and written back by the one config model.</summary>
public sealed class RuntimeProfileConfigTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static string Yaml(string profiles) => $"""
        token: {Secret}
        system:
          process_runtime:
            runtime_profiles:
        {profiles}
        """;

    [Fact]
    public void Parse_Profiles_BoundAndWrittenBack()
    {
        var config = NodeConfigLoader.Parse(Yaml("""
                  - image: "ghcr.io/parkervcp/yolks:java_*"
                    path: [/usr/lib/jvm/java-17-openjdk-amd64/bin]
                    environment: {JAVA_HOME: /usr/lib/jvm/java-17-openjdk-amd64}
                  - image: ~aerie/debian:minetest
            """), "config.yml").Config;
        var profiles = config.System.ProcessRuntime.RuntimeProfiles;
        Assert.Equal(2, profiles.Count);
        Assert.Equal(("ghcr.io/parkervcp/yolks:java_*", "/usr/lib/jvm/java-17-openjdk-amd64/bin", "/usr/lib/jvm/java-17-openjdk-amd64"),
            (profiles[0].Image, profiles[0].Path.Single(), profiles[0].Environment["JAVA_HOME"]));
        Assert.Equal(("~aerie/debian:minetest", 0, 0), (profiles[1].Image, profiles[1].Path.Count, profiles[1].Environment.Count));

        var again = NodeConfigLoader.Parse(NodeConfigWriter.ToYaml(config), "written.yml").Config.System.ProcessRuntime.RuntimeProfiles;
        Assert.Equal(profiles.Select(p => (p.Image, string.Join(',', p.Path), string.Join(',', p.Environment))),
            again.Select(p => (p.Image, string.Join(',', p.Path), string.Join(',', p.Environment))));
    }

    [Theory]
    [InlineData("  - image: \"\"", "runtime_profiles[0].image: expected an image reference")]
    [InlineData("  - image: \"ghcr.io/*/yolks:java_21\"", "runtime_profiles[0].image: expected an image reference")]
    [InlineData("  - {image: a/b, path: [relative/bin]}", "runtime_profiles[0].path: expected absolute folders without ':', got 'relative/bin'")]
    [InlineData("  - {image: a/b, path: [\"/a:/b\"]}", "runtime_profiles[0].path: expected absolute folders")]
    [InlineData("  - {image: a/b, environment: {PATH: /opt/bin}}", "runtime_profiles[0].environment: PATH is set with the 'path' key")]
    [InlineData("  - {image: a/b, environment: {\"A-B\": x}}", "runtime_profiles[0].environment: expected variable names")]
    [InlineData("  - {image: a/b, paths: [/x]}", "runtime_profiles[0].paths: unknown key")]
    public void Parse_BadProfile_RefusedNamingTheKey(string entry, string message)
    {
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.Parse(Yaml("        " + entry), "config.yml"));
        Assert.Contains("system.process_runtime." + message, error.Message, StringComparison.Ordinal);
    }
}
