using System.Text.Json;
using Dapper;
using System.Data.Common;
using TimelineApi.Common;

namespace TimelineApi.Data;

/// <summary>
/// Writes records inside a caller's transaction: upserts by id (raising the record's version and
/// stamping its change time), replaces its child rows, and appends each write to the change feed
/// under the writer's name; tells the <paramref name="readModels"/> what each write changed, so they stay in step.
/// Shared by the seeder, the importer and the write API, so all write the same way.
/// </summary>
public sealed class RecordWriter(DbConnection connection, string writer, string now, IEnumerable<ReadModel> readModels)
{
    public const string Source = "source";

    /// <summary>The time this writer stamps its writes with.</summary>
    public string Now => now;

    public const string Participant = "participant";
    public const string Event = "event";
    public const string Statement = "statement";

    private static readonly Dictionary<string, string> s_tables = new(StringComparer.Ordinal)
    {
        [Source] = "sources",
        [Participant] = "participants",
        [Event] = "events",
        [Statement] = "statements",
    };

    // The large writes take their rows as one JSON array (@rows), expanded by the database's JSON functions: one
    // statement per batch rather than one per row, which is what makes bulk imports fast. Each row has a named shape
    // below, and the SQL reads its members by nameof, so renaming a member cannot leave a column NULL.
    private static readonly IReadOnlyList<Column> s_eventColumns = Column.Of<WrittenEvent>();
    private static readonly IReadOnlyList<Column> s_known = [.. ScheduleState.Columns.Select(c => c.Within(nameof(WrittenStatus.Known)))];

    private static readonly Statements s_sqlite = new(SqlDialect.Sqlite);
    private static readonly Statements s_postgres = new(SqlDialect.Postgres);
    private readonly Statements _sql = SqlDialect.Of(connection).IsPostgres ? s_postgres : s_sqlite;

    private sealed record WrittenSource(
        string Id, string? Title, string? Publisher, string? Author, string? Dateline, string? PublishedAt, string? PublishedAtText,
        bool PublishedAtInferred, string? PublishedAtNote, string? UpdatedAtText, string FileName, string Text, string? ReportedOn);

    /// <summary>An event as its row of <c>events</c> holds it: its members, its summary, and where its dates place it.</summary>
    private sealed record WrittenEvent : EventFields
    {
        public WrittenEvent(EventRecord e)
            : base(e)
        {
            Summary = e.Summary;
            var range = DateRange.Of(e.Start, e.End);
            (SortKey, RangeStart, RangeEnd) = (range.SortKey, range.FirstDay, range.LastDay);
        }

        public string? Summary { get; }
        public string SortKey { get; }
        public string? RangeStart { get; }
        public string? RangeEnd { get; }
    }

    private sealed record WrittenEventParticipant(string EventId, string ParticipantId, string Role, string? Source);

    private sealed record WrittenEventTopic(string EventId, string Topic);

    private sealed record WrittenEventSource(string EventId, string Source);

    /// <summary>A report of a meeting as its row of <c>meeting_status_changes</c> holds it: the state it left (<see cref="Known"/>) and where it came from.</summary>
    private sealed record WrittenStatus(
        long? Id, string EventId, string? Source, string ReportedOn, ScheduleState Known, string Stated, string? Note, string SortKey, string? RangeStart, string? RangeEnd);

    private sealed record WrittenStatement(
        string Id, string Speaker, string Text, string? Date, bool DateInferred, string? Event, string Source, int SpanStart, int SpanEnd,
        string? Attribution, string SortKey);

    private sealed record WrittenChange(string Id, string Kind, string? Data);

    private const string UpsertParticipant = """
        INSERT INTO participants (id, name, kind, country_id, version, updated_at) VALUES (@Id, @Name, @Kind, @Country, 1, @Now)
        ON CONFLICT (id) DO UPDATE SET
            name = excluded.name, kind = excluded.kind, country_id = excluded.country_id,
            version = participants.version + 1, updated_at = excluded.updated_at;
        """;

