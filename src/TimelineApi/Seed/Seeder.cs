using Dapper;
using Microsoft.Data.Sqlite;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Seed;

/// <summary>
/// Applies the embedded seed. A seed already applied (same content hash) is skipped; a changed one
/// is applied again in one transaction: its records are upserted by id, their child rows replaced,
/// and records an earlier seed created but this one no longer holds are removed.
/// </summary>
public sealed partial class Seeder(SqliteConnectionFactory db, ILogger<Seeder> logger)
{
    private const string SelectHash = "SELECT value FROM seed_state WHERE key = 'content_hash';";

    private const string UpsertHash = """
        INSERT INTO seed_state (key, value) VALUES ('content_hash', @hash)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        """;

    private const string UpsertSource = """
        INSERT INTO sources (id, title, publisher, author, dateline, published_at, published_at_text,
                             published_at_inferred, published_at_note, updated_at_text, reported_on, file_name, text)
        VALUES (@Id, @Title, @Publisher, @Author, @Dateline, @PublishedAt, @PublishedAtText,
                @PublishedAtInferred, @PublishedAtNote, @UpdatedAtText, @ReportedOn, @FileName, @Text)
        ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, publisher = excluded.publisher, author = excluded.author,
            dateline = excluded.dateline, published_at = excluded.published_at,
            published_at_text = excluded.published_at_text, published_at_inferred = excluded.published_at_inferred,
            published_at_note = excluded.published_at_note, updated_at_text = excluded.updated_at_text,
            reported_on = excluded.reported_on, file_name = excluded.file_name, text = excluded.text;
        """;

    private const string UpsertParticipant = """
        INSERT INTO participants (id, name, kind, country_id) VALUES (@Id, @Name, @Kind, @Country)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, country_id = excluded.country_id;
        """;

    private const string DeleteParticipantChildren = """
        DELETE FROM participant_aliases WHERE participant_id = @Id;
        DELETE FROM participant_roles WHERE participant_id = @Id;
        DELETE FROM participant_lookup WHERE participant_id = @Id;
        """;

    private const string InsertAlias = "INSERT INTO participant_aliases (participant_id, alias, source_id) VALUES (@ParticipantId, @Alias, @Source);";
    private const string InsertRole = "INSERT INTO participant_roles (participant_id, title, source_id) VALUES (@ParticipantId, @Title, @Source);";
    private const string InsertLookup = "INSERT OR IGNORE INTO participant_lookup (key, participant_id) VALUES (@Key, @ParticipantId);";

    private const string UpsertEvent = """
        INSERT INTO events (id, title, kind, format, status, start_at, end_at, date_precision, date_inferred, date_note,
                            duration_minutes, location, summary, sort_key, range_start, range_end)
        VALUES (@Id, @Title, @Kind, @Format, @Status, @Start, @End, @DatePrecision, @DateInferred, @DateNote,
                @DurationMinutes, @Location, @Summary, @SortKey, @RangeStart, @RangeEnd)
        ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, kind = excluded.kind, format = excluded.format, status = excluded.status,
            start_at = excluded.start_at, end_at = excluded.end_at, date_precision = excluded.date_precision,
            date_inferred = excluded.date_inferred, date_note = excluded.date_note,
            duration_minutes = excluded.duration_minutes, location = excluded.location, summary = excluded.summary,
            sort_key = excluded.sort_key, range_start = excluded.range_start, range_end = excluded.range_end;
        """;

    private const string DeleteEventChildren = """
        DELETE FROM event_participants WHERE event_id = @Id;
        DELETE FROM event_topics WHERE event_id = @Id;
        DELETE FROM event_sources WHERE event_id = @Id;
        DELETE FROM meeting_status_changes WHERE event_id = @Id;
        """;

    private const string InsertEventParticipant = """
        INSERT INTO event_participants (event_id, participant_id, role, source_id) VALUES (@EventId, @ParticipantId, @Role, @Source);
        """;

