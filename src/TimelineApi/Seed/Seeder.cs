using Dapper;
using System.Data.Common;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Seed;

/// <summary>
/// Applies the embedded seed. A seed already applied (same content hash) is skipped; a changed one
/// is applied again in one transaction: its records are upserted by id, their child rows replaced,
/// and records an earlier seed created but this one no longer holds are removed. The seed is a layer under
/// the edits: a record an editor wrote last (or deleted) keeps the editor's version, and a record that
/// something else still refers to is not removed; each such case is logged. A change of seed never stops
/// the app from starting.
/// </summary>
public sealed partial class Seeder(Database db, TimeProvider time, IEnumerable<ReadModel> readModels, ILogger<Seeder> logger)
{
    private const string SelectHash = "SELECT value FROM seed_state WHERE key = 'content_hash';";

    private const string UpsertHash = """
        INSERT INTO seed_state (key, value) VALUES ('content_hash', @hash)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        """;

    private const string SelectSeedRecords = "SELECT kind, id FROM seed_records;";

    // Records whose last change was written by someone other than the seed (an editor, an import, a suggestion).
    private static readonly DialectSql SelectEdited = new(d => $"""
        SELECT c.resource, c.resource_id FROM changes c
        WHERE c.key_name <> 'seed' AND c.resource_id IN {d.Values("@ids")}
          AND c.seq = (SELECT MAX(l.seq) FROM changes l WHERE l.resource_id = c.resource_id AND l.resource = c.resource AND l.kind <> 'conflict');
        """);

    // The version of each record the seed last held (applied, or refused as a conflict).
    private static readonly DialectSql SelectLastSeeded = new(d => $"""
        SELECT c.resource, c.resource_id, c.data FROM changes c
        WHERE c.key_name = 'seed' AND c.data IS NOT NULL AND c.resource_id IN {d.Values("@ids")}
          AND c.seq = (SELECT MAX(l.seq) FROM changes l
                       WHERE l.resource_id = c.resource_id AND l.resource = c.resource AND l.key_name = 'seed' AND l.data IS NOT NULL);
        """);
    private const string DeleteSeedRecords = "DELETE FROM seed_records;";
    private const string InsertSeedRecord = "INSERT INTO seed_records (kind, id) VALUES (@Kind, @Id);";

    /// <summary>The name seed writes are recorded under in the change feed.</summary>
    public const string SeedWriter = "seed";

    // Kinds in the order their records may be deleted (dependents first).
    private static readonly string[] s_deletionOrder = [RecordWriter.Statement, RecordWriter.Event, RecordWriter.Participant, RecordWriter.Source];

