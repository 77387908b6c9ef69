using System.Diagnostics;
using Dapper;
using System.Data.Common;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Events;

namespace TimelineApi.Import;

/// <summary>
/// Loads NDJSON lines (see <see cref="ImportLine"/>) in batches, one transaction each, through the
/// same writer as every other write (so imports are in the change feed). A line that breaks a rule
/// is reported by its number and left out; the rest of its batch is written. Participants an event
/// or statement names that do not exist yet are created from the names and kinds the lines give.
/// </summary>
public sealed partial class Importer(Database db, TimeProvider time, IEnumerable<ReadModel> readModels, ILogger<Importer> logger)
{
    public const int BatchSize = 2000;
    private const int MaxErrorsReported = 1000;

    public async Task<ImportSummary> ImportAsync(TextReader reader, string keyName, Action<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var errors = new List<ImportError>();
        int lines = 0, events = 0, sources = 0, statements = 0, participants = 0, errorCount = 0;
        var batch = new List<ImportLine>(BatchSize);

        async Task FlushAsync()
        {
            var result = await WriteBatchAsync(batch, keyName, ct);
            events += result.Events;
            sources += result.Sources;
            statements += result.Statements;
            participants += result.Participants;
            errorCount += result.Errors.Count;
            errors.AddRange(result.Errors.Take(Math.Max(0, MaxErrorsReported - errors.Count)));
            batch.Clear();
            progress?.Invoke(new ImportProgress(lines, events + sources + statements, errorCount, clock.Elapsed.TotalSeconds));
        }

        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            batch.Add(ImportLine.Parse(lines, line));
            if (batch.Count == BatchSize)
            {
                await FlushAsync();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync();
        }

        await using (var connection = await db.OpenAsync(ct))
        {
            // Fresh statistics for the query planner after a load.
            await connection.ExecuteAsync(new CommandDefinition(db.IsPostgres ? "ANALYZE;" : "ANALYZE; PRAGMA optimize;", cancellationToken: ct));
        }

        var summary = new ImportSummary(lines, events, sources, statements, participants, errors, clock.Elapsed.TotalSeconds);
        LogImported(logger, summary.Imported, lines, errorCount, summary.Seconds);
        Telemetry.TimelineMetrics.ImportedRecords.Add(summary.Imported, new KeyValuePair<string, object?>("result", "written"));
        Telemetry.TimelineMetrics.ImportedRecords.Add(errorCount, new KeyValuePair<string, object?>("result", "refused"));
        return summary;
    }

    private sealed record BatchResult(int Events, int Sources, int Statements, int Participants, List<ImportError> Errors);

    private async Task<BatchResult> WriteBatchAsync(List<ImportLine> batch, string keyName, CancellationToken ct)
    {
        try
        {
            return await WriteLinesAsync(batch, keyName, ct);
        }
        catch (DbException)
        {
            // Something the checks did not foresee: write line by line, so that only the lines at fault are left out.
            var results = new List<BatchResult>();
            foreach (var line in batch)
            {
                try
                {
                    results.Add(await WriteLinesAsync([line], keyName, ct));
                }
                catch (DbException e)
                {
                    results.Add(new BatchResult(0, 0, 0, 0, [new ImportError(line.Number, $"The database refused it: {(db.IsConstraintViolation(e) ? "it breaks a constraint" : e.Message)}.")]));
                }
            }

            return new BatchResult(results.Sum(r => r.Events), results.Sum(r => r.Sources), results.Sum(r => r.Statements), results.Sum(r => r.Participants),
                [.. results.SelectMany(r => r.Errors)]);
        }
    }

