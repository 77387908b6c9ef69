using System.Text;
using System.Text.Json;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Events;

public sealed class EventStore(DbSession session)
{
    /// <summary>The columns of an event's row (<see cref="EventRow"/>) from <c>events e</c>.</summary>
    internal static readonly string EventColumns = $"{EventTable.Columns.Selected("e")}, e.summary, e.sort_key, e.version, e.updated_at";

    public static readonly Keyset ByStart = new("e.sort_key", "e.id", Descending: false);
    public static readonly Keyset ByStartDescending = ByStart with { Descending = true };
    public static readonly Keyset ByRelevance = new("f.rank", "e.id", Descending: false, NumericKey: true);

    /// <summary>The row of the event <c>@id</c>.</summary>
    internal static readonly string SelectById = $"""
        SELECT {EventColumns}
        FROM events e
        WHERE e.id = @id;
        """;

    private static readonly DialectSql SelectByIds = new(d => $"""
        SELECT {EventColumns}
        FROM events e
        WHERE e.id IN {d.Values("@ids")};
        """);

    private static readonly DialectSql SelectParticipants = new(d => $"""
        SELECT ep.event_id, ep.participant_id, p.name, p.kind, ep.role, ep.source_id
        FROM event_participants ep
        JOIN participants p ON p.id = ep.participant_id
        WHERE ep.event_id IN {d.Values("@ids")}
        ORDER BY ep.event_id, CASE ep.role WHEN 'participant' THEN 0 ELSE 1 END, ep.role, ep.participant_id;
        """);

    private static readonly DialectSql SelectTopics = new(d => $"SELECT event_id, topic FROM event_topics WHERE event_id IN {d.Values("@ids")} ORDER BY event_id, topic;");

    private static readonly DialectSql SelectSources = new(d => $"""
        SELECT es.event_id, es.source_id
        FROM event_sources es
        JOIN sources s ON s.id = es.source_id
        WHERE es.event_id IN {d.Values("@ids")}
        ORDER BY es.event_id, s.reported_on NULLS FIRST, es.source_id;
        """);

