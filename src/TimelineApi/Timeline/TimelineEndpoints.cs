using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Timeline;

public static class TimelineEndpoints
{
    private static readonly QueryParameter s_type = new(
        "type", "Only items of these types.", "event", AllowedValues: TimelineItemTypes.All, IsList: true);

    private static readonly QueryParameter s_sort = EventQuery.SortOf("start", "-start");

    private static readonly QueryParameter s_format = ListFormat.Parameter([.. ListFormat.ListFormats, TimelineJs.Format]) with
    {
        Description = ListFormat.Parameter(ListFormat.ListFormats).Description
            + " `timelinejs` answers the whole filtered timeline as a TimelineJS3 JSON document (undated items left out).",
    };

    private static readonly QueryParameter[] s_parameters =
        [.. EventQuery.FilterParameters(EventVocabulary.Kinds), s_type, s_sort, CommonParameters.Limit, CommonParameters.Cursor, s_format];

    public static RouteGroupBuilder MapTimeline(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/timeline").WithTags("Timeline");

        group.MapGet("/", GetTimeline)
            .WithName("GetTimeline")
            .WithSummary("The merged chronological feed")
            .WithDescription("""
                Events and statements in one chronological feed, each item typed (`event` or `statement`); undated items
                come last. `participant` matches an event's participants and a statement's speaker; `kind`, `status` and
                `topic` select events, and statements whose event they select; `q` keeps the events and statements that
                match a full-text search.
                """)
            .WithQueryParameters(s_parameters);

        return group;
    }

    private static async Task<Results<ListResult<TimelineItem>, Ok<TimelineJsDocument>, ValidationProblem>> GetTimeline(
        HttpRequest request, TimelineQueries timeline, CancellationToken ct)
    {
        var query = new QueryReader(request, s_parameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds);
        var types = query.List(s_type);
        var descending = query.OneOf(s_sort) == "-start";
        var after = query.CursorParts(3);
        if (after is not null && !TimelineItemTypes.All.Contains(after[1]))
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
        }

        var list = query.ListRequest(request, after, s_format);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        PageReader<TimelineItem> read = async (limit, after, ct) =>
        {
            var keys = await timeline.ListKeysAsync(filter, types, descending, limit, after is null ? null : (after[0], after[1], after[2]), ct);
            var items = await timeline.LoadItemsAsync(keys, ct);
            return [.. keys.Zip(items, (k, item) => (item, new[] { k.SortKey, k.Type, k.Id }))];
        };

        if (list.Format == TimelineJs.Format)
        {
            var items = new List<TimelineItem>();
            await foreach (var item in ListResult.ReadAllAsync(read, list.After, ct))
            {
                items.Add(item);
            }

            return TypedResults.Ok(TimelineJs.ToDocument(items));
        }

        return ListResult.Create(read, list);
    }
}