    private async Task<BatchResult> WriteLinesAsync(List<ImportLine> batch, string keyName, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (db.IsPostgres)
        {
            return await WriteLinesAsync(db, connection, batch, keyName, time, readModels, ct);
        }

        // SQLite: a large page cache keeps the growing indexes in memory; statement journals stay in memory too.
        // The connection goes back to the pool afterwards, so the usual settings are restored.
        var cacheSize = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size;", cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;", cancellationToken: ct));
        try
        {
            return await WriteLinesAsync(db, connection, batch, keyName, time, readModels, ct);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA cache_size = {cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}; PRAGMA temp_store = DEFAULT;", cancellationToken: CancellationToken.None));
        }
    }

    private static async Task<BatchResult> WriteLinesAsync(
        Database db, DbConnection own, List<ImportLine> batch, string keyName, TimeProvider time, IEnumerable<ReadModel> readModels, CancellationToken ct)
    {
        await using var write = db.BeginWrite(own);
        var connection = await write.ConnectionAsync(ct);
        var errors = new List<ImportError>();

        var sourceLines = new List<SourceLine>();
        var eventLines = new List<EventLine>();
        var statementLines = new List<StatementLine>();
        foreach (var line in batch)
        {
            var check = new EditContext(connection, keyName, time, readModels);
            switch (line)
            {
                case BadLine bad:
                    errors.Add(new ImportError(bad.Number, bad.Error));
                    continue;
                case SourceLine s:
                    check.RequireSlug("id", s.Record.Id);
                    Sources.SourceWrites.ValidateFields(check, s.Record);
                    Keep(check, s, sourceLines);
                    break;
                case EventLine e:
                    check.RequireSlug("id", e.Record.Id);
                    EventWrites.ValidateFields(check, e.Record, EventVocabulary.Kinds);
                    Keep(check, e, eventLines);
                    break;
                case StatementLine st:
                    check.RequireSlug("id", st.Record.Id);
                    Statements.StatementWrites.ValidateFields(check, st.Record);
                    if (st.Record.Span is null)
                    {
                        check.Error("span", "'span' is required.");
                    }

                    Keep(check, st, statementLines);
                    break;
            }

            void Keep<T>(EditContext c, T item, List<T> into)
            {
                if (c.IsValid)
                {
                    into.Add(item);
                }
                else
                {
                    errors.Add(new ImportError(line.Number, string.Join(" ", c.Errors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"))));
                }
            }
        }

        // References: sources must exist (in the database or earlier in the batch); participants are created when missing.
        var sourceTexts = sourceLines.GroupBy(s => s.Record.Id).ToDictionary(g => g.Key, g => g.Last().Record.Text, StringComparer.Ordinal);
        var citedSources = eventLines.SelectMany(e => e.Record.Sources.Concat(e.Record.Participants.SelectMany(p => p.Roles.Select(r => r?.Source))))
            .Concat(statementLines.Select(s => s.Record.Source)).OfType<string>().Where(id => !sourceTexts.ContainsKey(id)).Distinct().ToArray();
        foreach (var chunk in citedSources.Chunk(5000))
        {
            foreach (var (id, text) in await connection.QueryAsync<(string, string)>(new CommandDefinition(
                $"SELECT id, text FROM sources WHERE id {SqlDialect.Of(connection).In("@ids")};", new { ids = chunk }, cancellationToken: ct)))
            {
                sourceTexts[id] = text;
            }
        }

        var eventIds = eventLines.Select(e => e.Record.Id).ToHashSet(StringComparer.Ordinal);
        var citedEvents = statementLines.Select(s => s.Record.Event).OfType<string>().Where(id => !eventIds.Contains(id)).Distinct().ToArray();
        foreach (var chunk in citedEvents.Chunk(5000))
        {
            eventIds.UnionWith(await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM events WHERE id {SqlDialect.Of(connection).In("@ids")};", new { ids = chunk }, cancellationToken: ct)));
        }

        eventLines = Reject(eventLines, errors, e => e.Record.Sources.Concat(e.Record.Participants.SelectMany(p => p.Roles.Select(r => r?.Source))).OfType<string>()
            .FirstOrDefault(id => !sourceTexts.ContainsKey(id)) is { } missing ? $"There is no source with id '{missing}'." : null);
        statementLines = Reject(statementLines, errors, s =>
            !sourceTexts.TryGetValue(s.Record.Source, out var text) ? $"There is no source with id '{s.Record.Source}'."
            : s.Record.Event is { } ev && !eventIds.Contains(ev) ? $"There is no event with id '{ev}'."
            : !Statements.StatementWrites.SpanHolds(text, s.Record.Span.Start, s.Record.Span.End, s.Record.Text) ? $"The source's text at [{s.Record.Span.Start}, {s.Record.Span.End}) is not the statement's text."
            : null);

        var named = eventLines.SelectMany(e => e.Participants.Select(p => (p.Id, Name: p.Name ?? p.Id, Kind: ImportVocabulary.KindOrPerson(p.Kind))))
            .Concat(statementLines.Select(s => (Id: s.Record.Speaker, Name: s.SpeakerName ?? s.Record.Speaker, Kind: "person")))
            .Where(p => p.Id is not null)
            .GroupBy(p => p.Id).Select(g => g.First()).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in named.Select(p => p.Id).Chunk(5000))
        {
            existing.UnionWith(await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM participants WHERE id {SqlDialect.Of(connection).In("@ids")};", new { ids = chunk }, cancellationToken: ct)));
        }

        var newParticipants = named.Where(p => !existing.Contains(p.Id)).Select(p => new ParticipantRecord(p.Id, p.Name, p.Kind, null, [], [])).ToList();

        var writer = new RecordWriter(connection, keyName, time.Now(), readModels);
        await writer.WriteSourcesAsync([.. sourceLines.Select(s => s.Record)], ct);
        await writer.WriteParticipantsAsync(newParticipants, ct);
        var today = time.Today();
        await writer.WriteEventsAsync([.. eventLines.Select(e => e.Record)], withSchedule: false, ct,
            [.. eventLines.Where(e => EventVocabulary.MeetingKinds.Contains(e.Record.Kind))
                .Select(e => (e.Record.Id, new StatusEntry(ScheduleState.Of(e.Record), ScheduleState.Members, null, today, "Imported")))],
            keyName);
        await writer.WriteStatementsAsync([.. statementLines.Select(s => s.Record)], ct);
        await write.CommitAsync(ct);
        return new BatchResult(eventLines.Count, sourceLines.Count, statementLines.Count, newParticipants.Count, errors);
    }

    private static List<T> Reject<T>(List<T> lines, List<ImportError> errors, Func<T, string?> problem)
        where T : ImportLine
    {
        var kept = new List<T>(lines.Count);
        foreach (var line in lines)
        {
            if (problem(line) is { } error)
            {
                errors.Add(new ImportError(line.Number, error));
            }
            else
            {
                kept.Add(line);
            }
        }

        return kept;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} records from {Lines} lines ({Errors} lines refused) in {Seconds:F1} s")]
    private static partial void LogImported(ILogger logger, int imported, int lines, int errors, double seconds);
}
