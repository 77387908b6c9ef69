using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Statements;

public static class StatementsEndpoints
{
    private static readonly QueryParameter s_event = new(
        "event", "Only statements belonging to this event (its id).", "2021-12-07-ushakov-briefing-after-video-call");

    private static readonly QueryParameter s_source = new(
        "source", "Only statements quoted in this source (its id).", "2021-12-30-biden-putin-50-minute-phone-call");

    private static readonly QueryParameter s_speaker = CommonParameters.Participant with
    {
        Description = "Only statements by this speaker: a participant's id, name, any alias or a person's family name, case- and accent-insensitive. A name that finds nobody answers 400 offering the closest participants in `suggestions`.",
    };

    private static readonly Dictionary<string, Keyset> s_orders = new(StringComparer.Ordinal)
    {
        ["date"] = StatementStore.ByDate,
        ["-date"] = StatementStore.ByDateDescending,
        ["relevance"] = StatementStore.ByRelevance,
    };

    private static readonly QueryParameter s_sort = EventQuery.SortOf([.. s_orders.Keys]);

    /// <summary>The filters of a statement list whose speaker is already fixed.</summary>
    public static readonly QueryParameter[] FilterParametersWithoutSpeaker =
        [CommonParameters.From, CommonParameters.To, s_event, s_source, EventQuery.Search, CommonParameters.UpdatedSince, s_sort];

    private static readonly QueryParameter[] s_listParameters = [.. FilterParametersWithoutSpeaker, s_speaker, .. CommonParameters.Paging];

    public static RouteGroupBuilder MapStatements(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/statements").WithTags("Statements")
            .AddEndpointFilter<Http.ResourceETagFilter>()
            .WithIdParameter("statement", "ushakov-its-hard-to-expect-any-sudden-breakthroughs");

        group.MapGet("/", ListStatements)
            .WithName("ListStatements")
            .WithSummary("List statements")
            .WithDescription("""
                Verbatim quotes in date order (undated ones last), each with its speaker, the source it is quoted in and
                its `span` there. Filter by date, speaker, event, source and full-text search (`q`: ranked by relevance,
                each hit with a `snippet` whose matches are wrapped in `<mark>`).
                """)
            .WithQueryParameters(s_listParameters);

        group.MapGet("/{id}", GetStatement)
            .WithName("GetStatement")
            .WithSummary("Get one statement")
            .WithDescription("One statement by id. Its `text` is found verbatim in its source's text at `span` (UTF-16 offsets).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>Reads the statement filters; <paramref name="speakerId"/> fixes the speaker when given.</summary>
    public static StatementFilter ReadFilter(QueryReader query, string? speakerId)
    {
        var (from, to) = EventQuery.ReadRange(query);
        return new StatementFilter
        {
            FromDay = from,
            ToDay = to,
            SpeakerKey = speakerId is null ? EventQuery.ReadParticipantKey(query) : null,
            SpeakerId = speakerId,
            EventId = query.Text(s_event),
            SourceId = query.Text(s_source),
            Search = EventQuery.ReadSearch(query),
            UpdatedSince = query.UpdatedSince(),
        };
    }

    /// <summary>Answers a list of statements in the requested format, or the problems found in the query.</summary>
    public static Results<ListResult<StatementResponse>, ValidationProblem> List(
        QueryReader query, HttpRequest request, StatementFilter filter, StatementStore store)
    {
        var (order, after) = EventQuery.ReadOrder(query, s_sort, s_orders, filter.Search is not null);
        var list = query.ListRequest(request, after);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<StatementResponse>(async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(filter, order, limit, after, ct);
            return [.. rows.Select(r => (r.ToResponse(), r.KeyFor(order)))];
        }, list, ct => store.CountAsync(filter, ct));
    }

    private static Results<ListResult<StatementResponse>, ValidationProblem> ListStatements(HttpRequest request, StatementStore store)
    {
        var query = new QueryReader(request, s_listParameters);
        return List(query, request, ReadFilter(query, speakerId: null), store);
    }

    private static async Task<Results<Ok<StatementResponse>, ProblemHttpResult>> GetStatement(
        string id, HttpContext http, StatementStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("statement", id);
        }

        http.Response.Headers.ETag = Editing.ResourceTag.For(Data.RecordWriter.Statement, row.Id, row.Version);
        return TypedResults.Ok(row.ToResponse());
    }
}
