using System.Globalization;
using System.Reflection;
using YamlDotNet.Serialization.NamingConventions;

namespace Aerie.Node.Configuration;

/// <summary>How config properties are named in YAML (the same convention the writer prints) and what each expects.</summary>
internal static class ConfigKeys
{
    public static string Name(PropertyInfo property) => UnderscoredNamingConvention.Instance.Apply(property.Name);

    public static IEnumerable<PropertyInfo> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0);

    public static PropertyInfo? Find(Type type, string key) => Of(type).FirstOrDefault(p => Name(p) == key);

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>"a whole number 1-65535", "a number of seconds 0.1-3600", "true or false"...</summary>
    public static string Expected(PropertyInfo property)
    {
        var type = property.PropertyType;
        var kind = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number of seconds"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "a string"
            : IsList(type) ? "a list"
            : "a mapping";
        if (property.GetCustomAttribute<KeyRangeAttribute>() is not { } range)
        {
            return kind;
        }
        var bounds = string.Create(CultureInfo.InvariantCulture, $"{range.Min}-{range.Max}");
        return range.Unit is null ? $"{kind} {bounds}" : $"{kind} {bounds} ({range.Unit})";
    }

    public static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);

    public static bool IsDictionary(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    /// <summary>A nested section (api, system, a server...): one of the config's own record types.</summary>
    public static bool IsSection(Type type) => type.IsClass && type != typeof(string) && type.Namespace == typeof(NodeConfig).Namespace;
}
