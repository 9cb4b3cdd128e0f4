using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Locations;

/// <summary>Locations: create, change, delete (refused while nodes are in it).</summary>
internal sealed class LocationService(PanelDb db, TimeProvider time)
{
    public const string HasNodesText = "Cannot delete a location that has active nodes attached to it.";

    public async Task<Location> FindAsync(int id, CancellationToken ct) =>
        await db.Locations.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);

    public async Task<Location> CreateAsync(string shortCode, string? longName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var location = new Location { Short = "", CreatedAt = now, UpdatedAt = now };
        await ApplyAsync(location, shortCode, longName, ct);
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        return location;
    }

    public async Task<Location> UpdateAsync(int id, string shortCode, string? longName, CancellationToken ct)
    {
        var location = await FindAsync(id, ct);
        await ApplyAsync(location, shortCode, longName, ct);
        location.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return location;
    }

    public async Task DeleteAsync(int id, CancellationToken ct)
    {
        var location = await FindAsync(id, ct);
        if (await db.Nodes.AnyAsync(n => n.LocationId == id, ct))
        {
            throw PanelProblem.Display(HasNodesText, "HasActiveNodesException");
        }
        db.Locations.Remove(location);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The location the operator CLI and the demo put nodes in when none is named; created on first use.</summary>
    public async Task<Location> DefaultAsync(CancellationToken ct) =>
        await db.Locations.OrderBy(l => l.Id).FirstOrDefaultAsync(ct) ?? await CreateAsync("default", "Default location", ct);

    private async Task ApplyAsync(Location location, string shortCode, string? longName, CancellationToken ct)
    {
        var code = shortCode.Trim();
        if (code.Length is < 1 or > 60)
        {
            throw PanelProblem.Field("short", "between", "The short field must be between 1 and 60 characters.");
        }
        if (longName is { Length: > 191 })
        {
            throw PanelProblem.Field("long", "max", "The long field must not be greater than 191 characters.");
        }
        if (await db.Locations.AnyAsync(l => l.Id != location.Id && l.Short == code, ct))
        {
            throw PanelProblem.Field("short", "unique", "The short has already been taken.");
        }
        location.Short = code;
        location.Long = longName ?? "";
    }
}
