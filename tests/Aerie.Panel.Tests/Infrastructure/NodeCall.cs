namespace Aerie.Panel.Tests.Infrastructure;

/// <summary>One request a test node received.</summary>
internal sealed record NodeCall(string Method, string Path, string Body, string? Authorization);
