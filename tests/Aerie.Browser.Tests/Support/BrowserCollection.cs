namespace Aerie.Browser.Tests.Support;

/// <summary>Every browser test class shares one stack and one browser (starting them is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<UpFixture>
{
    public const string Name = "browser";
}
