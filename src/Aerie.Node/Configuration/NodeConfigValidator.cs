namespace Aerie.Node.Configuration;

/// <summary>Checks a config once at start-up; returns "key 'x': what is wrong" or null.</summary>
internal static class NodeConfigValidator
{
    public static string? FirstProblem(NodeConfig c)
    {
        if (c.Token.Length < 32)
        {
            return "key 'token': must be at least 32 characters (HS256 needs a 256-bit secret)";
        }
        if (c.Api.Port is < 0 or > 65535)
        {
            return "key 'api.port': must be between 0 and 65535";
        }
        if (c.Runtime is not ("process" or "docker"))
        {
            return $"key 'runtime': must be 'process' or 'docker', not '{c.Runtime}'";
        }
        if (c.Docker.ContainerPidLimit < 0)
        {
            return "key 'docker.container_pid_limit': must be 0 (unlimited) or more";
        }
        if (string.IsNullOrWhiteSpace(c.System.Data))
        {
            return "key 'system.data': is required";
        }
        if (c.Remote.Length > 0 && !Uri.TryCreate(c.Remote, UriKind.Absolute, out _))
        {
            return "key 'remote': must be an absolute URL";
        }
        if (c.Remote.Length > 0 && c.TokenId.Length == 0)
        {
            return "key 'token_id': is required when 'remote' is set";
        }
        if (c.Websocket.MaxConnections < 1)
        {
            return "key 'websocket.max_connections': must be at least 1";
        }
        if (c.Throttles.Lines < 1 || c.Throttles.LineResetInterval < 1)
        {
            return "key 'throttles': lines and line_reset_interval must be at least 1";
        }
        return ServersProblem(c.Servers);
    }

    private static string? ServersProblem(List<ServerEntry> servers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < servers.Count; i++)
        {
            var s = servers[i];
            if (!Guid.TryParse(s.Uuid, out _))
            {
                return $"key 'servers[{i}].uuid': must be a UUID";
            }
            if (!seen.Add(s.Uuid))
            {
                return $"key 'servers[{i}].uuid': duplicate server {s.Uuid}";
            }
            if (string.IsNullOrWhiteSpace(s.Invocation))
            {
                return $"key 'servers[{i}].invocation': is required";
            }
            if (s.Stop.Type is not ("command" or "signal"))
            {
                return $"key 'servers[{i}].stop.type': must be 'command' or 'signal'";
            }
        }
        return null;
    }
}
