using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>The server settings the libraries offer beyond rename (spec 04 §2.4): reinstall (both libraries, and nodeactyl's application call) and pterojs's docker image.</summary>
[Collection(CompatCollection.Name)]
public sealed class ServerSettingsCompatTests(CompatStack stack)
{
    private static readonly TimeSpan Install = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Nodeactyl_Reinstall_RunsTheInstallAndReportsBack()
    {
        var server = await stack.DemoServerAsync("nodeactyl reinstall");
        var f = await JsFlows.RunAsync("nodeactyl-client-reinstall", stack.Env(("SERVER", server.Identifier)));

        Assert.True(f.Ok("reinstall").GetBoolean());
        await Eventually.TrueAsync(async () => (await stack.EventsAsync(server: server.Uuid)).Contains("server:reinstall"), "the reinstall's activity entry", Install);
        await Eventually.TrueAsync(async () => (await stack.ServerRowAsync(server.Id))!.Status is null, "the node to report the reinstall done", Install);
    }

    [Fact]
    public async Task NodeactylApplication_Reinstall_UnknownIs404()
    {
        var server = await stack.DemoServerAsync("nodeactyl app reinstall");
        var f = await JsFlows.RunAsync("nodeactyl-app-reinstall", stack.Env(("SERVER_ID", server.Id)));

        Assert.True(f.Ok("reinstall").GetBoolean());
        Assert.Equal(404, f.Failed("unknown"));
        // The 204 came after the node accepted the reinstall (spec 04 §3.5); the install then reports back.
        await Eventually.TrueAsync(async () => (await stack.ServerRowAsync(server.Id))!.Status is null, "the node to report the reinstall done", Install);
    }

    [Fact]
    public async Task Pterojs_DockerImage_OnlyTheEggs_Reinstall()
    {
        var server = await stack.DemoServerAsync("pterojs settings");
        var f = await JsFlows.RunAsync("pterojs-client-settings", stack.Env(("SERVER", server.Identifier)));

        f.Ok("dockerImage");
        Assert.Equal(CompatStack.EggImage, (await stack.ServerRowAsync(server.Id))!.Image);
        var (status, message) = f.Error("notTheEggs");
        Assert.Equal(422, status);
        Assert.Contains("docker image", message.Replace('_', ' '), StringComparison.Ordinal);
        f.Ok("reinstall");
        await Eventually.TrueAsync(async () => (await stack.EventsAsync(server: server.Uuid)).Contains("server:reinstall"), "the reinstall's activity entry", Install);
        await Eventually.TrueAsync(async () => (await stack.ServerRowAsync(server.Id))!.Status is null, "the node to report the reinstall done", Install);
    }
}
