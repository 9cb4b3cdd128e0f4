using System.Net;
using Aerie.Panel.Allocations;
using Aerie.Panel.Http;

namespace Aerie.Panel.Tests.Application;

public sealed class PortMappingsTests
{
    [Fact]
    public void Expand_SinglesAndRanges_AreMerged() =>
        Assert.Equal([25565, 25566, 25567, 30000], PortMappings.Expand(["25565-25567", "25566", "30000"]));

    [Theory]
    [InlineData("abc", "The mapping provided for abc was invalid and could not be processed.")]
    [InlineData("25570-25565", "The mapping provided for 25570-25565 was invalid and could not be processed.")]
    [InlineData("20000-21000", PortMappings.TooManyText)]
    [InlineData("1024", PortMappings.OutOfRangeText)]
    [InlineData("65536", PortMappings.OutOfRangeText)]
    public void Expand_Refusals_Are400WithSpecText(string mapping, string text)
    {
        var problem = Assert.Throws<PanelProblem>(() => PortMappings.Expand([mapping]));
        Assert.Equal(400, problem.Status);
        Assert.Equal(text, problem.Message);
    }

    [Fact]
    public async Task Ips_Cidr30_GivesFourAddresses() =>
        Assert.Equal(["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3"], await AllocationIps.ExpandAsync("10.0.0.2/30", NoDns, CancellationToken.None));

    [Theory]
    [InlineData("10.0.0.0/24")]
    [InlineData("10.0.0.0/33")]
    public async Task Ips_CidrOutsideMasks_Is400(string cidr)
    {
        var problem = await Assert.ThrowsAsync<PanelProblem>(() => AllocationIps.ExpandAsync(cidr, NoDns, CancellationToken.None));
        Assert.Equal((400, AllocationIps.CidrText), (problem.Status, problem.Message));
    }

    [Fact]
    public async Task Ips_HostName_IsResolved() =>
        Assert.Equal(["192.0.2.7"], await AllocationIps.ExpandAsync("node.example.com", (_, _) => Task.FromResult(new[] { IPAddress.Parse("192.0.2.7") }), CancellationToken.None));

    private static Task<IPAddress[]> NoDns(string host, CancellationToken ct) => throw new InvalidOperationException("no lookup expected");
}
