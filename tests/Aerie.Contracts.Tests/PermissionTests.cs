using Aerie.Contracts.Permissions;

namespace Aerie.Contracts.Tests;

public sealed class PermissionTests
{
    [Theory]
    [InlineData("control.start", true)]
    [InlineData("websocket.connect", true)]
    [InlineData("admin.websocket.errors", false)]
    [InlineData("admin.websocket.install", false)]
    public void Grants_Wildcard_GrantsAllButAdmin(string wanted, bool expected) =>
        Assert.Equal(expected, Permission.Grants(["*"], wanted));

    [Fact]
    public void Grants_ExplicitAdmin_Granted() =>
        Assert.True(Permission.Grants(["*", "admin.websocket.errors"], "admin.websocket.errors"));

    [Fact]
    public void Grants_MissingPermission_Refused() =>
        Assert.False(Permission.Grants(["websocket.connect"], "control.console"));
}
