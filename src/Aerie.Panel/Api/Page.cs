using System.Text.Json.Nodes;

namespace Aerie.Panel.Api;

/// <summary>One page of a list and where it sits in the whole.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PerPage, int CurrentPage)
{
    /// <summary>At least 1, even for an empty list (clients loop to <c>total_pages</c>).</summary>
    public int TotalPages => Math.Max(1, (int)((Total + (long)PerPage - 1) / PerPage));

    public JsonObject Pagination(PageLinks links)
    {
        var linkObject = new JsonObject();
        if (CurrentPage > 1)
        {
            linkObject["previous"] = links.For(Math.Min(CurrentPage - 1, TotalPages));
        }
        if (CurrentPage < TotalPages)
        {
            linkObject["next"] = links.For(CurrentPage + 1);
        }
        return new JsonObject
        {
            ["total"] = Total,
            ["count"] = Items.Count,
            ["per_page"] = PerPage,
            ["current_page"] = CurrentPage,
            ["total_pages"] = TotalPages,
            ["links"] = linkObject,
        };
    }
}