    private const string DeleteParticipantChildren = """
        DELETE FROM participant_aliases WHERE participant_id = @Id;
        DELETE FROM participant_roles WHERE participant_id = @Id;
        DELETE FROM participant_lookup WHERE participant_id = @Id;
        """;

    // Events and statements show a participant's name: their representation changes with it.
    private const string TouchDependentsOfParticipant = """
        UPDATE events SET version = version + 1, updated_at = @Now
        WHERE id IN (SELECT event_id FROM event_participants WHERE participant_id = @Id);
        UPDATE statements SET version = version + 1, updated_at = @Now WHERE speaker_id = @Id;
        """;

    private const string InsertAlias = "INSERT INTO participant_aliases (participant_id, alias, source_id) VALUES (@ParticipantId, @Alias, @Source);";
    private const string InsertRole = "INSERT INTO participant_roles (participant_id, title, source_id) VALUES (@ParticipantId, @Title, @Source);";
    private const string InsertLookup = "INSERT INTO participant_lookup (key, participant_id) VALUES (@Key, @ParticipantId) ON CONFLICT DO NOTHING;";

    private const string DeleteEventChildren = """
        DELETE FROM event_participants WHERE event_id = @Id;
        DELETE FROM event_topics WHERE event_id = @Id;
        DELETE FROM event_sources WHERE event_id = @Id;
        DELETE FROM participant_events WHERE event_id = @Id;
        """;

    private const string DeleteSeedSchedule = "DELETE FROM meeting_status_changes WHERE event_id = @Id AND recorded_by IS NULL;";

    /// <summary>The writes' statements in one dialect; the two sets are built once.</summary>
    private sealed class Statements(SqlDialect d)
    {
        // Statements show their source's title, publisher and date: a write that changes one of them changes them (run before it).
        public readonly string TouchStatementsOfSource = $"""
            UPDATE statements SET version = version + 1, updated_at = @Now
            WHERE source_id = @Id AND NOT EXISTS (
                SELECT 1 FROM sources WHERE id = @Id
                AND {d.Same("title", "@Title")} AND {d.Same("publisher", "@Publisher")} AND {d.Same("published_at", "@PublishedAt")});
            """;
        public readonly string Values = d.Values("@ids");

