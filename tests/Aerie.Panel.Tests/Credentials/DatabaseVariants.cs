using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Credentials;

// The same contract suites, once per database provider.
public sealed class CredentialsEndpointSqliteTests(SqlitePanelFixture f) : CredentialsEndpointTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class CredentialsEndpointPostgresTests(PostgresPanelFixture f) : CredentialsEndpointTests(f), IClassFixture<PostgresPanelFixture>;

public sealed class ConsoleTokenSqliteTests(SqlitePanelFixture f) : ConsoleTokenTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ConsoleTokenPostgresTests(PostgresPanelFixture f) : ConsoleTokenTests(f), IClassFixture<PostgresPanelFixture>;
