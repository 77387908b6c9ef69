using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TimelineApi.Common;

/// <summary>A page of a list: its items, the cursor of the next page (null on the last), and, when asked, how many items match on all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? Total { get; init; }
}

public static class Paging
{
    /// <summary>
    /// Turns rows fetched with <c>limit + 1</c> into a page: the extra row, when present, only tells
    /// that a next page exists. Sets the <c>Link: rel="next"</c> header for it.
    /// </summary>
    public static Page<TItem> ToPage<TRow, TItem>(
        HttpContext http, IReadOnlyList<TRow> rows, int limit, Func<TRow, string> cursorOf, Func<TRow, TItem> map)
    {
        var hasMore = rows.Count > limit;
        var pageRows = hasMore ? rows.Take(limit).ToList() : rows;
        var next = hasMore ? cursorOf(pageRows[^1]) : null;
        if (next is not null)
        {
            http.Response.Headers.Link = $"<{NextUrl(http.Request, next)}>; rel=\"next\"";
        }

        return new Page<TItem>([.. pageRows.Select(map)], next);
    }

    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query[CommonParameters.Cursor.Name] = cursor;
        var queryString = QueryString.Create(query.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Http.HttpCachingOptions>>().Value;
        return options.LinkBase(request.PathBase) + request.Path.ToUriComponent() + queryString.ToUriComponent();
    }
}
