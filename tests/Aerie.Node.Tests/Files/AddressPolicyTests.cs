using System.Net;
using Aerie.Node.Files.Pull;

namespace Aerie.Node.Tests.Files;

/// <summary>Every blocked range of spec 06 §4, IPv4-mapped IPv6 judged as IPv4, the node's own addresses, and the
/// allow list re-allowing by CIDR, address or host name.</summary>
public sealed class AddressPolicyTests
{
    private static readonly AddressPolicy Default = new([], () => [IPAddress.Parse("203.0.113.7")]);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc00::1")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("ff02::1")]
    [InlineData("::")]
    [InlineData("203.0.113.7")]
    public void IsRefused_BlockedRangesAndOwnAddress_Refused(string address) =>
        Assert.True(Default.IsRefused(IPAddress.Parse(address), "example.com"), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    public void IsRefused_PublicAddresses_Allowed(string address) =>
        Assert.False(Default.IsRefused(IPAddress.Parse(address), "example.com"), address);

    [Fact]
    public void IsRefused_AllowList_ReAllowsByCidrAddressAndHost()
    {
        var policy = new AddressPolicy(["10.1.0.0/16", "127.0.0.1", "mirror.lan"], () => []);
        Assert.False(policy.IsRefused(IPAddress.Parse("10.1.200.3"), "x"));
        Assert.True(policy.IsRefused(IPAddress.Parse("10.2.0.1"), "x"));
        Assert.False(policy.IsRefused(IPAddress.Parse("127.0.0.1"), "x"));
        // The mapped form of an allowed IPv4 address is the same destination.
        Assert.False(policy.IsRefused(IPAddress.Parse("::ffff:127.0.0.1"), "x"));
        Assert.True(policy.IsRefused(IPAddress.Parse("127.0.0.2"), "x"));
        Assert.False(policy.IsRefused(IPAddress.Parse("192.168.9.9"), "MIRROR.lan."));
        Assert.True(policy.IsRefused(IPAddress.Parse("192.168.9.9"), "other.lan"));
    }
}
