namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>The panel over a fresh database on the AERIE_TEST_PG server (dropped afterwards).</summary>
public sealed class PostgresPanelFixture : PanelFixture
{
    protected override bool Postgres => true;
}
