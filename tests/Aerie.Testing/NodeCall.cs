namespace Aerie.Testing;

/// <summary>One request the test node received, and the status it answered.</summary>
internal sealed record NodeCall(string Method, string Path, string Body, string? Authorization, int Status);
