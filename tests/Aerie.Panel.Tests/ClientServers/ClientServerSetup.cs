using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.ClientServers;

/// <summary>Turns a fixture server into an egg server with allocations and variables, straight in the database.</summary>
internal static class ClientServerSetup
{
    public const string ImageA = "ghcr.io/aerie/java:21";
    public const string ImageB = "ghcr.io/aerie/java:17";
    public const string Invocation = "java -Xmx{{SERVER_MEMORY}}M -jar {{JAR}} --ip {{SERVER_IP}} --port {{SERVER_PORT}} --secret {{SECRET}}";

    /// <summary>The primary (notes "main") and one more allocation; variables JAR (viewable, editable, value set) and SECRET (hidden).</summary>
    public static Task<EggServer> EggServerAsync(PanelFixture fixture, GameServer server, string image = ImageA) =>
        fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var now = DateTimeOffset.UtcNow;
            var nest = new Nest { Name = PanelFixture.Unique("nest"), CreatedAt = now, UpdatedAt = now };
            db.Nests.Add(nest);
            await db.SaveChangesAsync();
            var egg = new Egg
            {
                NestId = nest.Id,
                Name = PanelFixture.Unique("egg"),
                Startup = Invocation,
                FeaturesJson = """["eula"]""",
                DockerImagesJson = $$"""{"Java 21":"{{ImageA}}","Java 17":"{{ImageB}}"}""",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Eggs.Add(egg);
            await db.SaveChangesAsync();
            var jar = new EggVariable { EggId = egg.Id, Name = "Jar", EnvVariable = "JAR", DefaultValue = "server.jar", UserViewable = true, UserEditable = true, Rules = "required|string|max:20", CreatedAt = now, UpdatedAt = now };
            var secret = new EggVariable { EggId = egg.Id, Name = "Secret", EnvVariable = "SECRET", DefaultValue = "s3cret", UserViewable = false, Rules = "nullable|string", CreatedAt = now, UpdatedAt = now };
            db.EggVariables.AddRange(jar, secret);
            // An IP of its own (one in 60,000), so the servers of one test class never share (ip, port).
            var ip = $"10.{Random.Shared.Next(9, 250)}.{Random.Shared.Next(1, 250)}.1";
            var primary = new Allocation { NodeId = server.NodeId!.Value, Ip = ip, Port = 25565, Notes = "main" };
            var extra = new Allocation { NodeId = server.NodeId!.Value, Ip = ip, Port = 25566, Notes = "query" };
            db.Allocations.AddRange(primary, extra);
            await db.SaveChangesAsync();
            var row = await db.Servers.FirstAsync(s => s.Id == server.Id);
            row.EggId = egg.Id;
            row.Invocation = Invocation;
            row.Image = image;
            row.MemoryMb = 1024;
            row.AllocationId = primary.Id;
            primary.ServerId = row.Id;
            extra.ServerId = row.Id;
            db.ServerVariables.Add(new ServerVariable { ServerId = row.Id, VariableId = jar.Id, Value = "paper.jar" });
            await db.SaveChangesAsync();
            return new EggServer(row, egg, primary, extra);
        });

    public static Task UpdateAsync(PanelFixture fixture, GameServer server, Action<GameServer> change) =>
        fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            change(await db.Servers.FirstAsync(s => s.Id == server.Id));
            return await db.SaveChangesAsync();
        });

    public static Task<GameServer> ReadAsync(PanelFixture fixture, GameServer server) =>
        fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Servers.AsNoTracking().FirstAsync(s => s.Id == server.Id));
}

internal sealed record EggServer(GameServer Server, Egg Egg, Allocation Primary, Allocation Extra);
