namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>One request the real test node received, and the status it answered.</summary>
internal sealed record NodeCall(string Method, string Path, string Body, string? Authorization, int Status);
