namespace Aerie.Panel.Api;

/// <summary>What one list endpoint accepts: its filter and sort names, and its page size default and cap.</summary>
internal sealed record ListRules(IReadOnlyList<string> Filters, IReadOnlyList<string> Sorts, int DefaultPerPage, int MaxPerPage);
