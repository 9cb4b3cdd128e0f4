using System.CommandLine;

namespace Aerie.Cli;

/// <summary>
/// Turns a failed parse into the one stderr line every command prints instead of System.CommandLine's
/// error list plus full help: <c>aerie node: unknown option '--cofig' (see aerie node --help)</c>.
/// </summary>
internal static class ParseErrorLine
{
    public static string For(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var path = command.Parents.Any() ? $"{AerieCli.Name} {command.Name}" : AerieCli.Name;
        var message = result.UnmatchedTokens is [var token, ..] ? Unmatched(token, command)
            : result.Errors.Count > 0 ? Sentence(result.Errors[0].Message)
            : "invalid command line";
        return $"{path}: {message} (see {path} --help)";
    }

    private static string Unmatched(string token, Command command)
    {
        if (token.StartsWith('-'))
        {
            // `--bogus=1` names the option, not the whole token.
            var eq = token.IndexOfAny(['=', ':']);
            return $"unknown option '{(eq > 0 ? token[..eq] : token)}'";
        }
        return command.Subcommands.Count > 0 ? $"unknown command '{token}'" : $"unexpected argument '{token}'";
    }

    /// <summary>System.CommandLine's messages are sentences; ours are clauses after "aerie x: ".</summary>
    private static string Sentence(string message)
    {
        var text = message.TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
