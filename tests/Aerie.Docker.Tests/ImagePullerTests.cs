using Aerie.Node.Environments.Docker;
using Docker.DotNet.Models;

namespace Aerie.Docker.Tests;

public sealed class ImagePullerTests
{
    [Fact]
    public void Describe_DownloadProgress_MiBLine()
    {
        var message = new JSONMessage { ID = "1a2b", Status = "Downloading", Progress = new JSONProgress { Current = 12_897_484, Total = 41_943_040 } };

        Assert.Equal("Pulling image ghcr.io/x/y:1: 1a2b: Downloading 12.3 MiB / 40.0 MiB", ImagePuller.Describe("ghcr.io/x/y:1", message));
    }

    [Fact]
    public void Describe_StatusOnly_Line()
    {
        Assert.Equal("Pulling image x:1: Pull complete", ImagePuller.Describe("x:1", new JSONMessage { Status = "Pull complete" }));
        Assert.Null(ImagePuller.Describe("x:1", new JSONMessage()));
    }

    [Theory]
    [InlineData("ghcr.io/a/b:21", "ghcr.io/a/b", "21")]
    [InlineData("localhost:5000/a", "localhost:5000/a", "latest")]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("a/b@sha256:abc", "a/b@sha256:abc", "")]
    public void Split_References_RepositoryAndTag(string image, string repository, string tag)
    {
        Assert.Equal((repository, tag), ImagePuller.Split(image));
    }
}