    /// <summary>Whether the seed with <paramref name="contentHash"/> is the one applied last.</summary>
    public async Task<bool> IsAppliedAsync(string contentHash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectHash, cancellationToken: ct)) == contentHash;
    }

    public async Task<bool> ApplyAsync(SeedSet seed, CancellationToken ct)
    {
        if (await IsAppliedAsync(seed.ContentHash, ct))
        {
            return false;
        }

        // A write holds the writer's place from its start: two processes starting at once apply the seed one after the other.
        await using var write = db.BeginWrite();
        var connection = await write.ConnectionAsync(ct);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectHash, cancellationToken: ct)) == seed.ContentHash)
        {
            return false;
        }

        // References are checked at the commit: the seed's records may refer to each other in any order.
        await connection.ExecuteAsync(new CommandDefinition(
            db.IsPostgres ? "SET CONSTRAINTS ALL DEFERRED;" : "PRAGMA defer_foreign_keys = ON;", cancellationToken: ct));
        var edited = await EditedAsync(connection, seed, ct);
        var writer = new RecordWriter(connection, SeedWriter, time.Now(), readModels);
        await RecordConflictsAsync(connection, writer, seed, edited, ct);

        bool Seeded(string kind, string id) => !edited.Contains((kind, id));
        await writer.WriteSourcesAsync([.. seed.Sources.Where(r => Seeded(RecordWriter.Source, r.Id))], ct);
        await writer.WriteParticipantsAsync([.. seed.Participants.Where(r => Seeded(RecordWriter.Participant, r.Id))], ct);
        await writer.WriteEventsAsync([.. seed.Events.Where(r => Seeded(RecordWriter.Event, r.Id))], withSchedule: true, ct);
        await writer.WriteStatementsAsync([.. seed.Statements.Where(r => Seeded(RecordWriter.Statement, r.Id))], ct);
        var removed = await ReplaceSeedRecordsAsync(connection, writer, seed, edited, ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertHash, new { hash = seed.ContentHash }, cancellationToken: ct));
        try
        {
            await write.CommitAsync(ct);
        }
        catch (DbException e) when (db.IsConstraintViolation(e)) // the seed refers to a record an editor deleted
        {
            LogSeedRefused(logger, e); // the failed commit's connection is given back rolled back
            return false;
        }

        LogSeeded(logger, seed.Sources.Count, seed.Participants.Count, seed.Events.Count, seed.Statements.Count, removed);
        return true;
    }

    private static async Task<HashSet<(string Kind, string Id)>> EditedAsync(DbConnection connection, SeedSet seed, CancellationToken ct)
    {
        var ids = seed.Sources.Select(r => r.Id).Concat(seed.Participants.Select(r => r.Id)).Concat(seed.Events.Select(r => r.Id)).Concat(seed.Statements.Select(r => r.Id))
            .Concat(await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM seed_records;", cancellationToken: ct)));
        var rows = await connection.QueryAsync<(string Kind, string Id)>(new CommandDefinition(
            SelectEdited.For(connection), new { ids = System.Text.Json.JsonSerializer.Serialize(ids.Distinct()) }, cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>
    /// For each record an editor wrote last whose seed version changed since the seed last held it: logs it and
    /// records the seed's version in the change feed as a <c>conflict</c>, not applied.
    /// </summary>
    private async Task RecordConflictsAsync(
        DbConnection connection, RecordWriter writer, SeedSet seed, HashSet<(string Kind, string Id)> edited, CancellationToken ct)
    {
        var versions = seed.Sources.Select(r => (Kind: RecordWriter.Source, r.Id, Data: RecordWriter.Serialize(r)))
            .Concat(seed.Participants.Select(r => (Kind: RecordWriter.Participant, r.Id, Data: RecordWriter.Serialize(r))))
            .Concat(seed.Events.Select(r => (Kind: RecordWriter.Event, r.Id, Data: RecordWriter.Serialize(r))))
            .Concat(seed.Statements.Select(r => (Kind: RecordWriter.Statement, r.Id, Data: RecordWriter.Serialize(r))))
            .Where(r => edited.Contains((r.Kind, r.Id)))
            .ToList();
        var lastSeeded = (await connection.QueryAsync<(string Kind, string Id, string Data)>(new CommandDefinition(
                SelectLastSeeded.For(connection), new { ids = System.Text.Json.JsonSerializer.Serialize(versions.Select(v => v.Id).Distinct()) }, cancellationToken: ct)))
            .ToDictionary(r => (r.Kind, r.Id), r => r.Data);
        foreach (var (kind, id, data) in versions.Where(v => lastSeeded.GetValueOrDefault((v.Kind, v.Id)) != v.Data))
        {
            LogEditKept(logger, kind, id);
            await writer.RecordConflictAsync(kind, id, data, ct);
        }
    }

    private async Task<int> ReplaceSeedRecordsAsync(
        DbConnection connection, RecordWriter writer, SeedSet seed, HashSet<(string Kind, string Id)> edited, CancellationToken ct)
    {
        var current = new HashSet<(string Kind, string Id)>(
            seed.Statements.Select(s => ("statement", s.Id))
                .Concat(seed.Events.Select(e => ("event", e.Id)))
                .Concat(seed.Participants.Select(p => ("participant", p.Id)))
                .Concat(seed.Sources.Select(s => ("source", s.Id))));
        var previous = await connection.QueryAsync<(string Kind, string Id)>(new CommandDefinition(SelectSeedRecords, cancellationToken: ct));
        var stale = previous.Where(r => !current.Contains(r) && !edited.Contains(r)).ToLookup(r => r.Kind, r => r.Id);

        // Each removal in a savepoint of its own: one that would leave another record pointing at nothing is undone.
        var removed = 0;
        foreach (var kind in s_deletionOrder)
        {
            foreach (var id in stale[kind])
            {
                await connection.ExecuteAsync(new CommandDefinition("SAVEPOINT seed_removal;", cancellationToken: ct));
                var count = await writer.DeleteAsync(kind, [id], ct);
                if (await LeavesDanglingReferencesAsync(connection, ct))
                {
                    await connection.ExecuteAsync(new CommandDefinition("ROLLBACK TO seed_removal; RELEASE seed_removal;", cancellationToken: ct));
                    LogRemovalKept(logger, kind, id);
                    await writer.RecordConflictAsync(kind, id, data: null, ct);
                    current.Add((kind, id)); // still the seed's, to remove when nothing refers to it
                    continue;
                }

                await connection.ExecuteAsync(new CommandDefinition("RELEASE seed_removal;", cancellationToken: ct));
                removed += count;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteSeedRecords, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertSeedRecord, current.Select(r => new { r.Kind, r.Id }), cancellationToken: ct));
        return removed;
    }

    /// <summary>Whether what the transaction did so far leaves a record referring to one that is gone.</summary>
    private async Task<bool> LeavesDanglingReferencesAsync(DbConnection connection, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            return (await connection.QueryAsync(new CommandDefinition("PRAGMA foreign_key_check;", cancellationToken: ct))).Any();
        }

        // Checking the deferred references now fails the statement when one dangles; the caller's savepoint undoes it.
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED;", cancellationToken: ct));
            return false;
        }
        catch (DbException e) when (db.IsConstraintViolation(e))
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The seed changed {Kind} '{Id}', which an editor wrote last: the editor's version is kept")]
    private static partial void LogEditKept(ILogger logger, string kind, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The seed no longer holds {Kind} '{Id}', but other records refer to it: it is kept")]
    private static partial void LogRemovalKept(ILogger logger, string kind, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed seed was not applied: it refers to records that no longer exist; the data stays as it was")]
    private static partial void LogSeedRefused(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed applied: {Sources} sources, {Participants} participants, {Events} events, {Statements} statements; {Removed} records no longer in the seed removed")]
    private static partial void LogSeeded(ILogger logger, int sources, int participants, int events, int statements, int removed);
}