    private const string InsertEventTopic = "INSERT INTO event_topics (event_id, topic) VALUES (@EventId, @Topic);";
    private const string InsertEventSource = "INSERT INTO event_sources (event_id, source_id) VALUES (@EventId, @Source);";

    private const string InsertStatusChange = """
        INSERT INTO meeting_status_changes (event_id, source_id, reported_on, status, start_at, end_at, format, location, note, sort_key, range_start, range_end)
        VALUES (@EventId, @Source, (SELECT reported_on FROM sources WHERE id = @Source), @Status, @Start, @End, @Format, @Location, @Note, @SortKey, @RangeStart, @RangeEnd);
        """;

    private const string UpsertStatement = """
        INSERT INTO statements (id, speaker_id, text, date, date_inferred, event_id, source_id, span_start, span_end, attribution, sort_key)
        VALUES (@Id, @Speaker, @Text, @Date, @DateInferred, @Event, @Source, @SpanStart, @SpanEnd, @Attribution, @SortKey)
        ON CONFLICT (id) DO UPDATE SET
            speaker_id = excluded.speaker_id, text = excluded.text, date = excluded.date,
            date_inferred = excluded.date_inferred, event_id = excluded.event_id, source_id = excluded.source_id,
            span_start = excluded.span_start, span_end = excluded.span_end, attribution = excluded.attribution,
            sort_key = excluded.sort_key;
        """;

    private const string SelectSeedRecords = "SELECT kind, id FROM seed_records;";
    private const string DeleteSeedRecords = "DELETE FROM seed_records;";
    private const string InsertSeedRecord = "INSERT INTO seed_records (kind, id) VALUES (@Kind, @Id);";

    // Kinds in the order their records may be deleted (dependents first).
    private static readonly (string Kind, string Table)[] s_kinds =
        [("statement", "statements"), ("event", "events"), ("participant", "participants"), ("source", "sources")];

