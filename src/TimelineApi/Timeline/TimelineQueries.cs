using System.Globalization;
using System.Text;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Statements;

namespace TimelineApi.Timeline;

public sealed class TimelineQueries(DbSession session, EventStore events, StatementStore statements)
{
    /// <summary>
    /// One page of the merged feed, <paramref name="limit"/> + 1 items with their keys, ordered by date, then
    /// type (an event before the statements of its day), then id, or the reverse. With any of kind, status or
    /// topic, statements are kept only when the event they belong to matches them; a search keeps the events
    /// and the statements that match it. Keys and items are read on one connection, in the answer's read
    /// snapshot: an item deleted meanwhile is either in the page whole or not at all.
    /// </summary>
    internal async Task<IReadOnlyList<(TimelineItem Item, TimelineKey Key)>> ReadPageAsync(
        EventFilter filter, IReadOnlyList<string> types, bool descending, int limit, (string SortKey, string Type, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var query = KeysQuery(session.Dialect, filter, types, descending, after, limit + 1, parameters);
        List<TimelineKey> keys;
        await using (var connection = await session.OpenAsync(ct))
        {
            keys = (await connection.QueryAsync<TimelineKey>(new CommandDefinition(query, parameters, cancellationToken: ct))).AsList();
        }

        var items = await LoadItemsAsync(keys, ct);
        return [.. keys.Zip(items, (key, item) => (item, key))];
    }

    /// <summary>
    /// One page of the merged feed as stored documents (<see cref="Events.EventDocuments"/>, <see cref="StatementDocuments"/>):
    /// the same items as <see cref="ReadPageAsync"/>, already serialized, read with their keys in one query.
    /// </summary>
    internal async Task<IReadOnlyList<(byte[] Document, TimelineKey Key)>> ReadDocumentsAsync(
        EventFilter filter, IReadOnlyList<string> types, bool descending, int limit, (string SortKey, string Type, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var query = KeysQuery(session.Dialect, filter, types, descending, after, limit + 1, parameters, withDocuments: true);
        await using var connection = await session.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Type, string Id, string SortKey, byte[] Document)>(new CommandDefinition(query, parameters, cancellationToken: ct));
        return [.. rows.Select(r => (r.Document, new TimelineKey { Type = r.Type, Id = r.Id, SortKey = r.SortKey }))];
    }

    /// <summary>The SQL of a page of the feed's keys (<paramref name="withDocuments"/>: and of their stored items).</summary>
    internal static string KeysQuery(
        SqlDialect d, EventFilter filter, IReadOnlyList<string> types, bool descending, (string SortKey, string Type, string Id)? after, int take, DynamicParameters parameters,
        bool withDocuments = false)
    {
        var branches = new List<string>();
        var document = withDocuments ? $", {d.Utf8("{0}.timeline_document")} AS document" : string.Empty;
        if (types.Count == 0 || types.Contains(TimelineItemTypes.Event))
        {
            // With a participant, its events are read from its own rows in start order (as the event list reads them).
            var (from, remaining, keys) = EventStore.PageSource(d, filter, descending ? EventStore.ByStartDescending : EventStore.ByStart, after is not null, parameters);
            var sql = new StringBuilder($"SELECT 'event' AS type, e.id, e.sort_key{string.Format(CultureInfo.InvariantCulture, document, "e")} FROM {from} WHERE 1 = 1");
            EventStore.AppendFilter(d, sql, parameters, remaining, "e");
            branches.AddRange(Branches(sql, keys.KeyExpression, keys.IdExpression, TimelineItemTypes.Event, descending, after));
        }

        if (types.Count == 0 || types.Contains(TimelineItemTypes.Statement))
        {
            var sql = new StringBuilder($"SELECT 'statement' AS type, s.id, s.sort_key{string.Format(CultureInfo.InvariantCulture, document, "s")} FROM statements s WHERE 1 = 1");
            var statementFilter = new StatementFilter
            {
                FromDay = filter.FromDay,
                ToDay = filter.ToDay,
                SpeakerKey = filter.ParticipantKey,
                Search = filter.Search,
            };
            StatementStore.AppendFilter(d, sql, parameters, statementFilter, "s");
            if (filter.Kinds.Count > 0 || filter.Statuses.Count > 0 || filter.Topics.Count > 0)
            {
                sql.Append(" AND s.event_id IN (SELECT ev.id FROM events ev WHERE 1 = 1");
                EventStore.AppendFilter(d, sql, parameters, new EventFilter { Kinds = filter.Kinds, Statuses = filter.Statuses, Topics = filter.Topics }, "ev");
                sql.Append(')');
            }

            branches.AddRange(Branches(sql, "s.sort_key", "s.id", TimelineItemTypes.Statement, descending, after));
        }

        if (after is { } a)
        {
            parameters.Add("afterKey", a.SortKey);
            parameters.Add("afterType", a.Type);
            parameters.Add("afterId", a.Id);
        }

        parameters.Add("take", take);
        var direction = descending ? " DESC" : string.Empty;
        var undatedLast = descending ? $"sort_key = '{Keyset.Undated}', " : string.Empty;
        return $"""
            SELECT type, id, sort_key{(withDocuments ? ", document" : string.Empty)} FROM ({string.Join(" UNION ALL ", branches)}) AS feed
            ORDER BY {undatedLast}sort_key{direction}, type{direction}, id{direction} LIMIT @take;
            """;
    }

    private async Task<IReadOnlyList<TimelineItem>> LoadItemsAsync(IReadOnlyList<TimelineKey> keys, CancellationToken ct)
    {
        var eventIds = keys.Where(k => k.Type == TimelineItemTypes.Event).Select(k => k.Id).ToList();
        var statementIds = keys.Where(k => k.Type == TimelineItemTypes.Statement).Select(k => k.Id).ToList();

        var eventRows = eventIds.Count > 0 ? await events.FindManyAsync(eventIds, ct) : [];
        var details = eventIds.Count > 0 ? await events.LoadDetailsAsync(eventIds, ct) : null;
        var statementRows = statementIds.Count > 0 ? await statements.FindManyAsync(statementIds, ct) : [];

        var eventItems = eventRows.ToDictionary(r => r.Id, r => TimelineItem.Of(details!.ToResponse(r)));
        var statementItems = statementRows.ToDictionary(r => r.Id, r => TimelineItem.Of(r.ToResponse()));

        return [.. keys.Select(k => k.Type == TimelineItemTypes.Event ? eventItems[k.Id] : statementItems[k.Id])];
    }

    /// <summary>
    /// A table's part of the feed, read in the feed's order (by <paramref name="key"/>, then <paramref name="id"/>) and cut at the page size, so merging the
    /// branches sorts a page, not the tables. In descending order the dated rows and the undated ones are
    /// two branches, so undated items come last in either direction.
    /// </summary>
    private static IEnumerable<string> Branches(StringBuilder branch, string key, string id, string type, bool descending, (string SortKey, string Type, string Id)? after)
    {
        var direction = descending ? " DESC" : string.Empty;
        var order = $" ORDER BY {key}{direction}, {id}{direction} LIMIT @take";
        var position = $"({key}, '{type}', {id}) {(descending ? "<" : ">")} (@afterKey, @afterType, @afterId)";
        if (!descending)
        {
            yield return $"SELECT * FROM ({branch}{(after is null ? string.Empty : " AND " + position)}{order}) AS {type}_page";
            yield break;
        }

        var undated = $"{key} = '{Keyset.Undated}'";
        var afterUndated = after?.SortKey == Keyset.Undated;
        var datedAfter = after is null ? string.Empty : afterUndated ? " AND 1 = 0" : " AND " + position;
        var undatedAfter = afterUndated ? " AND " + position : string.Empty;
        yield return $"SELECT * FROM ({branch} AND NOT {undated}{datedAfter}{order}) AS {type}_dated";
        yield return $"SELECT * FROM ({branch} AND {undated}{undatedAfter}{order}) AS {type}_undated";
    }
}
