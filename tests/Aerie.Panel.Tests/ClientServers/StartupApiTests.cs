using System.Net;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary><c>GET …/startup</c> and <c>PUT …/startup/variable</c> (spec 04 §2.4, spec 05 §5.1), including the attacks on them.</summary>
public abstract class StartupApiTests(PanelFixture fixture)
{
    private const string Unauthorized = "This action is unauthorized.";
    private const string NoSuchVariable = "The environment variable you are trying to edit does not exist.";
    private const string ReadOnly = "The environment variable you are trying to edit is read-only.";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<HttpClient> ClientOfAsync(PanelUser user) => Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>The fixture egg server plus a locked variable (VERSION), an editable integer (PLAYERS, no value set)
    /// and an LD_PRELOAD the egg wrongly marks editable.</summary>
    private async Task<(GameServer Server, EggServer Egg)> ServerAsync(PanelUser owner)
    {
        var server = await Fixture.CreateServerAsync(owner);
        var egg = await ClientServerSetup.EggServerAsync(Fixture, server);
        server = egg.Server;
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var now = DateTimeOffset.UtcNow;
            db.EggVariables.AddRange(
                new EggVariable { EggId = egg.Egg.Id, Name = "Version", EnvVariable = "VERSION", DefaultValue = "1.21", UserViewable = true, UserEditable = false, Rules = "required|string", CreatedAt = now, UpdatedAt = now },
                new EggVariable { EggId = egg.Egg.Id, Name = "Max players", Description = "How many may join.", EnvVariable = "PLAYERS", DefaultValue = "20", UserViewable = true, UserEditable = true, Rules = "required|integer|between:1,100", CreatedAt = now, UpdatedAt = now },
                new EggVariable { EggId = egg.Egg.Id, Name = "Preload", EnvVariable = "LD_PRELOAD", DefaultValue = "", UserViewable = true, UserEditable = true, Rules = "nullable|string", CreatedAt = now, UpdatedAt = now });
            return await db.SaveChangesAsync();
        });
        return (server, egg);
    }

    private Task<GameServer> RowAsync(GameServer server) =>
        Fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.AsNoTracking().FirstAsync(s => s.Id == server.Id));

    private Task<string?> StoredAsync(GameServer server, string env) =>
        Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var variable = await db.EggVariables.AsNoTracking().FirstAsync(v => v.EggId == server.EggId && v.EnvVariable == env);
            return (await db.ServerVariables.AsNoTracking().FirstOrDefaultAsync(v => v.ServerId == server.Id && v.VariableId == variable.Id))?.Value;
        });

    [Fact]
    public async Task Get_ListsViewableVariables_WithTheDisplayCommand()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, egg) = await ServerAsync(owner);
        using var client = await ClientOfAsync(owner);

        var body = await JsonAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/startup"));
        Assert.Equal("list", body.GetProperty("object").GetString());
        var items = body.GetProperty("data").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("egg_variable", i.GetProperty("object").GetString()));
        var byName = items.ToDictionary(i => i.GetProperty("attributes").GetProperty("env_variable").GetString()!, i => i.GetProperty("attributes"));
        Assert.Equal(["JAR", "LD_PRELOAD", "PLAYERS", "VERSION"], byName.Keys.Order(StringComparer.Ordinal));
        var jar = byName["JAR"];
        Assert.Equal(("Jar", "server.jar", "paper.jar", true, "required|string|max:20"),
            (jar.GetProperty("name").GetString(), jar.GetProperty("default_value").GetString(), jar.GetProperty("server_value").GetString(),
             jar.GetProperty("is_editable").GetBoolean(), jar.GetProperty("rules").GetString()));
        Assert.Equal(JsonValueKind.Null, byName["PLAYERS"].GetProperty("server_value").ValueKind);
        Assert.Equal("How many may join.", byName["PLAYERS"].GetProperty("description").GetString());
        Assert.False(byName["VERSION"].GetProperty("is_editable").GetBoolean());
        Assert.False(byName["LD_PRELOAD"].GetProperty("is_editable").GetBoolean());

        var meta = body.GetProperty("meta");
        Assert.Equal($"java -Xmx1024M -jar paper.jar --ip {egg.Primary.Ip} --port 25565 --secret [hidden]", meta.GetProperty("startup_command").GetString());
        Assert.Equal(ClientServerSetup.Invocation, meta.GetProperty("raw_startup_command").GetString());
        var images = meta.GetProperty("docker_images");
        Assert.Equal((ClientServerSetup.ImageA, ClientServerSetup.ImageB), (images.GetProperty("Java 21").GetString(), images.GetProperty("Java 17").GetString()));
        Assert.False(meta.TryGetProperty("pagination", out _));
    }

    [Fact]
    public async Task Put_EditableVariable_Stored_NodeSynced_ActivityRecorded()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var syncsBefore = Fixture.Node.Calls.Count(c => c.Path == $"/api/servers/{server.Uuid}/sync");

        var body = await JsonAsync(await client.PutAsync($"/api/client/servers/{server.Identifier}/startup/variable", Body("""{"key":"JAR","value":"custom.jar"}""")));
        Assert.Equal("egg_variable", body.GetProperty("object").GetString());
        Assert.Equal(("JAR", "custom.jar"), (body.GetProperty("attributes").GetProperty("env_variable").GetString(), body.GetProperty("attributes").GetProperty("server_value").GetString()));
        Assert.Contains("-jar custom.jar ", body.GetProperty("meta").GetProperty("startup_command").GetString(), StringComparison.Ordinal);
        Assert.Equal(ClientServerSetup.Invocation, body.GetProperty("meta").GetProperty("raw_startup_command").GetString());

        Assert.Equal("custom.jar", await StoredAsync(server, "JAR"));
        var environment = Json.Read<Dictionary<string, string>>((await RowAsync(server)).EnvironmentJson);
        Assert.Equal(("custom.jar", "20", "s3cret"), (environment["JAR"], environment["PLAYERS"], environment["SECRET"]));
        // A number given as JSON is its text; the row that did not exist is created.
        Assert.Equal("42", (await JsonAsync(await client.PutAsync($"/api/client/servers/{server.Identifier}/startup/variable", Body("""{"key":"PLAYERS","value":42}"""))))
            .GetProperty("attributes").GetProperty("server_value").GetString());
        Assert.Equal("42", await StoredAsync(server, "PLAYERS"));

        await Eventually.TrueAsync(() => Fixture.Node.Calls.Count(c => c.Path == $"/api/servers/{server.Uuid}/sync") > syncsBefore, what: "the node told to sync");
        var activity = await Fixture.WaitForActivityAsync(server.Uuid, 2);
        var edit = activity.First(a => a.Event == "server:startup.edit");
        Assert.Contains("custom.jar", edit.MetadataJson, StringComparison.Ordinal);
        Assert.Contains("paper.jar", edit.MetadataJson, StringComparison.Ordinal);
        Assert.Contains("JAR", edit.MetadataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_LockedHiddenUnknownAndLoaderVariables_Refused()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/startup/variable";

        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"VERSION","value":"1.8"}""")), 400, ReadOnly, "BadRequestHttpException");
        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"LD_PRELOAD","value":"/tmp/evil.so"}""")), 400, ReadOnly);
        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"SECRET","value":"mine"}""")), 400, NoSuchVariable, "BadRequestHttpException");
        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"NOPE","value":"x"}""")), 400, NoSuchVariable);
        // Keys are exact: the lower-case spelling of a variable is no variable.
        await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"jar","value":"x"}""")), 400, NoSuchVariable);
        Assert.Equal((null, null, null), (await StoredAsync(server, "VERSION"), await StoredAsync(server, "LD_PRELOAD"), await StoredAsync(server, "SECRET")));
        // An administrator on the client API is held to the same egg flags.
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        using var adminClient = await ClientOfAsync(admin);
        await ApiErrorAssert.AssertAsync(await adminClient.PutAsync(path, Body("""{"key":"VERSION","value":"1.8"}""")), 400, ReadOnly);
    }

    [Fact]
    public async Task Put_ValueBreakingTheRules_Is422OnValue_WithLaravelMessages()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/startup/variable";

        Assert.Equal([("value", "max")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"key":"JAR","value":"a-name-much-too-long.jar"}"""))));
        var errors = await ApiErrorAssert.AssertAsync(await client.PutAsync(path, Body("""{"key":"PLAYERS","value":"lots"}""")), 422, null, "ValidationException");
        Assert.Equal("The Max players field must be an integer.", errors[0].GetProperty("detail").GetString());
        Assert.Equal([("value", "between")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"key":"PLAYERS","value":"101"}"""))));
        Assert.Equal([("value", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"key":"JAR","value":""}"""))));
        Assert.Equal([("value", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"key":"JAR","value":null}"""))));
        Assert.Equal([("value", "present")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"key":"JAR"}"""))));
        Assert.Equal([("key", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsync(path, Body("""{"value":"x"}"""))));
        Assert.Equal("paper.jar", await StoredAsync(server, "JAR"));
        Assert.Null(await StoredAsync(server, "PLAYERS"));
    }

    [Fact]
    public async Task Put_ShellTextStaysText_NullStoredAsEmpty()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var now = DateTimeOffset.UtcNow;
            db.EggVariables.Add(new EggVariable { EggId = server.EggId!.Value, Name = "Flags", EnvVariable = "FLAGS", UserViewable = true, UserEditable = true, Rules = "nullable|string|max:50", CreatedAt = now, UpdatedAt = now });
            return await db.SaveChangesAsync();
        });
        using var client = await ClientOfAsync(owner);
        var path = $"/api/client/servers/{server.Identifier}/startup/variable";

        var body = await JsonAsync(await client.PutAsync(path, Body("""{"key":"JAR","value":"$(id)"}""")));
        Assert.Equal("$(id)", body.GetProperty("attributes").GetProperty("server_value").GetString());
        Assert.Contains("-jar $(id) ", body.GetProperty("meta").GetProperty("startup_command").GetString(), StringComparison.Ordinal);
        Assert.Equal("$(id)", await StoredAsync(server, "JAR"));
        // The raw template goes to the node; the value only as an environment variable.
        Assert.Equal(ClientServerSetup.Invocation, (await RowAsync(server)).Invocation);
        Assert.Equal("$(id)", Json.Read<Dictionary<string, string>>((await RowAsync(server)).EnvironmentJson)["JAR"]);

        Assert.Equal("", (await JsonAsync(await client.PutAsync(path, Body("""{"key":"FLAGS","value":null}""")))).GetProperty("attributes").GetProperty("server_value").GetString());
        Assert.Equal("", await StoredAsync(server, "FLAGS"));
    }

    [Fact]
    public async Task Permissions_SubusersNeedStartupReadAndUpdate_OthersSeeNothing()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (reader, _) = await Fixture.CreateUserAsync();
        var (editor, _) = await Fixture.CreateUserAsync();
        var (stranger, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        await Fixture.AddSubuserAsync(server, reader, "startup.read");
        await Fixture.AddSubuserAsync(server, editor, "startup.update");
        using var readerClient = await ClientOfAsync(reader);
        using var editorClient = await ClientOfAsync(editor);
        using var strangerClient = await ClientOfAsync(stranger);
        var get = $"/api/client/servers/{server.Identifier}/startup";
        var put = $"/api/client/servers/{server.Identifier}/startup/variable";
        const string change = """{"key":"JAR","value":"sub.jar"}""";

        Assert.Equal(HttpStatusCode.OK, (await readerClient.GetAsync(get)).StatusCode);
        await ApiErrorAssert.AssertAsync(await readerClient.PutAsync(put, Body(change)), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await editorClient.GetAsync(get), 403, Unauthorized);
        await ApiErrorAssert.AssertAsync(await strangerClient.GetAsync(get), 404, null);
        await ApiErrorAssert.AssertAsync(await strangerClient.PutAsync(put, Body(change)), 404, null);
        Assert.Equal("paper.jar", await StoredAsync(server, "JAR"));

        // startup.update alone may change it; the answer's command then hides values (no startup.read).
        var body = await JsonAsync(await editorClient.PutAsync(put, Body(change)));
        Assert.Equal("sub.jar", await StoredAsync(server, "JAR"));
        Assert.Contains("-jar [hidden] ", body.GetProperty("meta").GetProperty("startup_command").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallingServer_Refuses_With409()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (server, _) = await ServerAsync(owner);
        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Status = global::Aerie.Panel.Servers.ServerStatuses.Installing);
        using var client = await ClientOfAsync(owner);
        await ApiErrorAssert.AssertAsync(await client.GetAsync($"/api/client/servers/{server.Identifier}/startup"), 409, null);
        await ApiErrorAssert.AssertAsync(await client.PutAsync($"/api/client/servers/{server.Identifier}/startup/variable", Body("""{"key":"JAR","value":"x.jar"}""")), 409, null);
    }
}

public sealed class StartupApiSqliteTests(SqlitePanelFixture f) : StartupApiTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class StartupApiPostgresTests(PostgresPanelFixture f) : StartupApiTests(f), IClassFixture<PostgresPanelFixture>;
