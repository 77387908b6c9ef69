using System.Data;
using System.Text;
using Dapper;
using TimelineApi.Data;

namespace TimelineApi.Events;

public sealed class EventStore(SqliteConnectionFactory db)
{
    internal const string EventColumns = """
        e.id, e.title, e.kind, e.format, e.status, e.start_at, e.end_at, e.date_precision, e.date_inferred,
        e.date_note, e.duration_minutes, e.location, e.summary, e.sort_key
        """;

    private const string SelectById = $"""
        SELECT {EventColumns}
        FROM events e
        WHERE e.id = @id;
        """;

    private const string SelectParticipants = """
        SELECT ep.event_id, ep.participant_id, p.name, p.kind, ep.role, ep.source_id
        FROM event_participants ep
        JOIN participants p ON p.id = ep.participant_id
        WHERE ep.event_id IN @ids
        ORDER BY ep.event_id, CASE ep.role WHEN 'participant' THEN 0 ELSE 1 END, ep.role, ep.participant_id;
        """;

    private const string SelectTopics = "SELECT event_id, topic FROM event_topics WHERE event_id IN @ids ORDER BY event_id, topic;";

    private const string SelectSources = """
        SELECT es.event_id, es.source_id
        FROM event_sources es
        JOIN sources s ON s.id = es.source_id
        WHERE es.event_id IN @ids
        ORDER BY es.event_id, s.reported_on, es.source_id;
        """;

    private const string SelectByIds = $"""
        SELECT {EventColumns}
        FROM events e
        WHERE e.id IN @ids;
        """;

    internal async Task<List<EventRow>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<EventRow>(new CommandDefinition(SelectByIds, new { ids }, cancellationToken: ct))).AsList();
    }

    internal async Task<EventRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    /// <summary>One page of events in start order (unknown starts last), <paramref name="limit"/> + 1 rows.</summary>
    internal async Task<List<EventRow>> ListAsync(EventFilter filter, int limit, (string SortKey, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = PageQuery("events", "1 = 1", parameters, filter, after, limit + 1);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The SQL of one page of event rows read from <paramref name="table"/> (the events table, or a
    /// query shaped like it), ordered by start then id, after the keyset position <paramref name="after"/>.
    /// </summary>
    internal static string PageQuery(
        string table, string where, DynamicParameters parameters, EventFilter filter, (string SortKey, string Id)? after, int take)
    {
        var sql = new StringBuilder($"SELECT {EventColumns} FROM {table} e WHERE {where}");
        AppendFilter(sql, parameters, filter, "e");
        if (after is { } a)
        {
            sql.Append(" AND (e.sort_key > @afterKey OR (e.sort_key = @afterKey AND e.id > @afterId))");
            parameters.Add("afterKey", a.SortKey);
            parameters.Add("afterId", a.Id);
        }

        sql.Append(" ORDER BY e.sort_key, e.id LIMIT @take;");
        parameters.Add("take", take);
        return sql.ToString();
    }

    /// <summary>Appends the SQL of <paramref name="filter"/> for the events table aliased <paramref name="e"/>.</summary>
    internal static void AppendFilter(StringBuilder sql, DynamicParameters parameters, EventFilter filter, string e)
    {
        if (filter.Kinds.Count > 0)
        {
            sql.Append($" AND {e}.kind IN @kinds");
            parameters.Add("kinds", filter.Kinds);
        }

        if (filter.Statuses.Count > 0)
        {
            sql.Append($" AND {e}.status IN @statuses");
            parameters.Add("statuses", filter.Statuses);
        }

        // An event matches a range when any day of its span falls inside it.
        if (filter.FromDay is not null)
        {
            sql.Append($" AND {e}.range_end >= @fromDay");
            parameters.Add("fromDay", filter.FromDay);
        }

        if (filter.ToDay is not null)
        {
            sql.Append($" AND {e}.range_start <= @toDay");
            parameters.Add("toDay", filter.ToDay);
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
            sql.Append($" AND EXISTS (SELECT 1 FROM event_topics t WHERE t.event_id = {e}.id AND t.topic IN @topics)");
            parameters.Add("topics", filter.Topics);
        }
    }

    internal async Task<EventDetails> LoadDetailsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await LoadDetailsAsync(connection, ids, ct);
    }

    internal static async Task<EventDetails> LoadDetailsAsync(IDbConnection connection, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var args = new { ids };
        var participants = await connection.QueryAsync<EventParticipantRow>(new CommandDefinition(SelectParticipants, args, cancellationToken: ct));
        var topics = await connection.QueryAsync<(string EventId, string Topic)>(new CommandDefinition(SelectTopics, args, cancellationToken: ct));
        var sources = await connection.QueryAsync<(string EventId, string SourceId)>(new CommandDefinition(SelectSources, args, cancellationToken: ct));
        return new EventDetails
        {
            Participants = participants.ToLookup(p => p.EventId),
            Topics = topics.ToLookup(t => t.EventId, t => t.Topic),
            Sources = sources.ToLookup(s => s.EventId, s => s.SourceId),
        };
    }
}
