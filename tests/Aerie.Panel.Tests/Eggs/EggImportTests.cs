using System.Text.Json.Nodes;
using Aerie.Panel.Eggs.Transfer;

namespace Aerie.Panel.Tests.Eggs;

/// <summary>Spec 05 §1: every published format imports, with the import normalisations; export → re-import gives the same template.</summary>
public sealed class EggImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> FixturesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in EggFixtures.Names())
        {
            data.Add(name, "json");
            data.Add(name, "yaml");
        }
        return data;
    }

    [Fact]
    public void Fixtures_CoverEveryFileFormatInTheFolder()
    {
        var versions = EggFixtures.Names().Select(n => EggFileReader.Read(EggFixtures.Text(n), n)["meta"]!["version"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "PTDL_v1", "PTDL_v2", "PLCN_v2", "PLCN_v3" }, versions);
    }

    [Theory]
    [MemberData(nameof(FixturesAndFormats))]
    public void EveryFixture_Imports_AndExportThenReimport_GivesTheSameTemplate(string name, string format)
    {
        var imported = EggImporter.Import(EggFixtures.Text(name), name);
        var file = format == "json" ? EggExporter.PtdlV2Json(imported, Now) : EggExporter.PlcnV3Yaml(imported, Now);
        var again = EggImporter.Import(file, "export." + format);
        Assert.Equal(imported.Canonical().ToJsonString(), again.Canonical().ToJsonString());
        var version = EggFileReader.Read(file, "export." + format)["meta"]!["version"]!.GetValue<string>();
        Assert.Equal(format == "json" ? "PTDL_v2" : "PLCN_v3", version);
        Assert.NotEmpty(imported.Variables);
    }

    [Fact]
    public void PtdlV1_ImagesList_BecomesDockerImages_AndConfigStringsAreParsed()
    {
        var egg = EggImporter.Import(EggFixtures.Text("ptdl1-team-fortress2.json"), "ptdl1-team-fortress2.json");
        Assert.Equal("""{"ghcr.io/pterodactyl/games:source":"ghcr.io/pterodactyl/games:source"}""", egg.Egg.DockerImagesJson);
        Assert.Equal("""{"done":"gameserver Steam ID"}""", egg.Egg.ConfigStartupJson);
        Assert.Equal("quit", egg.Egg.ConfigStop);
        Assert.StartsWith("./srcds_run -game tf", egg.Egg.Startup, StringComparison.Ordinal);
        Assert.Equal(egg.Egg.Startup, JsonNode.Parse(egg.Egg.StartupCommandsJson)!["Default"]!.GetValue<string>());
        Assert.Equal("required|string|alpha_num|size:32", egg.Variables.Single(v => v.EnvVariable == "STEAM_ACC").Rules);
        Assert.Contains("\r\n", egg.Egg.ScriptInstall, StringComparison.Ordinal); // kept as published
        Assert.Equal(("bash", "ghcr.io/pterodactyl/installers:debian"), (egg.Egg.ScriptEntry, egg.Egg.ScriptContainer));
    }

    [Fact]
    public void PlcnV3Yaml_ObjectsAreReencoded_RulesArraysJoined_IconTagsAndSortKept()
    {
        var egg = EggImporter.Import(EggFixtures.Text("plcn3-paper.yaml"), "plcn3-paper.yaml");
        Assert.Equal(Guid.Parse("5da37ef6-58da-4169-90a6-e683e1721247"), egg.Egg.Uuid);
        Assert.StartsWith("data:image/svg+xml;base64,", egg.Egg.Icon, StringComparison.Ordinal); // called `image` in this file
        Assert.Equal("""["minecraft"]""", egg.Egg.TagsJson);
        Assert.Equal("[]", egg.Egg.FileDenylistJson); // `{  }` in the file
        Assert.Equal("server.properties", Assert.Single(JsonNode.Parse(egg.Egg.ConfigFilesJson)!.AsObject()).Key);
        Assert.Equal("properties", JsonNode.Parse(egg.Egg.ConfigFilesJson)!["server.properties"]!["parser"]!.GetValue<string>());
        Assert.Equal("https://raw.githubusercontent.com/pelican-eggs/minecraft/refs/heads/main/java/paper/egg-paper.yaml", egg.Egg.UpdateUrl);
        var jar = egg.Variables.Single(v => v.EnvVariable == "SERVER_JARFILE");
        Assert.Equal(("required|regex:/^([\\w\\d._-]+)(\\.jar)$/", 2, "server.jar"), (jar.Rules, jar.Sort, jar.DefaultValue));
        Assert.Equal("", egg.Variables.Single(v => v.EnvVariable == "DL_PATH").DefaultValue);
        Assert.Equal("ghcr.io/pelican-eggs/yolks:java_21", JsonNode.Parse(egg.Egg.DockerImagesJson)!.AsObject().First().Value!.GetValue<string>());
    }

    [Fact]
    public void DuplicateJsonKeys_LastWins_AsPhpReadsThem()
    {
        var egg = EggImporter.Import(EggFixtures.Text("plcn2-tshock.json"), "plcn2-tshock.json");
        Assert.Null(egg.Variables.Single(v => v.EnvVariable == "MAX_PLAYERS").Sort); // "sort": 1 … "sort": null
        Assert.Equal(4, egg.Variables.Single(v => v.EnvVariable == "TSHOCK_VERSION").Sort);
        Assert.Equal("required|numeric|digits_between:1,3", egg.Variables.Single(v => v.EnvVariable == "MAX_PLAYERS").Rules);
    }

    [Fact]
    public void Normalisations_UpperCase_ReservedRename_ScalarDefaults()
    {
        const string yaml = """
            meta: { version: PLCN_v3 }
            name: Test
            docker_images: { Debian: 'debian:12' }
            startup_commands:
              Default: './run --port {{SERVER_PORT}} --name {{hostname}} --level {{level}}'
            config:
              files:
                a.json: { parser: json, find: { level: '{{env.level}}' } }
              startup: { done: ready }
              stop: '^C'
            variables:
              - { name: Level, env_variable: level, default_value: 20, user_viewable: 1, user_editable: true, rules: 'required|integer|' }
              - { name: Host, env_variable: hostname, default_value: true, user_viewable: false, user_editable: false, rules: [nullable, string] }
              - { name: Empty, env_variable: EMPTY, default_value: ~, rules: ~ }
            """;
        var egg = EggImporter.Import(yaml, "egg.yaml");
        Assert.Equal(["LEVEL", "SERVER_HOSTNAME", "EMPTY"], egg.Variables.Select(v => v.EnvVariable));
        Assert.Equal("./run --port {{SERVER_PORT}} --name {{SERVER_HOSTNAME}} --level {{LEVEL}}", egg.Egg.Startup);
        Assert.Equal("{{env.LEVEL}}", JsonNode.Parse(egg.Egg.ConfigFilesJson)!["a.json"]!["find"]!["level"]!.GetValue<string>());
        Assert.Equal(["20", "true", ""], egg.Variables.Select(v => v.DefaultValue));
        Assert.Equal(["required|integer", "nullable|string", ""], egg.Variables.Select(v => v.Rules));
        Assert.Equal([true, false, false], egg.Variables.Select(v => v.UserViewable));
        Assert.NotEqual(Guid.Empty, egg.Egg.Uuid); // none in the file: a new one
    }

    [Fact]
    public void ReservedRename_CoversPServerAllocations()
    {
        const string yaml = """
            meta: { version: PLCN_v3 }
            name: Test
            docker_images: { Debian: 'debian:12' }
            startup_commands:
              Default: './run --ports {{P_SERVER_ALLOCATIONS}}'
            config: { startup: { done: ready }, stop: stop }
            variables:
              - { name: Ports, env_variable: P_SERVER_ALLOCATIONS, default_value: '', rules: 'nullable|string' }
            """;
        var egg = EggImporter.Import(yaml, "egg.yaml");
        // The panel sets P_SERVER_ALLOCATIONS itself (spec 05 §8), so an egg's own one is renamed.
        Assert.Equal(["SERVER_P_SERVER_ALLOCATIONS"], egg.Variables.Select(v => v.EnvVariable));
        Assert.Equal("./run --ports {{SERVER_P_SERVER_ALLOCATIONS}}", egg.Egg.Startup);
    }

    [Theory]
    [InlineData("""{"meta":{"version":"PTDL_v9"},"name":"x"}""", "meta.version", "The file format is not recognized.")]
    [InlineData("""{"name":"x"}""", "meta.version", "The file format is not recognized.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x",""", "file", null)]
    [InlineData("meta: [unclosed\nname: x", "file", null)]
    [InlineData("""["not an egg"]""", "file", null)]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"docker_images":{"a":"b"},"startup":"s"}""", "name", "The name field is required.")]
    [InlineData("""{"meta":{"version":"PTDL_v1"},"name":"x","startup":"s"}""", "images", "The images field is required.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","startup":"s"}""", "docker_images", "The docker_images field is required.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"}}""", "startup", "The startup field is required.")]
    [InlineData("""{"meta":{"version":"PLCN_v3"},"name":"x","docker_images":{"a":"b"}}""", "startup_commands", "The startup_commands field is required.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","config":{"files":"{nope"}}""", "config.files", null)]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","config":{"startup":"[1]"}}""", "config.startup", "The config.startup field must be an object.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","variables":[{"name":"v"}]}""", "variables.0.env_variable", "The variables.0.env_variable field is required.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","variables":[{"name":"v","env_variable":"A B"}]}""", "variables.0.env_variable", "The variables.0.env_variable field format is invalid.")]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","variables":[{"name":"v","env_variable":"A"},{"name":"w","env_variable":"a"}]}""", "variables.1.env_variable", null)]
    [InlineData("""{"meta":{"version":"PTDL_v2"},"name":"x","docker_images":{"a":"b"},"startup":"s","variables":[{"name":"v","env_variable":"A","user_viewable":"yes"}]}""", "variables.0.user_viewable", "The variables.0.user_viewable field must be a boolean.")]
    [InlineData("""{"meta":{"version":"PLCN_v1"},"uuid":"nope","name":"x","docker_images":{"a":"b"},"startup":"s"}""", "uuid", "The uuid field must be a valid UUID.")]
    public void Refusals_NameTheKey(string text, string key, string? message)
    {
        var error = Assert.Throws<EggFileError>(() => EggImporter.Import(text));
        Assert.Equal(key, error.Key);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
        else
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
    }
}