    /// <summary>The rows of <paramref name="ids"/> (sent as one JSON array: one statement whatever their number).</summary>
    internal async Task<List<EventRow>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<EventRow>(new CommandDefinition(SelectByIds.For(session.Dialect), new { ids = JsonSerializer.Serialize(ids) }, cancellationToken: ct))).AsList();
    }

    internal async Task<EventRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// One page of events in <paramref name="order"/>, <paramref name="limit"/> + 1 rows. With a search,
    /// each row carries its rank and a highlighted snippet.
    /// </summary>
    internal async Task<List<EventRow>> ListAsync(EventFilter filter, Keyset order, int limit, string[]? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = ListQuery(session.Dialect, filter, order, after, limit + 1, parameters);
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// One page of the event list without a search, <paramref name="limit"/> + 1 rows, as stored documents
    /// (<see cref="EventDocuments"/>) with the sort key a cursor is made of.
    /// </summary>
    internal async Task<List<StoredEvent>> ListDocumentsAsync(EventFilter filter, Keyset order, int limit, string[]? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var (from, remaining, keys) = PageSource(session.Dialect, filter, order, after is not null, parameters);
        var sql = new StringBuilder($"SELECT {session.Dialect.Utf8("e.document")} AS document, e.sort_key, e.id FROM {from} WHERE 1 = 1");
        AppendFilter(session.Dialect, sql, parameters, remaining, "e");
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<StoredEvent>(new CommandDefinition(keys.Page(sql, parameters, after, limit + 1), parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// What a page of the event list in date order is read from, the filter left to apply to it, and the keys it is
    /// ordered by. With a participant: that participant's rows of <c>participant_events</c> (its events in start
    /// order) joined to the events, so the page walks the participant's own events and stops after the page; the
    /// keys are the same values as the events' own, and a date range bounds them as it bounds the events' (the walk
    /// starts at the range, however many events of the participant come before it; the range's own parameters are
    /// added with the rest of the filter), and kinds and statuses are tested on the walked rows themselves. After a
    /// cursor (<paramref name="continuing"/>) the cursor bounds the walk on its side, not the range, so a deep page
    /// seeks the cursor.
    /// </summary>
    internal static (string From, EventFilter Remaining, Keyset Order) PageSource(
        SqlDialect d, EventFilter filter, Keyset order, bool continuing, DynamicParameters parameters)
    {
        var bounds = (filter.FromDay is null || (continuing && !order.Descending) ? string.Empty : " AND " + StartsFrom(d, "pe.sort_key"))
            + (filter.ToDay is null || (continuing && order.Descending) ? string.Empty : " AND " + StartsBefore("pe.sort_key"))
            + (filter.Kinds.Count == 0 ? string.Empty : $" AND pe.kind {d.In("@kinds")}")
            + (filter.Statuses.Count == 0 ? string.Empty : $" AND pe.status {d.In("@statuses")}");
        // CROSS JOIN keeps the participant's rows as the outer loop (SQLite does not reorder it): the planner would
        // otherwise, going by sampled statistics, read every event of a common kind or status and sort them.
        // PostgreSQL has no CROSS JOIN with a condition, and plans the join by its own statistics.
        var walk = $"participant_events pe {(d.IsPostgres ? "JOIN" : "CROSS JOIN")} events e ON e.id = pe.event_id{bounds} AND pe.participant_id = ";
        var keys = order with { KeyExpression = "pe.sort_key", IdExpression = "pe.event_id" };
        if (filter.ParticipantId is { } id)
        {
            parameters.Add("pageParticipantId", id);
            return (walk + "@pageParticipantId", filter with { ParticipantId = null }, keys);
        }

        if (filter.ParticipantKey is { } key)
        {
            parameters.Add("pageParticipantKey", key);
            return (walk + "(SELECT participant_id FROM participant_lookup WHERE key = @pageParticipantKey)", filter with { ParticipantKey = null }, keys);
        }

        return ("events e", filter, order);
    }

    /// <summary>The SQL of a page of the event list (with a search: joined to its matches for rank and snippet).</summary>
    internal static string ListQuery(SqlDialect d, EventFilter filter, Keyset order, string[]? after, int take, DynamicParameters parameters)
    {
        if (filter.Search is not { } search)
        {
            var (from, remaining, keys) = PageSource(d, filter, order, after is not null, parameters);
            return PageQuery(d, from, "NULL AS snippet, NULL AS rank", "1 = 1", parameters, remaining, keys, after, take);
        }

        parameters.Add("search", search.For(d));
        var matches = $"events e JOIN ({FullTextIndex.Events.Matches(d)}) f ON f.fts_rowid = e.rowid";
        return PageQuery(d, matches, "f.snippet, f.rank", "1 = 1", parameters, filter with { Search = null }, order, after, take);
    }

    /// <summary>
    /// The SQL of one page of event rows read from <paramref name="from"/> (the events table aliased
    /// <c>e</c>, or a query shaped like it), in <paramref name="order"/>, after the position <paramref name="after"/>.
    /// </summary>
    internal static string PageQuery(
        SqlDialect d, string from, string extraColumns, string where, DynamicParameters parameters, EventFilter filter, Keyset order, string[]? after, int take)
    {
        var sql = new StringBuilder($"SELECT {EventColumns}, {extraColumns} FROM {from} WHERE {where}");
        AppendFilter(d, sql, parameters, filter, "e");
        return order.Page(sql, parameters, after, take);
    }

    /// <summary>The sort keys an event reaching into a range from <c>@fromDay</c> can have (see <see cref="AppendFilter"/>).</summary>
    private static string StartsFrom(SqlDialect d, string sortKey) => d.IsPostgres
        ? $"{sortKey} >= to_char(GREATEST(CAST(@fromDay AS date) - CAST((SELECT max_days FROM event_span WHERE id = 1) + 1 AS integer), DATE '0001-01-01'), 'YYYY-MM-DD')"
        : $"{sortKey} >= date(@fromDay, '-' || ((SELECT max_days FROM event_span WHERE id = 1) + 1) || ' days')";

    /// <summary>The sort keys an event reaching into a range up to <c>@toDay</c> can have (<c>@toBound</c>: two days after it).</summary>
    private static string StartsBefore(string sortKey) => $"{sortKey} < @toBound";

    /// <summary>How many events <paramref name="filter"/> matches.</summary>
    internal async Task<long> CountAsync(EventFilter filter, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("SELECT COUNT(*) FROM events e WHERE 1 = 1");
        AppendFilter(session.Dialect, sql, parameters, filter, "e");
        await using var connection = await session.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
    }

    /// <summary>Appends the SQL of <paramref name="filter"/> for the events table aliased <paramref name="e"/>.</summary>
    internal static void AppendFilter(SqlDialect d, StringBuilder sql, DynamicParameters parameters, EventFilter filter, string e)
    {
        if (filter.Kinds.Count > 0)
        {
            sql.Append($" AND {e}.kind {d.In("@kinds")}");
            parameters.Add("kinds", filter.Kinds.ToArray());
        }

        if (filter.Statuses.Count > 0)
        {
            sql.Append($" AND {e}.status {d.In("@statuses")}");
            parameters.Add("statuses", filter.Statuses.ToArray());
        }

        // An event matches a range when any day of its span falls inside it. The sort_key bounds add
        // nothing to that but let SQLite seek the start-ordered index: no event starts later than the
        // range's end, or earlier than its start less the longest span (sort keys of instants are UTC,
        // hence a day more either way).
        if (filter.FromDay is not null)
        {
            sql.Append($" AND {e}.range_end >= @fromDay AND {StartsFrom(d, $"{e}.sort_key")}");
            parameters.Add("fromDay", filter.FromDay);
        }

        if (filter.ToDay is not null)
        {
            sql.Append($" AND {e}.range_start <= @toDay AND {StartsBefore($"{e}.sort_key")}");
            parameters.Add("toDay", filter.ToDay);
            parameters.Add("toBound", IsoDate.ShiftDay(filter.ToDay, 2));
        }

        if (filter.ParticipantKey is not null)
        {
            sql.Append($"""
                 AND EXISTS (SELECT 1 FROM event_participants ep
                             WHERE ep.event_id = {e}.id
                               AND ep.participant_id IN (SELECT participant_id FROM participant_lookup WHERE key = @participantKey))
                """);
            parameters.Add("participantKey", filter.ParticipantKey);
        }

        if (filter.ParticipantId is not null)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = {e}.id AND ep.participant_id = @participantId)");
            parameters.Add("participantId", filter.ParticipantId);
        }

        if (filter.Topics.Count > 0)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = {e}.id AND t.topic {d.In("@topics")})");
            parameters.Add("topics", filter.Topics.ToArray());
        }

        if (filter.UpdatedSince is not null)
        {
            sql.Append($" AND {e}.updated_at >= @updatedSince");
            parameters.Add("updatedSince", filter.UpdatedSince);
        }

        if (filter.Search is not null)
        {
            sql.Append($" AND {e}.id IN (SELECT ev.id FROM events ev WHERE ev.rowid IN ({FullTextIndex.Events.RowIds(d)}))");
            parameters.Add("search", filter.Search.For(d));
        }
    }

    /// <summary>The participants, topics and sources of <paramref name="ids"/>.</summary>
    internal async Task<EventDetails> LoadDetailsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        var args = new { ids = JsonSerializer.Serialize(ids) };
        var participants = await connection.QueryAsync<EventParticipantRow>(new CommandDefinition(SelectParticipants.For(session.Dialect), args, cancellationToken: ct));
        var topics = await connection.QueryAsync<(string EventId, string Topic)>(new CommandDefinition(SelectTopics.For(session.Dialect), args, cancellationToken: ct));
        var sources = await connection.QueryAsync<(string EventId, string SourceId)>(new CommandDefinition(SelectSources.For(session.Dialect), args, cancellationToken: ct));
        return new EventDetails
        {
            Participants = participants.ToLookup(p => p.EventId),
            Topics = topics.ToLookup(t => t.EventId, t => t.Topic),
            Sources = sources.ToLookup(s => s.EventId, s => s.SourceId),
        };
    }
}
