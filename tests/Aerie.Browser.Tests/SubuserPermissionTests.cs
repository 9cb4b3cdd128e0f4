using System.Net.WebSockets;
using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>A subuser without <c>control.start</c>: the UI offers no start, and the node ignores one sent by hand.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SubuserPermissionTests(UpFixture up)
{
    private static readonly TimeSpan FrameWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Subuser_WithoutControlStart_CannotStartFromPageOrSocket()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "no-start");
        var user = await TestData.UserAsync(up.Stack, "nostart");
        await TestData.SubuserAsync(up.Stack, server, user, Permission.WebsocketConnect, Permission.ControlConsole);

        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, user.Username, TestData.Password);
        var console = await ConsolePage.OpenAsync(page, server.Identifier);
        await console.ExpectStateAsync(ServerStates.Offline);
        await Expect(console.StartButton).ToBeDisabledAsync();
        await Expect(console.CommandLine).ToBeEnabledAsync();

        using var session = await PanelSession.LoginAsync(up.PanelUrl, user.Username, TestData.Password);
        var credentials = await session.CredentialsAsync(server.Identifier);
        await using var socket = await ConsoleClient.ConnectAsync(credentials.Socket, origin: up.PanelUrl);
        await socket.SendAsync(SocketEvents.Auth, credentials.Token);
        await socket.WaitForAsync(SocketEvents.AuthSuccess, FrameWait);
        await socket.WaitForAsync(SocketEvents.Stats, FrameWait); // the one sent to a new socket of an offline server

        await socket.SendAsync(SocketEvents.SetState, PowerActions.Start);
        // Events on a socket are handled in order: the answer to this one means the start was handled (ignored).
        await socket.SendAsync(SocketEvents.SendStats);
        await socket.WaitForAsync(SocketEvents.Stats, FrameWait);
        await socket.CollectAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(WebSocketState.Open, socket.Socket.State);

        var seen = socket.Received;
        Assert.DoesNotContain(seen, f => f.Event == SocketEvents.Status && f.Args is [not ServerStates.Offline]);
        Assert.DoesNotContain(seen, f => f.Event == SocketEvents.JwtError);
        Assert.Equal(ServerStates.Offline, TestData.NodeState(up.Stack, server.Uuid));
        await console.ExpectStateAsync(ServerStates.Offline);
        await page.Context.CloseAsync();
    }
}
