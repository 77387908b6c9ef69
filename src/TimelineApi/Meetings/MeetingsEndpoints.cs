using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Meetings;

public static class MeetingsEndpoints
{
    private static readonly QueryParameter s_asOf = new(
        "asOf",
        "Knowledge time: answer with the schedule as the sources published up to this day reported it (status, dates, format and location as then known). Meetings no source had reported by then are left out, and `history` stops at that day.",
        "2021-12-06",
        QueryParameterType.Date);

    private static readonly Dictionary<string, Keyset> s_orders = new(StringComparer.Ordinal)
    {
        ["start"] = EventStore.ByStart,
        ["-start"] = EventStore.ByStartDescending,
    };

    private static readonly QueryParameter s_sort = EventQuery.SortOf([.. s_orders.Keys]);

    private static readonly QueryParameter[] s_listParameters =
        [.. EventQuery.FilterParameters(EventVocabulary.MeetingKinds), s_asOf, s_sort, .. CommonParameters.Paging];

    private static readonly QueryParameter[] s_getParameters = [s_asOf];

    public static RouteGroupBuilder MapMeetings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/meetings").WithTags("Meetings")
            .WithIdParameter("meeting", "2022-01-09-us-russia-geneva-security-talks");

        group.MapGet("/", ListMeetings)
            .WithName("ListMeetings")
            .WithSummary("List meetings and their schedule")
            .WithDescription("""
                Planned diplomatic encounters (calls, talks, summits, meetings), held or not, in order of their start,
                each with the history of its status: one entry per source, dated by that source. With `asOf`, the
                schedule as it was known on that day.
                """)
            .WithQueryParameters(s_listParameters);

        group.MapGet("/{id}", GetMeeting)
            .WithName("GetMeeting")
            .WithSummary("Get one meeting")
            .WithDescription("One meeting by id, with its status history; `asOf` gives its state as known on that day.")
            .WithQueryParameters(s_getParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/history", GetMeetingHistory)
            .WithName("GetMeetingHistory")
            .WithSummary("The status history of one meeting")
            .WithDescription("""
                What each source reported about the meeting, oldest report first: status, dates, format and place as then
                known, dated by the source that reported it. With `asOf`, only the reports published up to that day.
                Not paged: `next` is always null.
                """)
            .WithQueryParameters(s_getParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Ok<Page<MeetingResponse>>, ValidationProblem>> ListMeetings(
        HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_listParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.MeetingKinds);
        var asOf = query.Date(s_asOf)?.LastDay;
        var limit = query.Limit();
        var (order, after) = EventQuery.ReadOrder(query, s_sort, s_orders, searching: false);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var rows = await store.ListAsync(filter, asOf, order, limit, after, ct);
        var (details, history) = await store.LoadDetailsAsync([.. rows.Select(r => r.Id)], asOf, ct);
        return TypedResults.Ok(Paging.ToPage(http, rows, limit, r => r.CursorFor(order), r => ToResponse(r, details, history, asOf)));
    }

    private static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult, ValidationProblem>> GetMeeting(
        string id, HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_getParameters);
        var asOf = query.Date(s_asOf)?.LastDay;
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        if (await store.FindAsync(id, asOf, ct) is not { } row)
        {
            return asOf is null
                ? Problems.NotFound("meeting", id)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not Found",
                    detail: $"There is no meeting with id '{id}' known from sources published up to {asOf}.");
        }

        var (details, history) = await store.LoadDetailsAsync([row.Id], asOf, ct);
        return TypedResults.Ok(ToResponse(row, details, history, asOf));
    }

    private static async Task<Results<Ok<Page<MeetingStatusEntry>>, ProblemHttpResult, ValidationProblem>> GetMeetingHistory(
        string id, HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var result = await GetMeeting(id, http, store, ct);
        return result.Result switch
        {
            Ok<MeetingResponse> ok => TypedResults.Ok(new Page<MeetingStatusEntry>(ok.Value!.History, null)),
            ProblemHttpResult problem => problem,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    private static MeetingResponse ToResponse(EventRow row, EventDetails details, ILookup<string, MeetingStatusRow> history, string? asOf)
    {
        var e = details.ToResponse(row);
        return new MeetingResponse(
            e.Id, e.Title, e.Kind, e.Format, e.Status, e.Start, e.End, e.DatePrecision, e.DateInferred, e.DateNote,
            e.DurationMinutes, e.Location, e.Summary, e.Participants, e.Topics, e.Sources, asOf,
            [.. history[row.Id].Select(h => h.ToEntry())]);
    }
}
