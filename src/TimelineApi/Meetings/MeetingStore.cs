using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Events;

namespace TimelineApi.Meetings;

public sealed class MeetingStore(DbSession session, EventStore events)
{
    // The meetings with the state their latest report up to @asOf gave them, shaped like the events table
    // so that the event filters apply to the state as then known. Two forms of one answer: when few
    // changes had been reported by then, rank those few (the reported_on index finds them); when many,
    // walk the changes in the order of the state they give (ix_meeting_status_changes_sort) and keep each
    // that no later report up to @asOf replaced, so a page stops after its rows (`+e.kind` keeps the
    // planner from starting at the events' kind index, whose order is not the page's).
    private static readonly string KnownAsOfFew = $"""
        (SELECT {EventTable.AsKnownBy("e", "k")}, e.summary, k.sort_key, k.range_start, k.range_end, e.version, e.updated_at, e.document
         FROM events e
         JOIN (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.event_id ORDER BY m.reported_on DESC, m.id DESC) AS rn
               FROM meeting_status_changes m
               WHERE m.reported_on <= @asOf) k ON k.event_id = e.id AND k.rn = 1)
        """;

    private static readonly DialectSql KnownAsOfMany = new(d => $"""
        (SELECT {EventTable.AsKnownBy("e", "k", m => m switch
        {
            nameof(EventFields.Id) => "k.event_id",
            nameof(EventFields.Kind) => d.IsPostgres ? "e.kind" : "+e.kind",
            _ => null,
        })}, e.summary, k.sort_key, k.range_start, k.range_end, e.version, e.updated_at, e.document
         FROM meeting_status_changes k JOIN events e ON e.id = k.event_id
         WHERE k.reported_on <= @asOf
           AND NOT EXISTS (SELECT 1 FROM meeting_status_changes later
                           WHERE later.event_id = k.event_id AND later.reported_on <= @asOf
                             AND (later.reported_on > k.reported_on OR (later.reported_on = k.reported_on AND later.id > k.id))))
        """);

    /// <summary>Up to how many changes reported by @asOf the first form ranks; it is counted on the reported_on index, never further.</summary>
    internal const int FewKnownChanges = 2_000;

    private const string CountKnown = "SELECT count(*) FROM (SELECT 1 FROM meeting_status_changes WHERE reported_on <= @asOf LIMIT @cap) AS known;";

    /// <summary>
    /// The meeting kinds as literal SQL, matching the partial index <c>ix_events_meetings_sort</c>
    /// (a bound parameter would not let SQLite use it). A fixed vocabulary, never client input.
    /// </summary>
    internal static readonly string MeetingKindsCondition = $"e.kind IN ({string.Join(", ", EventVocabulary.MeetingKinds.Select(k => $"'{k}'"))})";

    private static readonly DialectSql SelectHistory = new(d => $"""
        SELECT m.event_id, {ScheduleState.Columns.Selected("m")}, m.stated, m.reported_on, m.source_id, m.note, m.recorded_by
        FROM meeting_status_changes m
        WHERE m.event_id {d.In("@ids")} AND (@asOf IS NULL OR m.reported_on <= @asOf)
        ORDER BY m.event_id, m.reported_on, m.id;
        """);

    internal async Task<EventRow?> FindAsync(string id, string? asOf, CancellationToken ct)
    {
        var filter = new EventFilter();
        var rows = await QueryAsync(filter, asOf, EventStore.ByStart, limit: 1, after: null, id, ct);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>A page of meetings, <paramref name="limit"/> + 1 rows; <paramref name="withDocuments"/>: each with its event's stored document.</summary>
    internal Task<List<EventRow>> ListAsync(EventFilter filter, string? asOf, Keyset order, int limit, string[]? after, CancellationToken ct, bool withDocuments = false)
        => QueryAsync(filter, asOf, order, limit + 1, after, id: null, ct, withDocuments);

    private async Task<List<EventRow>> QueryAsync(
        EventFilter filter, string? asOf, Keyset order, int limit, string[]? after, string? id, CancellationToken ct, bool withDocuments = false)
    {
        var parameters = new DynamicParameters();
        await using var connection = await session.OpenAsync(ct);
        var many = asOf is not null && id is null
            && await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountKnown, new { asOf, cap = FewKnownChanges + 1 }, cancellationToken: ct)) > FewKnownChanges;
        var sql = ListQuery(session.Dialect, filter, asOf, order, after, limit, id, parameters, many, withDocuments);
        return (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The SQL of a page of meetings, as they are now or (with <paramref name="asOf"/>) as then known;
    /// <paramref name="manyKnown"/>: more than <see cref="FewKnownChanges"/> changes had been reported by then.
    /// </summary>
    internal static string ListQuery(
        SqlDialect d, EventFilter filter, string? asOf, Keyset order, string[]? after, int take, string? id, DynamicParameters parameters, bool manyKnown = false, bool withDocuments = false)
    {
        parameters.Add("asOf", asOf);
        parameters.Add("id", id);
        var where = id is null ? MeetingKindsCondition : $"e.id = @id AND {MeetingKindsCondition}";
        var extra = withDocuments ? $"NULL AS snippet, NULL AS rank, {d.Utf8("e.document")} AS document" : "NULL AS snippet, NULL AS rank";
        if (asOf is null)
        {
            // The meetings as they are now: read as the event list reads them (a participant's from its own events).
            var (from, remaining, keys) = EventStore.PageSource(d, filter, order, after is not null, parameters);
            return EventStore.PageQuery(d, from, extra, where, parameters, remaining, keys, after, take);
        }

        var asKnown = (manyKnown ? KnownAsOfMany.For(d) : KnownAsOfFew) + " e";
        return EventStore.PageQuery(d, asKnown, extra, where, parameters, filter, order, after, take);
    }

    /// <summary>The status history of <paramref name="ids"/>, as reported up to <paramref name="asOf"/> (all of it when null).</summary>
    internal async Task<ILookup<string, StoredReport>> LoadHistoryAsync(IReadOnlyCollection<string> ids, string? asOf, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<StoredReport>(new CommandDefinition(SelectHistory.For(session.Dialect), new { ids = ids.ToArray(), asOf }, cancellationToken: ct))).ToLookup(h => h.EventId);
    }

    internal async Task<(EventDetails Details, ILookup<string, StoredReport> History)> LoadDetailsAsync(
        IReadOnlyCollection<string> ids, string? asOf, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        var details = await events.LoadDetailsAsync(ids, ct);
        var history = await LoadHistoryAsync(ids, asOf, ct);
        if (asOf is null)
        {
            return (details, history);
        }

        var cited = details.Sources.SelectMany(g => g).Concat(details.Participants.SelectMany(g => g).Select(p => p.SourceId).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToArray();
        var published = cited.Length == 0 ? [] : (await connection.QueryAsync<(string Id, string? ReportedOn)>(new CommandDefinition(
            $"SELECT id, reported_on FROM sources WHERE id {session.Dialect.In("@cited")};", new { cited }, cancellationToken: ct)))
            .ToDictionary(s => s.Id, s => s.ReportedOn, StringComparer.Ordinal);
        return (details.KnownOn(asOf, id => published.GetValueOrDefault(id)), history);
    }
}
