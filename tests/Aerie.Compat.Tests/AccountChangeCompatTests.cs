using System.Net;
using System.Net.Http.Json;
using Aerie.Compat.Tests.Support;

namespace Aerie.Compat.Tests;

/// <summary>
/// A plain user changing its e-mail and password through nodeactyl 3.3.0 and pterojs 2.2.2 (spec 04 §2.2), then
/// signing in with the new password; pterojs also reads the account activity the changes wrote.
/// </summary>
[Collection(CompatCollection.Name)]
public sealed class AccountChangeCompatTests(CompatStack stack)
{
    private const string NewPassword = "a-new-compat-password";

    [Fact]
    public async Task Nodeactyl_UpdateEmailAndPassword()
    {
        var user = await stack.UserAsync("na-acct");
        var email = $"moved-{user.Username}@example.com";
        var f = await JsFlows.RunAsync("nodeactyl-client-account-change", stack.Env(
            ("USER_KEY", await stack.ClientKeyAsync(user)), ("USER_PASSWORD", CompatStack.UserPassword), ("NEW_EMAIL", email), ("NEW_PASSWORD", NewPassword)));

        Assert.True(f.Ok("email").GetBoolean());
        Assert.Equal(email, f.Text("afterEmail", "email"));
        Assert.True(f.Ok("password").GetBoolean());
        Assert.Equal(user.Id, f.Int("keyStillWorks", "id")); // API keys outlive a password change (spec 01)
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(user.Username, NewPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(user.Username, CompatStack.UserPassword));
    }

    [Fact]
    public async Task Pterojs_UpdateEmailAndPassword_WrongPasswordIs400_ActivityListsBoth()
    {
        var user = await stack.UserAsync("pj-acct");
        var email = $"moved-{user.Username}@example.com";
        var f = await JsFlows.RunAsync("pterojs-client-account-change", stack.Env(
            ("USER_KEY", await stack.ClientKeyAsync(user)), ("USER_PASSWORD", CompatStack.UserPassword), ("NEW_EMAIL", email), ("NEW_PASSWORD", NewPassword)));

        Assert.Equal(user.Email, f.Text("account", "email"));
        Assert.Equal(email, f.Ok("email").GetString());
        var (status, message) = f.Error("wrongPassword");
        Assert.Equal(400, status);
        Assert.Contains("The password provided was invalid for this account.", message, StringComparison.Ordinal);
        Assert.True(f.Ok("password").GetBoolean());
        Assert.Equal(400, f.Failed("wrongCurrent"));
        var events = f.Items("activities").Select(a => FlowSteps.Dig(a, "event", "activities").GetString()).ToList();
        Assert.Contains("user:account.email-changed", events);
        Assert.Contains("user:account.password-changed", events);
        Assert.All(f.Items("activities"), a => Assert.NotEqual("Invalid Date", FlowSteps.Dig(a, "timestamp", "activities").GetString()));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(user.Username, NewPassword));
    }

    private async Task<HttpStatusCode> LoginAsync(string login, string password)
    {
        using var http = new HttpClient { BaseAddress = new Uri(stack.PanelUrl) };
        using var answer = await http.PostAsJsonAsync("/auth/login", new { login, password });
        return answer.StatusCode;
    }
}
