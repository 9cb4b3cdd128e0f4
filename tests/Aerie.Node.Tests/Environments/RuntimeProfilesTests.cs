using Aerie.Node.Configuration;
using Aerie.Node.Environments;
using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Node.Tests.Environments;

/// <summary>Which profile an image gets (spec 05 §9) and what a profile does to the game's environment.</summary>
public sealed class RuntimeProfilesTests
{
    private static readonly RuntimeProfiles Profiles = new(
    [
        new RuntimeProfileConfig { Image = "ghcr.io/pterodactyl/yolks:java_21", Path = ["/opt/jdk-21/bin"], Environment = { ["JAVA_HOME"] = "/opt/jdk-21" } },
        new RuntimeProfileConfig { Image = "ghcr.io/parkervcp/yolks:java_*", Path = ["/opt/jdk-17/bin"] },
        new RuntimeProfileConfig { Image = "ghcr.io/parkervcp/yolks:java_2*", Path = ["/opt/jdk-25/bin"] },
        new RuntimeProfileConfig { Image = "~aerie/debian:minetest", Path = ["/srv/minetest"] },
    ]);

    [Theory]
    [InlineData("ghcr.io/pterodactyl/yolks:java_21", "/opt/jdk-21/bin")]  // exact
    [InlineData("ghcr.io/parkervcp/yolks:java_8", "/opt/jdk-17/bin")]     // prefix
    [InlineData("ghcr.io/parkervcp/yolks:java_25", "/opt/jdk-25/bin")]    // the longer prefix wins
    [InlineData("~aerie/debian:minetest", "/srv/minetest")]              // configured before built-in
    [InlineData("~aerie/debian:supertuxkart", "/usr/games")]             // built-in
    [InlineData("~aerie/debian:minetest-old", "/usr/games")]             // built-in prefix, not the exact minetest one
    public void Find_ExactOrLongestPrefix(string image, string firstPath) =>
        Assert.Equal(firstPath, Profiles.Find(image)!.Path[0]);

    [Theory]
    [InlineData("ghcr.io/pterodactyl/yolks:java_17")] // an exact entry is not a prefix
    [InlineData("ghcr.io/parkervcp/yolks:java")]      // the prefix is everything before '*'
    [InlineData("ghcr.io/parkervcp/games:source")]
    public void For_NoProfile_RefusedWithTheSpecMessage(string image)
    {
        Assert.Null(Profiles.Find(image));
        var error = Assert.Throws<EnvironmentException>(() => Profiles.For(image));
        Assert.Equal($"no runtime profile for image {image}", error.Message);
    }

    [Fact]
    public void BuiltIn_MinetestFindsTheRealBinaryBeforeDebiansServiceWrapper() =>
        Assert.Equal(["/usr/lib/minetest", "/usr/games"], new RuntimeProfiles([]).Find("~aerie/debian:minetest")!.Path);

    [Fact]
    public void For_EmptyImage_NeedsNoProfile() => Assert.Same(RuntimeProfiles.None, Profiles.For(""));

    [Fact]
    public void Apply_PathPrefixedAndVariablesSet()
    {
        var env = new Dictionary<string, string?> { ["PATH"] = "/usr/bin:/bin", ["JAVA_HOME"] = "/wrong" };
        RuntimeProfiles.Apply(new RuntimeProfileConfig { Path = ["/opt/a/bin", "/opt/b/bin"], Environment = { ["JAVA_HOME"] = "/opt/a" } }, env);
        Assert.Equal("/opt/a/bin:/opt/b/bin:/usr/bin:/bin", env["PATH"]);
        Assert.Equal("/opt/a", env["JAVA_HOME"]);
        RuntimeProfiles.Apply(RuntimeProfiles.None, env);
        Assert.Equal("/opt/a/bin:/opt/b/bin:/usr/bin:/bin", env["PATH"]);
    }
}
