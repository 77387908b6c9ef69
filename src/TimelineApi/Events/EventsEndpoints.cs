using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;

namespace TimelineApi.Events;

public static class EventsEndpoints
{
    private static readonly Dictionary<string, Keyset> s_orders = new(StringComparer.Ordinal)
    {
        ["start"] = EventStore.ByStart,
        ["-start"] = EventStore.ByStartDescending,
        ["relevance"] = EventStore.ByRelevance,
    };

    public static readonly QueryParameter Sort = EventQuery.SortOf([.. s_orders.Keys]);

    private static readonly QueryParameter[] s_listParameters =
        [.. EventQuery.FilterParameters(EventVocabulary.Kinds), Sort, .. CommonParameters.Paging];

    private static readonly QueryParameter s_facet = new(
        "facet", "The facets to count (all when left out).", "kind,status,participant,topic,month", AllowedValues: EventFacets.Names, IsList: true);

    private static readonly QueryParameter[] s_facetParameters = [.. EventQuery.FilterParameters(EventVocabulary.Kinds), s_facet];

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/events").WithTags("Events")
            .AddEndpointFilter<Http.ResourceETagFilter>()
            .WithIdParameter("event", "2021-12-07-biden-putin-video-call");

        group.MapGet("/", ListEvents)
            .WithName("ListEvents")
            .WithSummary("List events")
            .WithDescription("""
                Events in chronological order of their start (events whose date is unknown come last), filtered by
                date range, participant, kind, status, topic and full-text search (`q`: ranked by relevance, each hit
                with a `snippet` whose matches are wrapped in `<mark>`). Paged: follow `next` (or the
                `Link: rel="next"` header) until it is null.
                """)
            .WithQueryParameters(s_listParameters);

        group.MapGet("/facets", GetFacets)
            .WithName("GetEventFacets")
            .WithSummary("Count events per value, for charts")
            .WithDescription("""
                How many of the events matching the filters fall under each value of each facet: kind, status, format,
                participant (with its name as `label`), topic, month and year of the start. Undated events count under a
                `null` value. Takes the same filters as the event list.
                """)
            .WithQueryParameters(s_facetParameters);

        group.MapGet("/{id}", GetEvent)
            .WithName("GetEvent")
            .WithSummary("Get one event")
            .WithDescription("One event by its id (a readable slug such as `2021-12-07-biden-putin-video-call`), with its participants, topics and sources.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>Answers a list of events in the requested format, or the problems found in the query.</summary>
    public static Results<ListResult<EventResponse>, ValidationProblem> List(QueryReader query, HttpRequest request, EventFilter filter, EventStore store)
    {
        var (order, after) = EventQuery.ReadOrder(query, Sort, s_orders, filter.Search is not null);
        var list = query.ListRequest(request, after);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        PageReader<EventResponse> read = async (limit, after, ct) =>
        {
            var rows = await store.ListAsync(filter, order, limit, after, ct);
            var details = await store.LoadDetailsAsync([.. rows.Select(r => r.Id)], ct);
            return [.. rows.Select(r => (details.ToResponse(r), r.KeyFor(order)))];
        };

        // Without a search (whose items carry a snippet of their own), a JSON page is the events' stored documents.
        ListCounter count = ct => store.CountAsync(filter, ct);
        return filter.Search is not null
            ? ListResult.Create(read, list, count)
            : ListResult.Create(read, async (limit, after, ct) =>
            {
                var rows = await store.ListDocumentsAsync(filter, order, limit, after, ct);
                return [.. rows.Select(r => (r.Document, r.KeyFor(order)))];
            }, list, count);
    }

    private static Results<ListResult<EventResponse>, ValidationProblem> ListEvents(HttpRequest request, EventStore store)
    {
        var query = new QueryReader(request, s_listParameters);
        return List(query, request, EventQuery.ReadFilter(query, EventVocabulary.Kinds), store);
    }

    private static async Task<Results<Ok<FacetsResponse>, ValidationProblem>> GetFacets(HttpContext http, EventFacets facets, CancellationToken ct)
    {
        var query = new QueryReader(http.Request, s_facetParameters);
        var filter = EventQuery.ReadFilter(query, EventVocabulary.Kinds);
        var names = query.List(s_facet);
        return query.IsValid
            ? TypedResults.Ok(await facets.CountAsync(filter, names, ct))
            : Problems.InvalidQuery(query);
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetEvent(string id, HttpContext http, EventStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("event", id);
        }

        http.Response.Headers.ETag = Editing.ResourceTag.For(Data.RecordWriter.Event, row.Id, row.Version);
        var details = await store.LoadDetailsAsync([row.Id], ct);
        return TypedResults.Ok(details.ToResponse(row));
    }
}
