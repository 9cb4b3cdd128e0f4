using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Aerie.Node.Configuration;

/// <summary>
/// Binds a parsed YAML tree onto <see cref="NodeConfig"/> key by key, by the same names the writer prints, so an
/// error names the YAML path and the expected type rather than a CLR type. Wings keys Aerie does not use are
/// collected in <see cref="Ignored"/>; any other unknown key is refused. Ranges are the validator's job.
/// </summary>
internal sealed class NodeConfigBinder(string source)
{
    private readonly List<string> ignored = [];

    public IReadOnlyList<string> Ignored => ignored;

    public NodeConfig Bind(YamlNode? root)
    {
        var config = new NodeConfig();
        if (root is not null && !IsNull(root))
        {
            BindSection(root, config, "");
        }
        return config;
    }

    private void BindSection(YamlNode node, object target, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Problem(path.Length == 0 ? "(top level)" : path, $"expected a mapping of keys, got {Describe(node)}");
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw Problem(path.Length == 0 ? "(top level)" : path, $"keys must be names, got {Describe(keyNode)}");
            }
            var keyPath = ConfigKeys.Join(path, key);
            if (ConfigKeys.Find(target.GetType(), key) is { } property)
            {
                property.SetValue(target, Value(value, property, property.PropertyType, property.GetValue(target), keyPath));
            }
            else if (WingsKeys.IsIgnored(keyPath))
            {
                ignored.Add(keyPath);
            }
            else
            {
                throw Problem(keyPath, "unknown key");
            }
        }
    }

    private object? Value(YamlNode node, PropertyInfo property, Type type, object? current, string path)
    {
        if (ConfigKeys.IsSection(type))
        {
            var section = current ?? Activator.CreateInstance(type)!;
            if (!IsNull(node))
            {
                BindSection(node, section, path);
            }
            return section;
        }
        if (ConfigKeys.IsList(type))
        {
            return List(node, property, type.GetGenericArguments()[0], path);
        }
        if (ConfigKeys.IsDictionary(type))
        {
            return Dictionary(node, path);
        }
        if (node is not YamlScalarNode scalar)
        {
            throw Problem(path, $"expected {ConfigKeys.Expected(property)}, got {Describe(node)}");
        }
        var text = scalar.Value ?? "";
        if (type == typeof(string))
        {
            return IsNull(scalar) ? "" : text;
        }
        object? parsed = type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i
            : type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
            : type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
            : type == typeof(bool) && bool.TryParse(text, out var b) ? b
            : null;
        return parsed ?? throw Problem(path, $"expected {ConfigKeys.Expected(property)}, got '{text}'");
    }

    private IList List(YamlNode node, PropertyInfo property, Type item, string path)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        if (IsNull(node))
        {
            return list;
        }
        if (node is not YamlSequenceNode sequence)
        {
            throw Problem(path, $"expected a list, got {Describe(node)}");
        }
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            var child = sequence.Children[i];
            if (item == typeof(string))
            {
                list.Add(child is YamlScalarNode { Value: { } s } ? s : throw Problem(itemPath, $"expected a string, got {Describe(child)}"));
            }
            else
            {
                list.Add(Value(child, property, item, null, itemPath));
            }
        }
        return list;
    }

    private Dictionary<string, string> Dictionary(YamlNode node, string path)
    {
        var result = new Dictionary<string, string>();
        if (IsNull(node))
        {
            return result;
        }
        if (node is not YamlMappingNode mapping)
        {
            throw Problem(path, $"expected a mapping of names to strings, got {Describe(node)}");
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } k } ? k : throw Problem(path, $"names must be strings, got {Describe(key)}");
            result[name] = value is YamlScalarNode { Value: { } v } ? v : throw Problem(ConfigKeys.Join(path, name), $"expected a string, got {Describe(value)}");
        }
        return result;
    }

    /// <summary><c>key:</c>, <c>key: ~</c> and <c>key: null</c> (unquoted) mean "not set".</summary>
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private NodeConfigException Problem(string path, string what) => new($"{source}: {path}: {what}");
}
