using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Sources;

using TimelineApi.Http;

namespace TimelineApi.Timeline;

public static class TimelineEndpoints
{
    private static readonly QueryParameter s_type = new(
        "type", "Only items of these types.", "event", AllowedValues: TimelineItemTypes.All, IsList: true);

    private static readonly QueryParameter s_sort = EventQuery.SortOf("start", "-start");

    private static readonly QueryParameter[] s_filters = [.. EventQuery.FilterParameters(EventVocabulary.Kinds), s_type, s_sort];

    private static readonly QueryParameter[] s_parameters = [.. s_filters, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapTimeline(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/timeline").WithTags("Timeline");

        group.MapGet("/", GetTimeline)
            .WithName("GetTimeline")
            .WithSummary("The merged chronological feed")
            .WithDescription("""
                Events and statements in one chronological feed, each item typed (`event` or `statement`); undated items
                come last in either sort order. `participant` matches an event's participants and a statement's speaker;
                `kind`, `status` and `topic` select events, and statements whose event they select; `q` keeps the events
                and statements that match a full-text search. The same feed as a TimelineJS3 document is
                `/v1/timeline/timelinejs`.
                """)
            .WithQueryParameters(s_parameters);

        group.MapGet("/timelinejs", GetTimelineJs)
            .AnswersExports()
            .WithName("GetTimelineJs")
            .WithSummary("The feed as a TimelineJS3 document")
            .WithDescription("""
                The whole filtered feed as a TimelineJS3 JSON document, ready for `new TL.Timeline(element, url)`: a title
                slide, then one slide per dated event or statement, citing its sources by title with a link. Items with no
                date cannot be placed on the time axis; the title slide lists them. Takes the feed's filters.
                """)
            .WithQueryParameters(s_filters)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return group;
    }

    private static async Task<Results<ListResult<TimelineItem>, ValidationProblem>> GetTimeline(
        HttpRequest request, TimelineQueries timeline, CancellationToken ct)
    {
        var query = new QueryReader(request, s_parameters);
        var (filter, types, descending) = FeedOf(query);
        var list = query.ListRequest(request, CursorOf(query));
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        // A JSON page is the items' stored documents, read with their keys in one query; exports build the items.
        return ListResult.Create(ReadFeed(timeline, filter, types, descending), async (limit, after, ct) =>
        {
            var page = await timeline.ReadDocumentsAsync(filter, types, descending, limit, after is null ? null : (after[0], after[1], after[2]), ct);
            return [.. page.Select(p => (p.Document, new[] { p.Key.SortKey, p.Key.Type, p.Key.Id }))];
        }, list);
    }

    private static async Task<Results<Ok<TimelineJsDocument>, ProblemHttpResult, ValidationProblem>> GetTimelineJs(
        HttpRequest request, TimelineQueries timeline, SourceStore sources, CancellationToken ct)
    {
        var query = new QueryReader(request, s_filters);
        var (filter, types, descending) = FeedOf(query);
        var read = ReadFeed(timeline, filter, types, descending);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var (items, tooLarge) = await ListResult.ReadExportAsync(request.HttpContext.RequestServices, read, null, ct);
        if (items is null)
        {
            return tooLarge!;
        }

        var labels = await sources.FindLabelsAsync([.. items.SelectMany(i => i.Sources).Distinct(StringComparer.Ordinal)], ct);
        var links = request.HttpContext.RequestServices.GetRequiredService<IOptions<HttpCachingOptions>>().Value.LinkBase(request.PathBase);
        return TypedResults.Ok(TimelineJs.ToDocument(items, labels, links));
    }

    /// <summary>The reader of the feed's pages as items built from the rows (exports, TimelineJS).</summary>
    private static PageReader<TimelineItem> ReadFeed(TimelineQueries timeline, EventFilter filter, IReadOnlyList<string> types, bool descending)
        => async (limit, after, ct) =>
        {
            var page = await timeline.ReadPageAsync(filter, types, descending, limit, after is null ? null : (after[0], after[1], after[2]), ct);
            return [.. page.Select(p => (p.Item, new[] { p.Key.SortKey, p.Key.Type, p.Key.Id }))];
        };

    /// <summary>The feed's filters, types and direction (errors stay in <paramref name="query"/>).</summary>
    private static (EventFilter Filter, IReadOnlyList<string> Types, bool Descending) FeedOf(QueryReader query)
        => (EventQuery.ReadFilter(query, EventVocabulary.Kinds), query.List(s_type), query.OneOf(s_sort) == "-start");

    private static string[]? CursorOf(QueryReader query)
    {
        var after = query.CursorParts(3);
        if (after is not null && !TimelineItemTypes.All.Contains(after[1]))
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
            return null;
        }

        return after;
    }
}
