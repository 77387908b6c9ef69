using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Search;

public static class SearchEndpoints
{
    private static readonly QueryParameter s_query = EventQuery.Search with
    {
        Description = EventQuery.Search.Description + " Required.",
        Required = true,
        Example = "\"practical work\"",
    };

    private static readonly QueryParameter s_type = new(
        "type", "Only hits of these types.", "statement", AllowedValues: SearchTypes.All, IsList: true);

    private static readonly QueryParameter[] s_parameters = [s_query, s_type, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/search").WithTags("Search");

        group.MapGet("/", SearchAll)
            .WithName("Search")
            .WithSummary("Search events, statements and sources at once")
            .WithDescription("""
                Full-text search over event titles and summaries, the words and attributions of statements, and the
                titles and texts of sources. Hits are typed, ranked best first (SQLite FTS5 bm25), each with a snippet
                whose matches are wrapped in `<mark>`. Words must all match; `sanct*` matches prefixes; double quotes
                match a phrase.
                """)
            .WithQueryParameters(s_parameters);

        return group;
    }

    private static Results<ListResult<SearchHit>, ValidationProblem> SearchAll(HttpRequest request, SearchQueries search)
    {
        var query = new QueryReader(request, s_parameters);
        var match = EventQuery.ReadSearch(query);
        if (match is null && query.IsValid)
        {
            query.AddError(s_query.Name, "'q' is required: give the words to search for.");
        }

        var types = query.List(s_type);
        var parts = query.CursorParts(3);
        if (parts is not null && SearchQueries.ParseCursor(parts) is null)
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
        }

        var list = query.ListRequest(request, parts);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<SearchHit>(async (limit, after, ct) =>
        {
            return await search.SearchAsync(match!, types, limit, after is null ? null : SearchQueries.ParseCursor(after), ct);
        }, list);
    }
}
