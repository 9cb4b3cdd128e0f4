using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>One <c>parser</c> of spec 05 §4.2: rewrites a file's text by its rules. Throws (any exception) when
/// the text cannot be read in that format; the file is then left as it was.</summary>
internal interface IConfigParser
{
    string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders);
}
