using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.ConfigFiles;

/// <summary>
/// The <c>xml</c> parser: <c>root.child.leaf</c> names the root element and then the first child of each name,
/// created when missing; a value <c>[attr='v']</c> sets that attribute of the leaf, any other value its text.
/// <c>if_value</c> is ignored, as in Wings. Written re-indented by 2 spaces. DTDs are refused (no entity tricks).
/// </summary>
internal sealed partial class XmlParser : IConfigParser
{
    public string Rewrite(string content, IReadOnlyList<ConfigReplacement> rules, ConfigPlaceholders placeholders)
    {
        var document = string.IsNullOrWhiteSpace(content) ? new XDocument() : Load(content);
        foreach (var rule in rules)
        {
            var segments = rule.Match.Split('.');
            if (segments.Any(s => s.Length == 0))
            {
                continue;
            }
            if (document.Root is null)
            {
                document.Add(new XElement(segments[0]));
            }
            var element = document.Root!;
            if (element.Name.LocalName != segments[0])
            {
                continue; // a document has one root; another name cannot be created beside it
            }
            foreach (var name in segments.Skip(1))
            {
                var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
                if (child is null)
                {
                    child = new XElement(element.Name.Namespace + name);
                    element.Add(child);
                }
                element = child;
            }
            var value = placeholders.Resolve(ConfigValue.Text(rule.ReplaceWith));
            if (Attribute().Match(value) is { Success: true } attribute)
            {
                element.SetAttributeValue(attribute.Groups[1].Value, attribute.Groups[2].Value);
            }
            else
            {
                element.Value = value;
            }
        }
        return Write(document);
    }

    private static XDocument Load(string content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new StringReader(content), settings);
        return XDocument.Load(reader);
    }

    private static string Write(XDocument document)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            OmitXmlDeclaration = document.Declaration is null,
            Encoding = new UTF8Encoding(false),
        };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    [GeneratedRegex(@"^\[([A-Za-z_][\w.:-]*)='([^']*)'\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
