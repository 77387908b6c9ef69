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

    private static readonly QueryParameter[] s_listParameters = [s_kind, s_name, CommonParameters.UpdatedSince, .. CommonParameters.Paging];

    private static readonly QueryParameter[] s_eventParameters =
    [
        CommonParameters.From, CommonParameters.To, EventQuery.KindOf(EventVocabulary.Kinds), EventQuery.Status, EventQuery.Topic,
        EventQuery.Search, EventsEndpoints.Sort, .. CommonParameters.Paging,
    ];

    private static readonly QueryParameter[] s_counterpartParameters =
    [
        CommonParameters.From, CommonParameters.To,
        EventQuery.KindOf(EventVocabulary.Kinds) with { Description = "The kinds of event counted (calls, summits, talks and meetings when left out)." },
        EventQuery.Status with { Description = "The statuses of the events counted (`held` when left out: who they met, not who they planned to meet)." },
        EventQuery.Topic, .. CommonParameters.Paging,
    ];

    private static readonly QueryParameter[] s_statementParameters =
        [.. StatementsEndpoints.FilterParametersWithoutSpeaker, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapParticipants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/participants").WithTags("Participants")
            .AddEndpointFilter<Http.ResourceETagFilter>()
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
            .WithIdExample("participant", "vladimir-putin")
            .WithSummary("Who this participant met or talked with")
            .WithDescription("""
                The participants who shared an encounter (call, summit, talks, meeting) with this one, most frequent first,
                each with the number of shared events and their ids. Only held events are counted unless `status` says
                otherwise; `byStatus` gives the shared events of every status (proposed, scheduled…) the other filters
                leave. `kind` widens or narrows the kinds of event counted; the other event filters apply too.
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

    private static Results<ListResult<ParticipantResponse>, ValidationProblem> ListParticipants(HttpRequest request, ParticipantStore store)
    {
        var query = new QueryReader(request, s_listParameters);
        var kinds = query.List(s_kind);
        var name = query.Text(s_name) is { } text && TextKey.Normalize(text) is { Length: > 0 } key ? key : null;
        var updatedSince = query.UpdatedSince();
        var after = query.CursorParts(1);
        var list = query.ListRequest(request, after);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<ParticipantResponse>(async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(kinds, name, updatedSince, limit, after?[0], ct);
            var toResponse = await store.LoadDetailsAsync([.. rows.Select(r => r.Id)], ct);
            return [.. rows.Select(r => (toResponse(r), new[] { r.Id }))];
        }, list);
    }

    private static async Task<Results<Ok<ParticipantResponse>, ProblemHttpResult>> GetParticipant(
        string id, HttpContext http, ParticipantStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("participant", id);
        }

        http.Response.Headers.ETag = Editing.ResourceTag.For(Data.RecordWriter.Participant, row.Id, row.Version);
        var toResponse = await store.LoadDetailsAsync([row.Id], ct);
        return TypedResults.Ok(toResponse(row));
    }

    private static async Task<Results<ListResult<CounterpartResponse>, ValidationProblem, ProblemHttpResult>> ListCounterparts(
        string id, HttpRequest request, ParticipantStore participants, CancellationToken ct)
    {
        var query = new QueryReader(request, s_counterpartParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds);
        var list = query.ListRequest(request, ListResult.PositionCursor(query));
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var counted = filter.Kinds.Count > 0 ? filter : filter with { Kinds = EventVocabulary.MeetingKinds };
        return ListResult.Of(await participants.CounterpartsAsync(id, counted, filter.Statuses.Count > 0 ? filter.Statuses : ["held"], ct), list);
    }

    private static async Task<Results<ListResult<EventResponse>, ValidationProblem, ProblemHttpResult>> ListParticipantEvents(
        string id, HttpRequest request, ParticipantStore participants, EventStore events, CancellationToken ct)
    {
        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var query = new QueryReader(request, s_eventParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds) with { ParticipantId = id };
        return Widen(EventsEndpoints.List(query, request, filter, events));
    }

    private static async Task<Results<ListResult<StatementResponse>, ValidationProblem, ProblemHttpResult>> ListParticipantStatements(
        string id, HttpRequest request, ParticipantStore participants, StatementStore statements, CancellationToken ct)
    {
        if (!await participants.ExistsAsync(id, ct))
        {
            return Problems.NotFound("participant", id);
        }

        var query = new QueryReader(request, s_statementParameters);
        return Widen(StatementsEndpoints.List(query, request, StatementsEndpoints.ReadFilter(query, speakerId: id), statements));
    }

    /// <summary>A list-or-400 result as one that may also be a 404.</summary>
    private static Results<ListResult<T>, ValidationProblem, ProblemHttpResult> Widen<T>(Results<ListResult<T>, ValidationProblem> result)
        => result.Result switch
        {
            ListResult<T> list => list,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException($"Unexpected result {result.Result.GetType().Name}."),
        };
}
