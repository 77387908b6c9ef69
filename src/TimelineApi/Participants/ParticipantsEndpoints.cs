using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Statements;

namespace TimelineApi.Participants;

public static class ParticipantsEndpoints
{
    private static readonly QueryParameter s_kind = new(
        "kind", "Only participants of these kinds.", "person", AllowedValues: ParticipantVocabulary.Kinds, IsList: true);

    private static readonly QueryParameter s_name = new(
        "name", "Only participants whose id, name or an alias contains this text (case- and accent-insensitive).", "ushakov");

    private static readonly QueryParameter[] s_listParameters = [s_kind, s_name, .. CommonParameters.Paging];

    private static readonly QueryParameter[] s_eventParameters =
    [
        CommonParameters.From, CommonParameters.To, EventQuery.KindOf(EventVocabulary.Kinds), EventQuery.Status, EventQuery.Topic,
        EventQuery.Search, EventsEndpoints.Sort, .. CommonParameters.Paging,
    ];

    private static readonly QueryParameter[] s_counterpartParameters =
    [
        CommonParameters.From, CommonParameters.To,
        EventQuery.KindOf(EventVocabulary.Kinds) with { Description = "The kinds of event counted (calls, summits, talks and meetings when left out)." },
        EventQuery.Status, EventQuery.Topic,
    ];

    private static readonly QueryParameter[] s_statementParameters =
        [.. StatementsEndpoints.FilterParametersWithoutSpeaker, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapParticipants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/participants").WithTags("Participants")
            .WithIdParameter("participant", "yuri-ushakov");

        group.MapGet("/", ListParticipants)
            .WithName("ListParticipants")
            .WithSummary("List participants")
            .WithDescription("People, organizations, countries and groups in id order, with their aliases and the titles each source gives them.")
            .WithQueryParameters(s_listParameters);

        group.MapGet("/{id}", GetParticipant)
            .WithName("GetParticipant")
            .WithSummary("Get one participant")
            .WithDescription("One participant by id (`yuri-ushakov`), with every alias (`Yury Ushakov`) and role title, each with the source that uses it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/counterparts", ListCounterparts)
            .WithName("ListParticipantCounterparts")
            .WithSummary("Who this participant met or talked with")
            .WithDescription("""
                The participants who shared an encounter (call, summit, talks, meeting) with this one, most frequent first,
                each with the number of shared events and their ids. `kind` widens or narrows the kinds of event counted;
                the other event filters apply too. Not paged: `next` is always null.
                """)
            .WithQueryParameters(s_counterpartParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/events", ListParticipantEvents)
            .WithName("ListParticipantEvents")
            .WithSummary("List the events of one participant")
            .WithDescription("The events this participant took part in, in any role, in start order; the event filters apply.")
            .WithQueryParameters(s_eventParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/statements", ListParticipantStatements)
            .WithName("ListParticipantStatements")
            .WithSummary("List the statements of one participant")
            .WithDescription("The verbatim statements this participant is quoted as saying, in date order.")
            .WithQueryParameters(s_statementParameters)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Ok<Page<ParticipantResponse>>, ValidationProblem>> ListParticipants(
        HttpContext http, ParticipantStore store, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_listParameters);
        var kinds = query.List(s_kind);
        var name = query.Text(s_name) is { } text ? TextKey.Normalize(text) : null;
        var limit = query.Limit();
        var after = query.CursorParts(1);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var rows = await store.ListAsync(kinds, string.IsNullOrEmpty(name) ? null : name, limit, after?[0], ct);
        var toResponse = await store.LoadDetailsAsync([.. rows.Select(r => r.Id)], ct);
        return TypedResults.Ok(Paging.ToPage(http, rows, limit, r => Cursor.Encode(r.Id), toResponse));
    }

    private static async Task<Results<Ok<ParticipantResponse>, ProblemHttpResult>> GetParticipant(
        string id, ParticipantStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("participant", id);
        }

        var toResponse = await store.LoadDetailsAsync([row.Id], ct);
        return TypedResults.Ok(toResponse(row));
    }

    private static async Task<Results<Ok<Page<CounterpartResponse>>, ValidationProblem, ProblemHttpResult>> ListCounterparts(
        string id, HttpContext http, ParticipantStore participants, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_counterpartParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var counted = filter.Kinds.Count > 0 ? filter : filter with { Kinds = EventVocabulary.MeetingKinds };
        return TypedResults.Ok(new Page<CounterpartResponse>(await participants.CounterpartsAsync(id, counted, ct), null));
    }

    private static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem, ProblemHttpResult>> ListParticipantEvents(
        string id, HttpContext http, ParticipantStore participants, EventStore events, CancellationToken ct)
    {
        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var query = new QueryReader(http.Request, s_eventParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds) with { ParticipantId = id };
        return Widen(await EventsEndpoints.ListPageAsync(http, query, filter, events, ct));
    }

    private static async Task<Results<Ok<Page<StatementResponse>>, ValidationProblem, ProblemHttpResult>> ListParticipantStatements(
        string id, HttpContext http, ParticipantStore participants, StatementStore statements, CancellationToken ct)
    {
        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var query = new QueryReader(http.Request, s_statementParameters);
        return Widen(await StatementsEndpoints.ListPageAsync(http, query, StatementsEndpoints.ReadFilter(query, speakerId: id), statements, ct));
    }

    /// <summary>A page-or-400 result as one that may also be a 404.</summary>
    private static Results<Ok<Page<T>>, ValidationProblem, ProblemHttpResult> Widen<T>(Results<Ok<Page<T>>, ValidationProblem> result)
        => result.Result switch
        {
            Ok<Page<T>> ok => ok,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
}
