namespace Aerie.Docker.Tests.Support;

/// <summary>Where the real Docker-API engine (Podman) is: <c>AERIE_TEST_DOCKER_SOCKET</c>, set by the
/// lead's test script, or locally from <c>scripts/podman-up.sh /tmp/podman-docker</c>.</summary>
internal static class TestEngine
{
    public const string SocketVariable = "AERIE_TEST_DOCKER_SOCKET";

    /// <summary>The busybox image scripts/build-test-image.sh imports.</summary>
    public const string Image = "localhost/aerie-test:1";

    public static string SocketPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(SocketVariable);
            if (string.IsNullOrWhiteSpace(path))
            {
                Assert.Fail($"{SocketVariable} is not set: run scripts/podman-up.sh /tmp/podman-docker and export {SocketVariable}=<printed socket>");
            }
            return path;
        }
    }
}
