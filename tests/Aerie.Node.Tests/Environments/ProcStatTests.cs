using System.Globalization;
using System.Text;
using Aerie.Node.Environments.LocalProcess;

namespace Aerie.Node.Tests.Environments;

/// <summary>The /proc/&lt;pid&gt;/stat fields the process runtime's stats and sandbox lookup use.</summary>
public sealed class ProcStatTests
{
    [Fact]
    public void TryParse_CommWithParenthesesAndSpaces_ReadsTheFieldsAfterTheLastParenthesis()
    {
        var line = "4242 (my (game) x) S 17 4242 4240 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 5 0 999 123456789 3210 18446744073709551615 1 1 0 0 0 0 0 4096 17920 0 0 0 17 1 0 0 0 0 0\n";

        Assert.True(ProcStat.TryParse(4242, Encoding.ASCII.GetBytes(line), out var stat));

        Assert.Equal(new ProcStat(4242, ParentPid: 17, Session: 4240, CpuTicks: 325, RssPages: 3210), stat);
    }

    [Theory]
    [InlineData("")]
    [InlineData("4242 (no closing parenthesis S 17")]
    [InlineData("4242 (short) S 17 4242 4240")] // ends before rss
    [InlineData("4242 (bad) S x 4242 4240 0 -1 4194560 1234 0 0 0 250 75 0 0 20 0 5 0 999 123456789 3210")]
    public void TryParse_TruncatedOrMalformed_IsFalse(string line) =>
        Assert.False(ProcStat.TryParse(1, Encoding.ASCII.GetBytes(line), out _));

    [Fact]
    public void All_IncludesThisProcessWithItsParentAndSession()
    {
        var self = ProcStat.All().Single(p => p.Pid == Environment.ProcessId);

        var status = File.ReadAllLines("/proc/self/status");
        var ppid = int.Parse(status.Single(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(ppid, self.ParentPid);
        // The session, read the plain way (this process's comm, "dotnet" or the test host's, holds no ')').
        var fields = File.ReadAllText("/proc/self/stat").Split(' ');
        Assert.Equal(int.Parse(fields[5], CultureInfo.InvariantCulture), self.Session);
        Assert.True(self.CpuTicks > 0);
        Assert.True(self.RssPages > 0);
    }
}
