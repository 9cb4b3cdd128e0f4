namespace Aerie.Node.Configuration;

/// <summary>The values a numeric config key accepts. The loader and the validator both read it, so a range is
/// written once, beside the key, and every error quotes the same bounds.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class KeyRangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;

    /// <summary>Shown after the range when the number is not in seconds (doubles) or a plain count (integers).</summary>
    public string? Unit { get; init; }
}
