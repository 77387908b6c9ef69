using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Timeline;

public static class TimelineEndpoints
{
    private static readonly QueryParameter s_type = new(
        "type", "Only items of these types.", "event", AllowedValues: TimelineItemTypes.All, IsList: true);

    private static readonly QueryParameter s_sort = EventQuery.SortOf("start", "-start");

    private static readonly QueryParameter[] s_parameters =
        [.. EventQuery.FilterParameters(EventVocabulary.Kinds), s_type, s_sort, .. CommonParameters.Paging];

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

    private static async Task<Results<Ok<Page<TimelineItem>>, ValidationProblem>> GetTimeline(
        HttpContext http, TimelineQueries timeline, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_parameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds);
        var types = query.List(s_type);
        var descending = query.OneOf(s_sort) == "-start";
        var limit = query.Limit();
        var after = query.CursorParts(3);
        if (after is not null && !TimelineItemTypes.All.Contains(after[1]))
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
        }

        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var keys = await timeline.ListKeysAsync(filter, types, descending, limit, after is null ? null : (after[0], after[1], after[2]), ct);
        var page = keys.Count > limit ? keys[..limit] : keys;
        var items = (await timeline.LoadItemsAsync(page, ct)).ToDictionary(i => (i.Type, i.Id));
        return TypedResults.Ok(Paging.ToPage(http, keys, limit, k => Cursor.Encode(k.SortKey, k.Type, k.Id), k => items[(k.Type, k.Id)]));
    }
}
