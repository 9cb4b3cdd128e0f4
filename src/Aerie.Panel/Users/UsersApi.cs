using Aerie.Panel.ApiKeys;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Users;

internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/application/users").AddEndpointFilter(new AuthFilter(adminOnly: true))
            .AddEndpointFilter(new ApplicationResourceFilter(ApplicationResource.Users));
        group.MapGet("/", async (PanelDb db, CancellationToken ct) =>
            Results.Ok(new { data = (await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct)).Select(UserView.Of) }));
        group.MapPost("/", async (UserPatch body, UserService users, CancellationToken ct) =>
        {
            var user = await users.CreateAsync(body.Username, body.Email, body.Password, body.Admin ?? false, ct);
            return Results.Created($"/api/application/users/{user.Uuid}", UserView.Of(user));
        });
        group.MapGet("/{uuid:guid}", async (Guid uuid, UserService users, CancellationToken ct) => Results.Ok(UserView.Of(await users.FindAsync(uuid, ct))));
        group.MapPatch("/{uuid:guid}", async (Guid uuid, UserPatch body, UserService users, CancellationToken ct) =>
            Results.Ok(UserView.Of(await users.UpdateAsync(uuid, body, ct))));
        group.MapDelete("/{id:int}", async (int id, UserService users, CancellationToken ct) =>
        {
            await users.DeleteAsync(id, ct);
            return Results.NoContent();
        });
        return app;
    }
}
