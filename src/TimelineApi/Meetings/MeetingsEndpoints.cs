using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Http;

namespace TimelineApi.Meetings;

public static class MeetingsEndpoints
{
    private static readonly QueryParameter s_asOf = new(
        "asOf",
        "Knowledge time: answer with each meeting as the reports published up to this day gave it: status, dates, format, location and duration as then known (null where no report had stated them yet), only the sources published by then and the roles they give; summary, date note and topics, which draw on all of a meeting's sources, only once every one of them was published (else null and empty). Meetings no report had given by then are left out, and `history` stops at that day. An edit without a report is known from the day it was made.",
        "2021-12-31",
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

    private static readonly QueryParameter[] s_calendarParameters = [.. EventQuery.FilterParameters(EventVocabulary.MeetingKinds), s_asOf];

    private static readonly QueryParameter[] s_historyParameters = [s_asOf, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapMeetings(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/meetings.ics", GetCalendar)
            .AnswersExports()
            .WithTags("Meetings")
            .WithName("GetMeetingsCalendar")
            .WithSummary("Meetings as an iCalendar feed")
            .WithDescription("""
                The meetings matching the filters as an RFC 5545 calendar to subscribe to: one event per dated meeting, with
                a stable UID, SEQUENCE raised by each report and each write that changed it, DTSTAMP and LAST-MODIFIED at the
                last write, STATUS (CONFIRMED, TENTATIVE, CANCELLED —
                cancelled meetings stay in the feed), all-day events for meetings known only by their day, and the
                summary, participants and sources in the description. `asOf` gives the calendar as known on that day.
                """)
            .WithQueryParameters(s_calendarParameters)
            .Produces<string>(StatusCodes.Status200OK, MeetingCalendar.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var group = routes.MapGroup("/v1/meetings").WithTags("Meetings")
            .AddEndpointFilter<Http.ResourceETagFilter>()
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

        group.MapGet("/{id}/calendar.ics", GetMeetingCalendar)
            .AnswersExports()
            .WithName("GetMeetingCalendar")
            .WithSummary("One meeting as an iCalendar file")
            .WithDescription("""
                The meeting as an RFC 5545 calendar holding one event, the same entry the feed `/v1/meetings.ics` gives it
                (same UID and SEQUENCE), to add one meeting to a calendar. `asOf` gives it as known on that day. 404 when
                the meeting has no date yet, so it cannot be placed in a calendar.
                """)
            .WithQueryParameters(s_getParameters)
            .Produces<string>(StatusCodes.Status200OK, MeetingCalendar.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/history", GetMeetingHistory)
            .WithName("GetMeetingHistory")
            .WithSummary("The status history of one meeting")
            .WithDescription("""
                What each source reported about the meeting, oldest report first: status, dates, format and place as then
                known, dated by the source that reported it. With `asOf`, only the reports published up to that day.
                """)
            .WithQueryParameters(s_historyParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static Results<ListResult<MeetingResponse>, ValidationProblem> ListMeetings(HttpRequest request, MeetingStore store, EventStore events)
    {
        var query = new QueryReader(request, s_listParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.MeetingKinds);
        var asOf = query.Date(s_asOf)?.LastDay;
        var (order, after) = EventQuery.ReadOrder(query, s_sort, s_orders, searching: false);
        var list = query.ListRequest(request, after);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        // A JSON page of the meetings as they are now is written from the events' stored documents; as known on a day, a
        // meeting shows only what the reports published by then said, which the stored document does not tell apart.
        if (asOf is not null)
        {
            return ListResult.Create(Reader(store, filter, asOf, order), list);
        }

        var count = filter.Kinds.Count > 0 ? filter : filter with { Kinds = EventVocabulary.MeetingKinds };
        return ListResult.Create(Reader(store, filter, asOf, order), async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(filter, asOf, order, limit, after, ct, withDocuments: true);
            var history = await store.LoadHistoryAsync([.. rows.Select(r => r.Id)], asOf, ct);
            return [.. rows.Select(r => (MeetingDocuments.Write(r, asOf, [.. history[r.Id].Select(h => h.ToEntry())]), r.KeyFor(order)))];
        }, list, ct => events.CountAsync(count, ct));
    }

    private static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult, ValidationProblem>> GetMeeting(
        string id, HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var result = await FindMeetingAsync(id, http, store, s_getParameters, ct);
        if (result.Result is Ok<MeetingResponse> { Value.Start: not null })
        {
            // Calendar apps and pages can find the meeting's own iCalendar file from its JSON.
            http.Response.Headers.Link = $"</v1/meetings/{Uri.EscapeDataString(id)}/calendar.ics{http.Request.QueryString}>; rel=\"alternate\"; type=\"{MeetingCalendar.MediaType}\"";
        }

        return result;
    }

    private static async Task<Results<Ok<MeetingResponse>, ProblemHttpResult, ValidationProblem>> FindMeetingAsync(
        string id, HttpContext http, MeetingStore store, QueryParameter[] parameters, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, parameters);
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
        if (asOf is null)
        {
            http.Response.Headers.ETag = Editing.ResourceTag.For(Data.RecordWriter.Event, row.Id, row.Version);
        }

        return TypedResults.Ok(ToResponse(row, details, history, asOf));
    }

    private static async Task<Results<ListResult<MeetingStatusEntry>, ProblemHttpResult, ValidationProblem>> GetMeetingHistory(
        string id, HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_historyParameters);
        var list = query.ListRequest(http.Request, ListResult.PositionCursor(query));
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var result = await FindMeetingAsync(id, http, store, s_historyParameters, ct);
        return result.Result switch
        {
            Ok<MeetingResponse> ok => ListResult.Of(ok.Value!.History, list),
            ProblemHttpResult problem => problem,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetCalendar(HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_calendarParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.MeetingKinds);
        var asOf = query.Date(s_asOf)?.LastDay;
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var (meetings, tooLarge) = await ListResult.ReadExportAsync(http.RequestServices, Reader(store, filter, asOf, EventStore.ByStart), null, ct);
        if (meetings is null)
        {
            return tooLarge!;
        }

        return Calendar(http, meetings, "meetings.ics");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult, ValidationProblem>> GetMeetingCalendar(
        string id, HttpContext http, MeetingStore store, CancellationToken ct)
    {
        var result = await FindMeetingAsync(id, http, store, s_getParameters, ct);
        return result.Result switch
        {
            Ok<MeetingResponse> { Value: { Start: not null } meeting } => Calendar(http, [meeting], $"{id}.ics"),
            Ok<MeetingResponse> => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"Meeting '{id}' has no date yet, so it has no calendar entry."),
            ProblemHttpResult problem => problem,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
    }

    private static ContentHttpResult Calendar(HttpContext http, IReadOnlyList<MeetingResponse> meetings, string fileName)
    {
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return TypedResults.Text(MeetingCalendar.Write(meetings), $"{MeetingCalendar.MediaType}; charset=utf-8");
    }

    private static PageReader<MeetingResponse> Reader(MeetingStore store, EventFilter filter, string? asOf, Keyset order)
        => async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(filter, asOf, order, limit, after, ct);
            var (details, history) = await store.LoadDetailsAsync([.. rows.Select(r => r.Id)], asOf, ct);
            return [.. rows.Select(r => (ToResponse(r, details, history, asOf), r.KeyFor(order)))];
        };

    internal static MeetingResponse ToResponse(EventRow row, (EventDetails Details, ILookup<string, Data.StoredReport> History) loaded, string? asOf)
        => ToResponse(row, loaded.Details, loaded.History, asOf);

    private static MeetingResponse ToResponse(EventRow row, EventDetails details, ILookup<string, Data.StoredReport> history, string? asOf)
        => new(details.ToResponse(row), asOf, [.. history[row.Id].Select(h => h.ToEntry())], row.Version);
}