        public readonly string UpsertSource = $"""
            INSERT INTO sources (id, title, publisher, author, dateline, published_at, published_at_text,
                                 published_at_inferred, published_at_note, updated_at_text, reported_on, file_name, text, version, updated_at)
            SELECT {SqlDialect.Text(nameof(WrittenSource.Id))}, {SqlDialect.Text(nameof(WrittenSource.Title))}, {SqlDialect.Text(nameof(WrittenSource.Publisher))}, {SqlDialect.Text(nameof(WrittenSource.Author))}, {SqlDialect.Text(nameof(WrittenSource.Dateline))}, {SqlDialect.Text(nameof(WrittenSource.PublishedAt))}, {SqlDialect.Text(nameof(WrittenSource.PublishedAtText))},
                   {d.Flag(nameof(WrittenSource.PublishedAtInferred))}, {SqlDialect.Text(nameof(WrittenSource.PublishedAtNote))}, {SqlDialect.Text(nameof(WrittenSource.UpdatedAtText))}, {SqlDialect.Text(nameof(WrittenSource.ReportedOn))}, {SqlDialect.Text(nameof(WrittenSource.FileName))}, {SqlDialect.Text(nameof(WrittenSource.Text))}, 1, @now
            FROM {d.Rows()} WHERE true
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, publisher = excluded.publisher, author = excluded.author,
                dateline = excluded.dateline, published_at = excluded.published_at,
                published_at_text = excluded.published_at_text, published_at_inferred = excluded.published_at_inferred,
                published_at_note = excluded.published_at_note, updated_at_text = excluded.updated_at_text,
                reported_on = excluded.reported_on, file_name = excluded.file_name, text = excluded.text,
                version = sources.version + 1, updated_at = excluded.updated_at;
            """;
        public readonly string UpsertEvent = $"""
            INSERT INTO events ({s_eventColumns.Names()}, version, updated_at)
            SELECT {s_eventColumns.Read(d)}, 1, @now
            FROM {d.Rows()} WHERE true
            ON CONFLICT (id) DO UPDATE SET
                {s_eventColumns.Where(c => c.Name != "id").SetFrom("excluded")},
                version = events.version + 1, updated_at = excluded.updated_at;
            """;
        public readonly string InsertEventParticipant = $"""
            INSERT INTO event_participants (event_id, participant_id, role, source_id)
            SELECT {SqlDialect.Text(nameof(WrittenEventParticipant.EventId))}, {SqlDialect.Text(nameof(WrittenEventParticipant.ParticipantId))}, {SqlDialect.Text(nameof(WrittenEventParticipant.Role))}, {SqlDialect.Text(nameof(WrittenEventParticipant.Source))} FROM {d.Rows()};
            """;
        // Each participant's events in start order (participant_events), with their kind and status, from the rows just written.
        public readonly string IndexParticipantEvents = $"""
            INSERT INTO participant_events (participant_id, sort_key, event_id, kind, status)
            SELECT ep.participant_id, e.sort_key, ep.event_id, e.kind, e.status
            FROM events e JOIN event_participants ep ON ep.event_id = e.id
            WHERE e.id IN {d.Values("@ids")}
            ON CONFLICT DO NOTHING;
            """;
        public readonly string InsertEventTopic = $"INSERT INTO event_topics (event_id, topic) SELECT {SqlDialect.Text(nameof(WrittenEventTopic.EventId))}, {SqlDialect.Text(nameof(WrittenEventTopic.Topic))} FROM {d.Rows()};";
        public readonly string InsertEventSource = $"INSERT INTO event_sources (event_id, source_id) SELECT {SqlDialect.Text(nameof(WrittenEventSource.EventId))}, {SqlDialect.Text(nameof(WrittenEventSource.Source))} FROM {d.Rows()};";
        public readonly string InsertStatusChange = $"""
            INSERT INTO meeting_status_changes (event_id, source_id, reported_on, {ScheduleState.Columns.Names()},
                                                stated, note, sort_key, range_start, range_end, recorded_by)
            SELECT {SqlDialect.Text(nameof(WrittenStatus.EventId))}, {SqlDialect.Text(nameof(WrittenStatus.Source))}, {SqlDialect.Text(nameof(WrittenStatus.ReportedOn))},
                   {s_known.Read(d)}, {SqlDialect.Text(nameof(WrittenStatus.Stated))}, {SqlDialect.Text(nameof(WrittenStatus.Note))}, {SqlDialect.Text(nameof(WrittenStatus.SortKey))},
                   {SqlDialect.Text(nameof(WrittenStatus.RangeStart))}, {SqlDialect.Text(nameof(WrittenStatus.RangeEnd))}, @recordedBy
            FROM {d.Rows()};
            """;
        // What a report recorded earlier is known as, once a report dated before it took its place in the order.
        public readonly string UpdateKnownStatus = $"""
            UPDATE meeting_status_changes SET {ScheduleState.Columns.SetFrom("r")}, sort_key = r.sort_key, range_start = r.range_start, range_end = r.range_end
            FROM (SELECT {d.Number(nameof(WrittenStatus.Id))} AS id, {string.Join(", ", s_known.Select(c => $"{c.Read(d)} AS {c.Name}"))}, {SqlDialect.Text(nameof(WrittenStatus.SortKey))} AS sort_key,
                         {SqlDialect.Text(nameof(WrittenStatus.RangeStart))} AS range_start, {SqlDialect.Text(nameof(WrittenStatus.RangeEnd))} AS range_end
                  FROM {d.Rows()}) AS r
            WHERE meeting_status_changes.id = r.id;
            """;
        public readonly string SelectReports = $"""
            SELECT m.id, m.event_id AS EventId, m.reported_on AS ReportedOn, {ScheduleState.Columns.Selected("m")}, m.stated
            FROM meeting_status_changes m WHERE m.event_id {d.In("@ids")} ORDER BY m.reported_on, m.id;
            """;
        public readonly string UpsertStatement = $"""
            INSERT INTO statements (id, speaker_id, text, date, date_inferred, event_id, source_id, span_start, span_end, attribution,
                                    sort_key, version, updated_at)
            SELECT {SqlDialect.Text(nameof(WrittenStatement.Id))}, {SqlDialect.Text(nameof(WrittenStatement.Speaker))}, {SqlDialect.Text(nameof(WrittenStatement.Text))}, {SqlDialect.Text(nameof(WrittenStatement.Date))}, {d.Flag(nameof(WrittenStatement.DateInferred))}, {SqlDialect.Text(nameof(WrittenStatement.Event))}, {SqlDialect.Text(nameof(WrittenStatement.Source))},
                   {d.Number(nameof(WrittenStatement.SpanStart))}, {d.Number(nameof(WrittenStatement.SpanEnd))}, {SqlDialect.Text(nameof(WrittenStatement.Attribution))}, {SqlDialect.Text(nameof(WrittenStatement.SortKey))}, 1, @now
            FROM {d.Rows()} WHERE true
            ON CONFLICT (id) DO UPDATE SET
                speaker_id = excluded.speaker_id, text = excluded.text, date = excluded.date,
                date_inferred = excluded.date_inferred, event_id = excluded.event_id, source_id = excluded.source_id,
                span_start = excluded.span_start, span_end = excluded.span_end, attribution = excluded.attribution,
                sort_key = excluded.sort_key, version = statements.version + 1, updated_at = excluded.updated_at;
            """;
        public readonly string InsertChange = $"""
            INSERT INTO changes (at, key_name, resource, resource_id, kind, data)
            SELECT @now, @writer, @resource, {SqlDialect.Text(nameof(WrittenChange.Id))}, {SqlDialect.Text(nameof(WrittenChange.Kind))}, {SqlDialect.Text(nameof(WrittenChange.Data))} FROM {d.Rows()};
            """;
    }

