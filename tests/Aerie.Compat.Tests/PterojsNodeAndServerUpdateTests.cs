using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>pterojs 2.2.2's <c>PteroApp</c>: a node's create, deployable query and delete; a server's details and startup updates, reinstall and force delete.</summary>
[Collection(CompatCollection.Name)]
public sealed class PterojsNodeAndServerUpdateTests(CompatStack stack)
{
    [Fact]
    public async Task Node_CreateDeployableDelete()
    {
        var env = stack.Env();
        var f = await JsFlows.RunAsync("pterojs-app-node-lifecycle", env);

        var id = f.Int("create", "id");
        Assert.Equal($"pj-node-{env["UNIQUE"]}", f.Text("create", "name"));
        Assert.Equal("Made by pterojs", f.Text("create", "description"));
        Assert.Equal(stack.LocationId, f.Int("create", "locationId"));
        Assert.Equal(8080, f.Int("create", "daemon.listening"));
        Assert.NotEqual("Invalid Date", f.Text("create", "createdAt"));
        var deployable = f.Items("deployable").Select(n => FlowSteps.Dig(n, "id", "deployable").GetInt32()).ToList();
        Assert.Contains(id, deployable);
        Assert.Contains(stack.NodeId, deployable);
        var roomy = f.Items("tooBigForNew").Select(n => FlowSteps.Dig(n, "id", "tooBigForNew").GetInt32()).ToList();
        Assert.Contains(stack.NodeId, roomy);
        Assert.DoesNotContain(id, roomy); // the body's memory was read: 4096 MiB do not fit in the new node's 2048
        f.Ok("delete");
        Assert.Equal(404, f.Failed("afterDelete"));
    }

    [Fact]
    public async Task Server_UpdateDetailsAndStartup_Reinstall_ForceDelete()
    {
        var server = await stack.DemoServerAsync("pterojs updates");
        var env = stack.Env(("SERVER_ID", server.Id));
        var f = await JsFlows.RunAsync("pterojs-app-server-updates", env);

        Assert.Equal($"pj renamed {env["UNIQUE"]}", f.Text("details", "name"));
        Assert.Equal($"pjx-{env["UNIQUE"]}", f.Text("details", "externalId"));
        Assert.Equal(stack.AdminId, f.Int("details", "ownerId")); // pterojs filled the owner in from its fetch
        Assert.Equal("notch", f.Text("startup", "container.environment.DEMO_PLAYERS"));
        Assert.Equal("48", f.Text("startup", "container.environment.DEMO_MEMORY_MB"));
        Assert.Equal(CompatStack.EggImage, f.Text("startup", "container.image")); // pterojs sent back what it fetched
        f.Ok("reinstall"); // answered after the node accepted it
        f.Ok("forceDelete");
        Assert.Equal(404, f.Failed("afterDelete"));
        Assert.Null(await stack.ServerRowAsync(server.Id));
    }
}
