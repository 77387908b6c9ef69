using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Sources;

public static class SourcesEndpoints
{
    private static readonly Dictionary<string, Keyset> s_orders = new(StringComparer.Ordinal)
    {
        ["published"] = SourceStore.ByPublished,
        ["-published"] = SourceStore.ByPublishedDescending,
        ["relevance"] = SourceStore.ByRelevance,
    };

    private static readonly QueryParameter s_sort = EventQuery.SortOf([.. s_orders.Keys]);

    private static readonly QueryParameter[] s_listParameters =
    [
        CommonParameters.From with { Description = "Only sources published on or after this day (ISO 8601 day, month or date-time with offset)." },
        CommonParameters.To with { Description = "Only sources published on or before this day." },
        EventQuery.Search, CommonParameters.UpdatedSince, s_sort, .. CommonParameters.Paging,
    ];

    public static RouteGroupBuilder MapSources(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/sources").WithTags("Sources")
            .AddEndpointFilter<Http.ResourceETagFilter>()
            .WithIdParameter("source", "2021-12-08-kremlin-says-putin-and-biden-to-keep-engaging");

        group.MapGet("/", ListSources)
            .WithName("ListSources")
            .WithSummary("List sources")
            .WithDescription("""
                The news reports the timeline is built from, in order of publication, each with its full text. `q` searches
                titles and texts (ranked by relevance, each hit with a `snippet` whose matches are wrapped in `<mark>`).
                """)
            .WithQueryParameters(s_listParameters);

        group.MapGet("/{id}", GetSource)
            .WithName("GetSource")
            .WithSummary("Get one source")
            .WithDescription("One source by id, with its metadata as the document states it and its full text.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/text", GetSourceText)
            .WithName("GetSourceText")
            .WithSummary("Get a source's text as plain text")
            .WithDescription("The document exactly as given, as `text/plain; charset=utf-8`. Statement spans index into this text (UTF-16 offsets).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static Results<ListResult<SourceResponse>, ValidationProblem> ListSources(HttpRequest request, SourceStore store)
    {
        var query = new QueryReader(request, s_listParameters);
        var (from, to) = EventQuery.ReadRange(query);
        var search = EventQuery.ReadSearch(query);
        var updatedSince = query.UpdatedSince();
        var (order, after) = EventQuery.ReadOrder(query, s_sort, s_orders, search is not null);
        var list = query.ListRequest(request, after);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<SourceResponse>(async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(from, to, search, updatedSince, order, limit, after, ct);
            return [.. rows.Select(r => (r.ToResponse(), r.KeyFor(order)))];
        }, list);
    }

    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetSource(
        string id, HttpContext http, SourceStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("source", id);
        }

        http.Response.Headers.ETag = Editing.ResourceTag.For(Data.RecordWriter.Source, row.Id, row.Version);
        return TypedResults.Ok(row.ToResponse());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSourceText(string id, SourceStore store, CancellationToken ct)
        => await store.FindTextAsync(id, ct) is { } text
            ? TypedResults.Text(text, "text/plain; charset=utf-8")
            : Problems.NotFound("source", id);
}
