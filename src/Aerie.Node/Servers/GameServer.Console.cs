namespace Aerie.Node.Servers;

/// <summary>The console hot path: raw output → lines → history + disk → done marker → throttle → fan-out.
/// Runs on the environment's output pump; nothing here waits on a socket.</summary>
internal sealed partial class GameServer
{
    private void OnOutput(ReadOnlyMemory<byte> chunk) => splitter.Feed(chunk.Span);

    private void OnLine(string line)
    {
        History.Add(line);
        logFile.Append(line);
        if (throttle.Allow(out var startsEpisode))
        {
            Frames.Publish(ServerFrames.Console(line));
        }
        else if (startsEpisode)
        {
            Frames.Publish(ServerFrames.Notice(Contracts.Socket.SocketErrors.ThrottleNotice));
        }
        // After the line, so consoles show the done line before the `running` status.
        if (state == Contracts.Socket.ServerStates.Starting && done.Matches(ConsoleText.StripAnsi(line)))
        {
            SetState(Contracts.Socket.ServerStates.Running);
        }
    }
}