    public async Task<bool> ApplyAsync(SeedSet seed, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectHash, cancellationToken: ct)) == seed.ContentHash)
        {
            return false;
        }

        // BEGIN IMMEDIATE: two processes starting at once apply the seed one after the other.
        await using var tx = connection.BeginTransaction(deferred: false);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectHash, transaction: tx, cancellationToken: ct)) == seed.ContentHash)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("PRAGMA defer_foreign_keys = ON;", transaction: tx, cancellationToken: ct));
        await WriteSourcesAsync(connection, tx, seed, ct);
        await WriteParticipantsAsync(connection, tx, seed, ct);
        await WriteEventsAsync(connection, tx, seed, ct);
        await WriteStatementsAsync(connection, tx, seed, ct);
        var removed = await ReplaceSeedRecordsAsync(connection, tx, seed, ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertHash, new { hash = seed.ContentHash }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        LogSeeded(logger, seed.Sources.Count, seed.Participants.Count, seed.Events.Count, seed.Statements.Count, removed);
        return true;
    }

    private static Task<int> WriteSourcesAsync(SqliteConnection connection, SqliteTransaction tx, SeedSet seed, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition(UpsertSource, seed.Sources.Select(s => new
        {
            s.Id,
            s.Title,
            s.Publisher,
            s.Author,
            s.Dateline,
            s.PublishedAt,
            s.PublishedAtText,
            s.PublishedAtInferred,
            s.PublishedAtNote,
            s.UpdatedAtText,
            s.FileName,
            s.Text,
            ReportedOn = IsoDate.TryParse(s.PublishedAt, out var d) ? d.FirstDay : null,
        }), tx, cancellationToken: ct));

    private static async Task WriteParticipantsAsync(SqliteConnection connection, SqliteTransaction tx, SeedSet seed, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(UpsertParticipant, seed.Participants, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(DeleteParticipantChildren, seed.Participants, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertAlias,
            seed.Participants.SelectMany(p => p.Aliases.Select(a => new { ParticipantId = p.Id, a.Alias, a.Source })), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertRole,
            seed.Participants.SelectMany(p => p.Roles.Select(r => new { ParticipantId = p.Id, r.Title, r.Source })), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertLookup,
            seed.Participants.SelectMany(p => ParticipantLookupKeys.For(p.Id, p.Name, p.Aliases.Select(a => a.Alias))
                .Select(key => new { Key = key, ParticipantId = p.Id })), tx, cancellationToken: ct));
    }

    private static async Task WriteEventsAsync(SqliteConnection connection, SqliteTransaction tx, SeedSet seed, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(UpsertEvent, seed.Events.Select(e =>
        {
            var range = DateRange.Of(e.Start, e.End);
            return new
            {
                e.Id,
                e.Title,
                e.Kind,
                e.Format,
                e.Status,
                e.Start,
                e.End,
                e.DatePrecision,
                e.DateInferred,
                e.DateNote,
                e.DurationMinutes,
                e.Location,
                e.Summary,
                range.SortKey,
                RangeStart = range.FirstDay,
                RangeEnd = range.LastDay,
            };
        }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(DeleteEventChildren, seed.Events, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertEventParticipant,
            seed.Events.SelectMany(e => e.Participants.Select(p => new { EventId = e.Id, ParticipantId = p.Id, p.Role, p.Source })), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertEventTopic,
            seed.Events.SelectMany(e => e.Topics.Select(t => new { EventId = e.Id, Topic = t })), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertEventSource,
            seed.Events.SelectMany(e => e.Sources.Select(s => new { EventId = e.Id, Source = s })), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertStatusChange,
            seed.Events.SelectMany(e => (e.Schedule ?? []).Select(h =>
            {
                var range = DateRange.Of(h.Start, h.End);
                return new
                {
                    EventId = e.Id,
                    h.Source,
                    h.Status,
                    h.Start,
                    h.End,
                    h.Format,
                    h.Location,
                    h.Note,
                    range.SortKey,
                    RangeStart = range.FirstDay,
                    RangeEnd = range.LastDay,
                };
            })), tx, cancellationToken: ct));
    }

    private static Task<int> WriteStatementsAsync(SqliteConnection connection, SqliteTransaction tx, SeedSet seed, CancellationToken ct)
        => connection.ExecuteAsync(new CommandDefinition(UpsertStatement, seed.Statements.Select(s => new
        {
            s.Id,
            s.Speaker,
            s.Text,
            s.Date,
            s.DateInferred,
            s.Event,
            s.Source,
            SpanStart = s.Span.Start,
            SpanEnd = s.Span.End,
            s.Attribution,
            DateRange.Of(s.Date, null).SortKey,
        }), tx, cancellationToken: ct));

    private static async Task<int> ReplaceSeedRecordsAsync(SqliteConnection connection, SqliteTransaction tx, SeedSet seed, CancellationToken ct)
    {
        var current = new HashSet<(string Kind, string Id)>(
            seed.Statements.Select(s => ("statement", s.Id))
                .Concat(seed.Events.Select(e => ("event", e.Id)))
                .Concat(seed.Participants.Select(p => ("participant", p.Id)))
                .Concat(seed.Sources.Select(s => ("source", s.Id))));
        var previous = await connection.QueryAsync<(string Kind, string Id)>(new CommandDefinition(SelectSeedRecords, transaction: tx, cancellationToken: ct));
        var stale = previous.Where(r => !current.Contains(r)).ToLookup(r => r.Kind, r => r.Id);

        var removed = 0;
        foreach (var (kind, table) in s_kinds)
        {
            if (stale[kind].Any())
            {
                removed += await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE id IN @ids;", new { ids = stale[kind].ToArray() }, tx, cancellationToken: ct));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteSeedRecords, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertSeedRecord, current.Select(r => new { r.Kind, r.Id }), tx, cancellationToken: ct));
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed applied: {Sources} sources, {Participants} participants, {Events} events, {Statements} statements; {Removed} records no longer in the seed removed")]
    private static partial void LogSeeded(ILogger logger, int sources, int participants, int events, int statements, int removed);
}