    public async Task WriteSourcesAsync(IReadOnlyList<SourceRecord> sources, CancellationToken ct)
    {
        var created = await MissingAsync(Source, sources.Select(s => s.Id), ct);
        await ExecuteAsync(_sql.TouchStatementsOfSource,
            sources.Where(s => !created.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.Publisher, s.PublishedAt, Now = now }), ct);
        await ExecuteRowsAsync(_sql.UpsertSource, sources.Select(s => new WrittenSource(
            s.Id, s.Title, s.Publisher, s.Author, s.Dateline, s.PublishedAt, s.PublishedAtText, s.PublishedAtInferred, s.PublishedAtNote,
            s.UpdatedAtText, s.FileName, s.Text, IsoDate.TryParse(s.PublishedAt, out var d) ? d.FirstDay : null)), ct);
        await RecordAsync(Source, sources, s => s.Id, created, ct);
    }

    public async Task WriteParticipantsAsync(IReadOnlyList<ParticipantRecord> participants, CancellationToken ct)
    {
        var created = await MissingAsync(Participant, participants.Select(p => p.Id), ct);
        await ExecuteAsync(UpsertParticipant, participants.Select(p => new { p.Id, p.Name, p.Kind, p.Country, Now = now }), ct);
        var existing = participants.Where(p => !created.Contains(p.Id)).ToList();
        await ExecuteAsync(DeleteParticipantChildren, existing, ct);
        await ExecuteAsync(TouchDependentsOfParticipant, existing.Select(p => new { p.Id, Now = now }), ct);
        await ExecuteAsync(InsertAlias, participants.SelectMany(p => p.Aliases.Select(a => new { ParticipantId = p.Id, Alias = a.Name, a.Source })), ct);
        await ExecuteAsync(InsertRole, participants.SelectMany(p => p.Roles.Select(r => new { ParticipantId = p.Id, r.Title, r.Source })), ct);
        await ExecuteAsync(InsertLookup, participants.SelectMany(p => ParticipantLookupKeys.For(p.Id, p.Name, p.Aliases.Select(a => a.Name), p.Kind)
            .Select(key => new { Key = key, ParticipantId = p.Id })), ct);
        await RecordAsync(Participant, participants, p => p.Id, created, ct);
        await WrittenAsync(Participant, [.. existing.Select(p => p.Id)], ct);
    }

    /// <summary>
    /// Writes events, and the <paramref name="reports"/> of meetings among them into their histories (recorded under
    /// <paramref name="recordedBy"/>); with <paramref name="withSchedule"/> each event's seed schedule (the reports its
    /// sources gave) replaces the one written before, and entries editors recorded are kept. An event with a history is
    /// written as its history has it known today (<see cref="ScheduleFold"/>), whatever the record says of a member a
    /// report stated. Answers the events as written.
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> WriteEventsAsync(
        IReadOnlyList<EventRecord> events, bool withSchedule, CancellationToken ct,
        IReadOnlyList<(string EventId, StatusEntry Entry)>? reports = null, string? recordedBy = null)
    {
        if (withSchedule)
        {
            await ExecuteAsync(DeleteSeedSchedule, events, ct);
        }

        var seed = withSchedule
            ? events.SelectMany(e => (e.Schedule ?? []).Select(h => (e.Id, Entry: StatusEntry.From(h), RecordedBy: (string?)null)))
            : [];
        var added = seed.Concat((reports ?? []).Select(r => (r.EventId, r.Entry, RecordedBy: recordedBy))).ToList();
        var (written, placed, moved) = added.Count == 0 ? (events, [], []) : await PlaceReportsAsync(events, added, ct);

        var created = await MissingAsync(Event, written.Select(e => e.Id), ct);
        await ExecuteRowsAsync(_sql.UpsertEvent, written.Select(e => new WrittenEvent(e)), ct);
        await ExecuteAsync(DeleteEventChildren, written.Where(e => !created.Contains(e.Id)), ct);
        await ExecuteRowsAsync(_sql.InsertEventParticipant,
            written.SelectMany(e => e.Participants.SelectMany(p => p.Roles.Select(r => new WrittenEventParticipant(e.Id, p.Id, r.Role, r.Source)))), ct);
        await ExecuteAsync(_sql.IndexParticipantEvents, new { ids = JsonSerializer.Serialize(written.Select(e => e.Id)) }, ct);
        await ExecuteRowsAsync(_sql.InsertEventTopic, written.SelectMany(e => e.Topics.Select(t => new WrittenEventTopic(e.Id, t))), ct);
        await ExecuteRowsAsync(_sql.InsertEventSource, written.SelectMany(e => e.Sources.Select(s => new WrittenEventSource(e.Id, s))), ct);
        foreach (var group in placed.GroupBy(p => p.RecordedBy))
        {
            await ExecuteRowsAsync(_sql.InsertStatusChange, group.Select(p => p.Row), ct, new { recordedBy = group.Key });
        }

        await ExecuteRowsAsync(_sql.UpdateKnownStatus, moved, ct);
        await RecordAsync(Event, written, e => e.Id, created, ct);
        await WrittenAsync(Event, [.. written.Select(e => e.Id)], ct);
        return written;
    }

    /// <summary>
    /// Places new reports among the histories of their meetings: dates each (its own day, its source's, or today),
    /// folds each history in its one order, keeps the rows to insert and the earlier rows whose known state a backdated
    /// report changed, and answers the events with their schedule as known today.
    /// </summary>
    private async Task<(IReadOnlyList<EventRecord> Events, List<(string? RecordedBy, WrittenStatus Row)> Placed, List<WrittenStatus> Moved)> PlaceReportsAsync(
        IReadOnlyList<EventRecord> events, List<(string EventId, StatusEntry Entry, string? RecordedBy)> added, CancellationToken ct)
    {
        var ids = added.Select(a => a.EventId).Distinct(StringComparer.Ordinal).ToArray();
        var existing = (await connection.QueryAsync<StoredReport>(new CommandDefinition(_sql.SelectReports, new { ids }, cancellationToken: ct)))
            .ToLookup(r => r.EventId, StringComparer.Ordinal);
        var sourceIds = added.Where(a => a.Entry.ReportedOn is null && a.Entry.Source is not null).Select(a => a.Entry.Source!).Distinct(StringComparer.Ordinal).ToArray();
        var published = sourceIds.Length == 0 ? new Dictionary<string, string?>() : (await connection.QueryAsync<(string Id, string? ReportedOn)>(new CommandDefinition(
            $"SELECT id, reported_on FROM sources WHERE id {SqlDialect.Of(connection).In("@sourceIds")};", new { sourceIds }, cancellationToken: ct)))
            .ToDictionary(s => s.Id, s => s.ReportedOn, StringComparer.Ordinal);
        var today = now[..10];

        var result = new List<EventRecord>(events.Count);
        var placed = new List<(string? RecordedBy, WrittenStatus Row)>();
        var moved = new List<WrittenStatus>();
        foreach (var e in events)
        {
            var mine = added.Where(a => a.EventId == e.Id).ToList();
            if (mine.Count == 0)
            {
                result.Add(e);
                continue;
            }

            var reports = existing[e.Id].Select(r => (Report: r.ToReport(), Entry: (StatusEntry?)null, RecordedBy: (string?)null, Stored: (StoredReport?)r))
                .Concat(mine.Select(a => (Report: new ScheduleReport(null, a.Entry.ReportedOn ?? (a.Entry.Source is { } s ? published.GetValueOrDefault(s) : null) ?? today, a.Entry.Said, a.Entry.Stated),
                    Entry: (StatusEntry?)a.Entry, a.RecordedBy, Stored: (StoredReport?)null)))
                .ToList();
            var ordered = ScheduleFold.InOrder(reports.Select(r => r.Report));
            var (known, current) = ScheduleFold.Fold(ordered, ScheduleState.Of(e));
            for (var i = 0; i < ordered.Count; i++)
            {
                var r = reports.First(x => ReferenceEquals(x.Report, ordered[i]));
                var row = Row(r.Stored?.Id, e.Id, ordered[i], known[i], r.Entry?.Source, r.Entry?.Note);
                if (r.Entry is not null)
                {
                    placed.Add((r.RecordedBy, row));
                }
                else if (r.Stored!.ToState() != known[i])
                {
                    moved.Add(row);
                }
            }

            result.Add(e.Scheduled(current));
        }

        return (result, placed, moved);
    }

    private static WrittenStatus Row(long? id, string eventId, ScheduleReport report, ScheduleState known, string? source, string? note)
    {
        var range = DateRange.Of(known.Start, known.End);
        return new WrittenStatus(id, eventId, source, report.ReportedOn, known, string.Join(',', report.Stated), note, range.SortKey, range.FirstDay, range.LastDay);
    }

    public async Task WriteStatementsAsync(IReadOnlyList<StatementRecord> statements, CancellationToken ct)
    {
        var created = await MissingAsync(Statement, statements.Select(s => s.Id), ct);
        await ExecuteRowsAsync(_sql.UpsertStatement, statements.Select(s => new WrittenStatement(
            s.Id, s.Speaker, s.Text, s.Date, s.DateInferred, s.Event, s.Source, s.Span.Start, s.Span.End, s.Attribution, DateRange.Of(s.Date, null).SortKey)), ct);
        await RecordAsync(Statement, statements, s => s.Id, created, ct);
        await WrittenAsync(Statement, [.. statements.Select(s => s.Id)], ct);
    }

    /// <summary>Deletes records (their children go with them) and leaves a tombstone for each; returns how many there were.</summary>
    public async Task<int> DeleteAsync(string resource, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        // An event's statements stay, no longer belonging to it (the foreign key sets their event to NULL): they change too.
        var orphaned = resource == Event
            ? (await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM statements WHERE event_id IN {_sql.Values};", new { ids = JsonSerializer.Serialize(ids) }, cancellationToken: ct))).AsList()
            : [];
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {s_tables[resource]} WHERE id {SqlDialect.Of(connection).In("@ids")};", new { ids = ids.ToArray() }, cancellationToken: ct));
        await ExecuteRowsAsync(_sql.InsertChange, ids.Select(id => new WrittenChange(id, "deleted", null)), ct, new { resource });
        if (orphaned.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE statements SET version = version + 1, updated_at = @now WHERE id IN {_sql.Values};",
                new { ids = JsonSerializer.Serialize(orphaned), now }, cancellationToken: ct));
            await WrittenAsync(Statement, orphaned, ct);
        }

        return deleted;
    }

    /// <summary>
    /// Records in the change feed what this writer could not apply to a record (kind <c>conflict</c>): the version it
    /// held (<paramref name="data"/>, as JSON), or null for a removal it could not make. The record is left as it is.
    /// </summary>
    public Task<int> RecordConflictAsync(string resource, string id, string? data, CancellationToken ct)
        => ExecuteRowsAsync(_sql.InsertChange, [new WrittenChange(id, "conflict", data)], ct, new { resource });

    /// <summary>A record as the change feed shows it in <c>data</c>.</summary>
    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, JsonSerializerOptions.Web);

    /// <summary>Tells every read model which records of <paramref name="resource"/> a write changed.</summary>
    private async Task WrittenAsync(string resource, List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var model in readModels)
        {
            await model.WrittenAsync(connection, resource, ids, ct);
        }
    }

    private async Task<HashSet<string>> MissingAsync(string resource, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var existing = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM {s_tables[resource]} WHERE id IN {_sql.Values};",
            new { ids = JsonSerializer.Serialize(wanted) }, cancellationToken: ct));
        wanted.ExceptWith(existing);
        return wanted;
    }

    private Task<int> RecordAsync<T>(string resource, IEnumerable<T> records, Func<T, string> idOf, HashSet<string> created, CancellationToken ct)
        => ExecuteRowsAsync(_sql.InsertChange, records.Select(r => new WrittenChange(
            idOf(r), created.Contains(idOf(r)) ? "created" : "updated", Serialize(r))), ct, new { resource });

    /// <summary>Runs a statement over rows sent as one JSON array (<c>@rows</c>), with <c>@now</c>, <c>@writer</c> and any <paramref name="extra"/> values.</summary>
    private Task<int> ExecuteRowsAsync<T>(string sql, IEnumerable<T> rows, CancellationToken ct, object? extra = null)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return Task.FromResult(0);
        }

        var parameters = new DynamicParameters(extra);
        parameters.Add("rows", JsonSerializer.Serialize(list));
        parameters.Add("now", now);
        parameters.Add("writer", writer);
        return connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
}

/// <summary>
/// One report of a meeting's schedule: what it said (<paramref name="Said"/>, of which the <paramref name="Stated"/> members
/// count), by a source or an editor, dated by <paramref name="ReportedOn"/>, else by its source, else by the day it is written.
/// </summary>
public sealed record StatusEntry(ScheduleState Said, IReadOnlyList<string> Stated, string? Source, string? ReportedOn, string? Note)
{
    /// <summary>A report a seed source gave: it states the members it gives a value to.</summary>
    public static StatusEntry From(ScheduleRecord h)
    {
        var said = ScheduleState.Of(h);
        return new(said, said.Given(), h.Source, null, h.Note);
    }

    public static IReadOnlyList<string> ParseStated(string stated)
        => [.. stated.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(ScheduleState.Members.Contains)];
}
