using System.Text.Json.Nodes;

namespace Aerie.Panel.Api;

/// <summary>
/// A relationship a transformer offers: included when asked for (or always, when <paramref name="Default"/>);
/// <paramref name="Build"/> answers an item, a list or <see cref="Fractal.Null"/>, given what was asked for beneath it.
/// </summary>
internal sealed record Relation<T>(string Name, Func<T, Includes, JsonObject> Build, bool Default = false);
