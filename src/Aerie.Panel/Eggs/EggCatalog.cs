using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Eggs;

/// <summary>Nests and eggs: lookups that honour the parent (an egg of another nest is not found) and plain creates
/// (the import issue builds on these).</summary>
internal sealed class EggCatalog(Data.PanelDb db, TimeProvider time)
{
    public async Task<Nest> FindNestAsync(int id, CancellationToken ct) =>
        await db.Nests.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);

    public async Task<Egg> FindEggAsync(int nestId, int eggId, CancellationToken ct) =>
        await db.Eggs.Include(e => e.Nest).FirstOrDefaultAsync(e => e.Id == eggId && e.NestId == nestId, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);

    public Task<List<EggVariable>> VariablesAsync(int eggId, CancellationToken ct) =>
        db.EggVariables.Where(v => v.EggId == eggId).OrderBy(v => v.Id).ToListAsync(ct);

    public async Task<Nest> CreateNestAsync(string name, string? description, string author, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var nest = new Nest
        {
            Name = name.Trim() is { Length: >= 1 and <= 191 } n ? n : throw PanelProblem.Field("name", "max", "The name field must be between 1 and 191 characters."),
            Description = description ?? "",
            Author = author,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Nests.Add(nest);
        await db.SaveChangesAsync(ct);
        return nest;
    }

    /// <summary>Adds an egg and its variables to a nest in one save.</summary>
    public async Task<Egg> CreateEggAsync(int nestId, Egg egg, IEnumerable<EggVariable> variables, CancellationToken ct)
    {
        await FindNestAsync(nestId, ct);
        var now = time.GetUtcNow();
        egg.NestId = nestId;
        egg.CreatedAt = egg.UpdatedAt = now;
        db.Eggs.Add(egg);
        foreach (var v in variables)
        {
            v.Egg = egg;
            v.CreatedAt = v.UpdatedAt = now;
            db.EggVariables.Add(v);
        }
        await db.SaveChangesAsync(ct);
        return egg;
    }
}
