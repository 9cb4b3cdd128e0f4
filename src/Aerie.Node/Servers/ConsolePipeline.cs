using Aerie.Contracts.Socket;
using Aerie.Node.Configuration;
using Aerie.Node.Events;

namespace Aerie.Node.Servers;

/// <summary>The console hot path: raw output → lines → history + disk → throttle → fan-out → done marker.
/// Runs on the environment's output pump; nothing here waits on a socket.</summary>
internal sealed class ConsolePipeline : IAsyncDisposable
{
    private readonly FanOut<OutboundFrame> frames;
    private readonly ConsoleLogFile logFile;
    private readonly ConsoleThrottle throttle;
    private readonly ConsoleLineSplitter splitter;
    private DoneMatcher done;

    public ConsolePipeline(string uuid, NodeConfig config, IEnumerable<string> doneMarkers, FanOut<OutboundFrame> frames, TimeProvider time)
    {
        this.frames = frames;
        done = new DoneMatcher(doneMarkers);
        var keep = Math.Max(config.System.WebsocketLogCount, 100);
        History = new ConsoleHistory(keep);
        var logPath = Path.Combine(NodePaths.LogDirectory(config), uuid + ".log");
        // `send logs` after a daemon restart still shows what the game printed before it.
        foreach (var line in ConsoleLogTail.Read(logPath, keep))
        {
            History.Add(line);
        }
        logFile = new ConsoleLogFile(logPath, config.System.LogMaxBytes, config.System.LogKeep);
        throttle = new ConsoleThrottle(config.Throttles.Lines, TimeSpan.FromMilliseconds(config.Throttles.LineResetInterval), time);
        splitter = new ConsoleLineSplitter(OnLine);
    }

    /// <summary>Asked before matching a line against the done markers: only a starting server looks for them.</summary>
    public Func<bool> AwaitingDone { get; set; } = () => false;

    /// <summary>Raised when a line matches a done marker while <see cref="AwaitingDone"/> holds.</summary>
    public event Action? DoneSeen;

    public ConsoleHistory History { get; }
    public string LogFilePath => logFile.FilePath;

    /// <summary>True when there is no done marker: the server is running as soon as it started.</summary>
    public bool HasNoDoneMarker => done.IsEmpty;

    public void UpdateDoneMarkers(IEnumerable<string> markers) => done = new DoneMatcher(markers);

    public void Feed(ReadOnlyMemory<byte> chunk) => splitter.Feed(chunk.Span);

    /// <summary>Emits an unterminated last line (the game exited or the watch stops).</summary>
    public void Flush() => splitter.Flush();

    /// <summary>Publishes a daemon notice as a console line (kept in history and on disk, never throttled).</summary>
    public void Notice(string text)
    {
        var line = SocketErrors.DaemonNotice(text);
        var frame = ServerFrames.Console(line);
        History.Add(line, frame);
        logFile.Append(line);
        frames.Publish(frame);
    }

    public ValueTask DisposeAsync() => logFile.DisposeAsync();

    private void OnLine(string line)
    {
        logFile.Append(line);
        if (throttle.Allow(out var startsEpisode))
        {
            // Encoded once, for every socket and for history's `send logs` replay.
            var frame = ServerFrames.Console(line);
            History.Add(line, frame);
            frames.Publish(frame);
        }
        else
        {
            History.Add(line); // withheld from sockets: encoded only if a `send logs` asks for it
            if (startsEpisode)
            {
                frames.Publish(ServerFrames.Notice(SocketErrors.ThrottleNotice));
            }
        }
        // After the line, so consoles show the done line before the `running` status.
        if (AwaitingDone() && done.Matches(ConsoleText.StripAnsi(line)))
        {
            DoneSeen?.Invoke();
        }
    }
}
