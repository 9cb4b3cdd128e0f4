using System.Text.Json;
using Aerie.Contracts;
using Aerie.Contracts.Socket;
using Aerie.Node.Events;

namespace Aerie.Node.Servers;

/// <summary>The frames a server publishes, encoded once for every socket.</summary>
internal static class ServerFrames
{
    public static OutboundFrame Console(string line) => FrameEncoder.Frame(SocketEvents.ConsoleOutput, null, line);

    public static OutboundFrame Notice(string text) => Console(SocketErrors.DaemonNotice(text));

    public static OutboundFrame Status(string state) => FrameEncoder.Frame(SocketEvents.Status, null, state);

    public static OutboundFrame Stats(StatsPayload stats) =>
        FrameEncoder.Frame(SocketEvents.Stats, null, JsonSerializer.Serialize(stats, ContractsJson.Options));
}
