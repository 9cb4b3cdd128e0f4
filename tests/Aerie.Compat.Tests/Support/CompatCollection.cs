namespace Aerie.Compat.Tests.Support;

/// <summary>All compatibility tests share one stack (starting one takes seconds); each flow seeds its own data.</summary>
[CollectionDefinition(Name)]
public sealed class CompatCollection : ICollectionFixture<CompatStack>
{
    public const string Name = "compat";
}
