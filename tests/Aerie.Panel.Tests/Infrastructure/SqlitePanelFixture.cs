namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>The panel over a SQLite file of its own.</summary>
public sealed class SqlitePanelFixture : PanelFixture
{
    protected override bool Postgres => false;
}
