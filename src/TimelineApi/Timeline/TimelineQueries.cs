using System.Text;
using Dapper;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Statements;

namespace TimelineApi.Timeline;

public sealed class TimelineQueries(SqliteConnectionFactory db, EventStore events, StatementStore statements)
{
    /// <summary>
    /// One page of the merged feed, <paramref name="limit"/> + 1 keys, ordered by date, then type
    /// (an event before the statements of its day), then id, or the reverse. With any of kind, status
    /// or topic, statements are kept only when the event they belong to matches them; a search keeps the
    /// events and the statements that match it.
    /// </summary>
    internal async Task<List<TimelineKey>> ListKeysAsync(
        EventFilter filter, IReadOnlyList<string> types, bool descending, int limit, (string SortKey, string Type, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var query = KeysQuery(filter, types, descending, after, limit + 1, parameters);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TimelineKey>(new CommandDefinition(query, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>The SQL of a page of the feed's keys.</summary>
    internal static string KeysQuery(
        EventFilter filter, IReadOnlyList<string> types, bool descending, (string SortKey, string Type, string Id)? after, int take, DynamicParameters parameters)
    {
        var branches = new List<string>();
        if (types.Count == 0 || types.Contains(TimelineItemTypes.Event))
        {
            var sql = new StringBuilder("SELECT 'event' AS type, e.id, e.sort_key FROM events e WHERE 1 = 1");
            EventStore.AppendFilter(sql, parameters, filter, "e");
            AppendAfter(sql, "e", descending, after);
            branches.Add(Bounded(sql, "e", descending));
        }

        if (types.Count == 0 || types.Contains(TimelineItemTypes.Statement))
        {
            var sql = new StringBuilder("SELECT 'statement' AS type, s.id, s.sort_key FROM statements s WHERE 1 = 1");
            var statementFilter = new StatementFilter
            {
                FromDay = filter.FromDay,
                ToDay = filter.ToDay,
                SpeakerKey = filter.ParticipantKey,
                Search = filter.Search,
            };
            StatementStore.AppendFilter(sql, parameters, statementFilter, "s");
            if (filter.Kinds.Count > 0 || filter.Statuses.Count > 0 || filter.Topics.Count > 0)
            {
                sql.Append(" AND s.event_id IN (SELECT ev.id FROM events ev WHERE 1 = 1");
                EventStore.AppendFilter(sql, parameters, new EventFilter { Kinds = filter.Kinds, Statuses = filter.Statuses, Topics = filter.Topics }, "ev");
                sql.Append(')');
            }

            AppendAfter(sql, "s", descending, after);
            branches.Add(Bounded(sql, "s", descending));
        }

        if (after is { } a)
        {
            parameters.Add("afterKey", a.SortKey);
            parameters.Add("afterType", a.Type);
            parameters.Add("afterId", a.Id);
        }

        parameters.Add("take", take);
        var direction = descending ? " DESC" : string.Empty;
        return $"""
            SELECT type, id, sort_key FROM ({string.Join(" UNION ALL ", branches)})
            ORDER BY sort_key{direction}, type{direction}, id{direction} LIMIT @take;
            """;
    }

    internal async Task<IReadOnlyList<TimelineItem>> LoadItemsAsync(IReadOnlyList<TimelineKey> keys, CancellationToken ct)
    {
        var eventIds = keys.Where(k => k.Type == TimelineItemTypes.Event).Select(k => k.Id).ToList();
        var statementIds = keys.Where(k => k.Type == TimelineItemTypes.Statement).Select(k => k.Id).ToList();

        var eventRows = eventIds.Count > 0 ? await events.FindManyAsync(eventIds, ct) : [];
        var details = eventIds.Count > 0 ? await events.LoadDetailsAsync(eventIds, ct) : null;
        var statementRows = statementIds.Count > 0 ? await statements.FindManyAsync(statementIds, ct) : [];

        var eventItems = eventRows.ToDictionary(r => r.Id, r =>
        {
            var e = details!.ToResponse(r);
            return new TimelineItem(TimelineItemTypes.Event, e.Id, e.Start, e.End, e.DateInferred, e.Title, null, e.Kind, e.Status,
                e.Participants, null, null, e.Sources);
        });
        var statementItems = statementRows.ToDictionary(r => r.Id, r =>
        {
            var s = r.ToResponse();
            return new TimelineItem(TimelineItemTypes.Statement, s.Id, s.Date, null, s.DateInferred, null, s.Text, null, null,
                null, s.Speaker, s.Event, [s.Source]);
        });

        return [.. keys.Select(k => k.Type == TimelineItemTypes.Event ? eventItems[k.Id] : statementItems[k.Id])];
    }

    /// <summary>A branch read in the feed's order and cut at the page size, so merging the branches sorts a page, not the tables.</summary>
    private static string Bounded(StringBuilder branch, string alias, bool descending)
    {
        var direction = descending ? " DESC" : string.Empty;
        return $"SELECT * FROM ({branch} ORDER BY {alias}.sort_key{direction}, {alias}.id{direction} LIMIT @take)";
    }

    private static void AppendAfter(StringBuilder sql, string alias, bool descending, (string SortKey, string Type, string Id)? after)
    {
        if (after is not null)
        {
            var type = alias == "e" ? TimelineItemTypes.Event : TimelineItemTypes.Statement;
            sql.Append($" AND ({alias}.sort_key, '{type}', {alias}.id) {(descending ? "<" : ">")} (@afterKey, @afterType, @afterId)");
        }
    }
}
