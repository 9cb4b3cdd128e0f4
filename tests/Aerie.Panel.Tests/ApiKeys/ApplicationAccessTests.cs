using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Tests.ApiKeys;

/// <summary>The r_* check the Application API routes call: bit 1 for reads, bit 2 for writes; sessions and client keys pass.</summary>
public sealed class ApplicationAccessTests
{
    private static readonly PanelUser Admin = new() { Username = "root", Email = "root@example.test", PasswordHash = "x", Admin = true };

    private static DefaultHttpContext As(ApiKey? key, string method = "GET")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        new Caller(Admin, key).Attach(http);
        return http;
    }

    private static ApiKey Application(ApplicationResource resource, int mask)
    {
        var key = new ApiKey { Identifier = "ptla_abcdefghijk", SecretHash = "", KeyType = ApiKeyType.Application };
        ApplicationMasks.Set(key, resource, mask);
        return key;
    }

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(1, true, false)]
    [InlineData(2, false, true)]
    [InlineData(3, true, true)]
    public void Masks_ReadAndWriteBits(int mask, bool read, bool write)
    {
        var key = Application(ApplicationResource.Nodes, mask);
        Assert.Equal(read, Allowed(() => ApplicationAccess.Require(As(key, "GET"), ApplicationResource.Nodes)));
        Assert.Equal(write, Allowed(() => ApplicationAccess.Require(As(key, "PATCH"), ApplicationResource.Nodes)));
        Assert.Equal(write, Allowed(() => ApplicationAccess.Require(As(key), ApplicationResource.Nodes, write: true)));
        Assert.False(Allowed(() => ApplicationAccess.Require(As(key), ApplicationResource.Eggs, write: false)), "another resource's mask is 0");
    }

    [Fact]
    public void Refusal_Is403ThisActionIsUnauthorized()
    {
        var problem = Assert.Throws<PanelProblem>(() => ApplicationAccess.Require(As(Application(ApplicationResource.Users, 1), "DELETE"), ApplicationResource.Users));
        Assert.Equal(403, problem.Status);
        Assert.Equal(("AccessDeniedHttpException", "This action is unauthorized."), (problem.Errors[0].Code, problem.Errors[0].Detail));
    }

    [Fact]
    public void SessionAndClientKey_HaveFullAccess()
    {
        ApplicationAccess.Require(As(null, "DELETE"), ApplicationResource.Servers);
        ApplicationAccess.Require(As(new ApiKey { Identifier = "ptlc_abcdefghijk", SecretHash = "" }, "POST"), ApplicationResource.Servers);
    }

    private static bool Allowed(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (PanelProblem)
        {
            return false;
        }
    }
}
