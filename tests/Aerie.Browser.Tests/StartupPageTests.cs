using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aerie.Browser.Tests.Support;
using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>
/// The Startup page (spec 05 §5.1): a user changes an editable variable of a server made from an egg, sees the rule
/// error for a bad value first, and gets no input for a locked variable. The egg is imported and the server created
/// through the Application API, as an administrator's tooling would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StartupPageTests(UpFixture up)
{
    // A small egg of our own: MOTD editable (at most 20 characters), LEVEL locked, SECRET hidden.
    private const string Egg = """
        {
          "meta": {"version": "PTDL_v2", "update_url": null},
          "name": "Startup page test egg",
          "author": "browser-tests@aerie.test",
          "description": "Variables of each kind for the Startup page.",
          "docker_images": {"Alpine": "alpine:3.20"},
          "startup": "./game --motd {{MOTD}} --level {{LEVEL}} --secret {{SECRET}} --port {{SERVER_PORT}}",
          "config": {"files": "{}", "startup": "{\"done\": \"Done\"}", "logs": "{}", "stop": "stop"},
          "scripts": {"installation": {"script": "true", "container": "alpine:3.20", "entrypoint": "ash"}},
          "variables": [
            {"name": "Message of the day", "description": "Shown to players when they join.", "env_variable": "MOTD", "default_value": "hello",
             "user_viewable": true, "user_editable": true, "rules": "required|string|max:20"},
            {"name": "Level", "description": "Chosen by the host.", "env_variable": "LEVEL", "default_value": "world",
             "user_viewable": true, "user_editable": false, "rules": "required|string"},
            {"name": "Secret", "env_variable": "SECRET", "default_value": "s3cret", "user_viewable": false, "user_editable": false, "rules": "nullable|string"}
          ]
        }
        """;

    [Fact]
    public async Task User_ChangesEditableVariable_SeesRuleError_LockedHasNoInput()
    {
        var owner = await TestData.UserAsync(up.Stack, "startup");
        var server = await CreateEggServerAsync(owner);
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, owner.Username, TestData.Password);
        await page.Locator($"a.server-card[href='/server/{server.Identifier}']").ClickAsync();
        await page.Locator(".server-links a", new() { HasText = "Startup" }).ClickAsync();

        var command = page.Locator("code.startup-command");
        await Expect(command).ToContainTextAsync("./game --motd hello --level world --secret [hidden] --port ");
        var motd = page.Locator(".startup-variable[data-variable=MOTD]");
        await Expect(motd).ToContainTextAsync("Shown to players when they join.");
        var level = page.Locator(".startup-variable[data-variable=LEVEL]");
        await Expect(level).ToContainTextAsync("world");
        await Expect(level.Locator("input")).ToHaveCountAsync(0);
        await Expect(page.Locator(".startup-variable[data-variable=SECRET]")).ToHaveCountAsync(0);

        var input = motd.Locator("input[name=MOTD]");
        await Expect(input).ToHaveValueAsync("hello");
        await input.FillAsync("a message far too long for the rule");
        await motd.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(motd.Locator("p.message.error")).ToHaveTextAsync("The Message of the day field must not be greater than 20 characters.");
        Assert.Equal("hello", await StoredAsync(server, "MOTD"));

        await input.FillAsync("welcome back");
        await motd.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(motd.Locator("p.message.success")).ToContainTextAsync("Saved.");
        await Expect(command).ToContainTextAsync("--motd welcome back --level world");
        Assert.Equal("welcome back", await StoredAsync(server, "MOTD"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("startup.png") });
        await page.Context.CloseAsync();
    }

    private async Task<GameServer> CreateEggServerAsync(PanelUser owner)
    {
        string token;
        await using (var scope = up.Stack.Panel.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var admin = await sp.GetRequiredService<PanelDb>().Users.FirstAsync(u => u.Uuid == up.Stack.Provisioned.AdminUuid);
            var masks = Enum.GetValues<ApplicationResource>().ToDictionary(r => r, _ => 3);
            token = (await sp.GetRequiredService<ApiKeyService>().CreateApplicationAsync(admin, "startup page test", masks, null, CancellationToken.None)).Token;
        }
        using var http = new HttpClient { BaseAddress = new Uri(up.PanelUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var nest = await AttributesAsync(await http.PostAsJsonAsync("/api/application/nests", new { name = "startup-" + Guid.NewGuid().ToString("N")[..8] }));
        var egg = await AttributesAsync(await http.PostAsync($"/api/application/nests/{nest.GetProperty("id").GetInt32()}/eggs/import",
            new StringContent(Egg, Encoding.UTF8, "application/json")));
        var nodeId = up.Stack.Provisioned.Node.Id;
        var port = FreePort.Next();
        using (var added = await http.PostAsJsonAsync($"/api/application/nodes/{nodeId}/allocations", new { ip = "127.0.0.1", ports = new[] { port.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }
        var allocations = JsonDocument.Parse(await http.GetStringAsync($"/api/application/nodes/{nodeId}/allocations?per_page=500")).RootElement.GetProperty("data");
        var allocation = allocations.EnumerateArray().Select(a => a.GetProperty("attributes")).First(a => a.GetProperty("port").GetInt32() == port).GetProperty("id").GetInt32();
        var created = await AttributesAsync(await http.PostAsJsonAsync("/api/application/servers", new
        {
            name = "startup page",
            user = owner.Id,
            egg = egg.GetProperty("id").GetInt32(),
            docker_image = "alpine:3.20",
            startup = egg.GetProperty("startup").GetString(),
            environment = new Dictionary<string, string>(),
            limits = new { memory = 512, swap = 0, disk = 1024, io = 500, cpu = 100 },
            feature_limits = new { databases = 0, backups = 0 },
            allocation = new { @default = allocation },
            skip_scripts = true,
        }));
        var id = created.GetProperty("id").GetInt32();
        await using (var scope = up.Stack.Panel.Services.CreateAsyncScope())
        {
            // The install is another part of the panel (and not this test's subject): the node's report is stood in for,
            // so the server leaves `installing` and its client routes answer.
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            await db.Servers.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, (string?)null));
            return await db.Servers.AsNoTracking().FirstAsync(s => s.Id == id);
        }
    }

    private static async Task<JsonElement> AttributesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("attributes").Clone();
        }
    }

    private async Task<string?> StoredAsync(GameServer server, string env)
    {
        await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var variable = await db.EggVariables.AsNoTracking().FirstAsync(v => v.EggId == server.EggId && v.EnvVariable == env);
        return (await db.ServerVariables.AsNoTracking().FirstOrDefaultAsync(v => v.ServerId == server.Id && v.VariableId == variable.Id))?.Value;
    }
}
