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
public sealed partial class Seeder(SqliteConnectionFactory db, TimeProvider time, ILogger<Seeder> logger)
{
    private const string SelectHash = "SELECT value FROM seed_state WHERE key = 'content_hash';";

    private const string UpsertHash = """
        INSERT INTO seed_state (key, value) VALUES ('content_hash', @hash)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        """;

    private const string SelectSeedRecords = "SELECT kind, id FROM seed_records;";
    private const string DeleteSeedRecords = "DELETE FROM seed_records;";
    private const string InsertSeedRecord = "INSERT INTO seed_records (kind, id) VALUES (@Kind, @Id);";

    /// <summary>The name seed writes are recorded under in the change feed.</summary>
    public const string SeedWriter = "seed";

    // Kinds in the order their records may be deleted (dependents first).
    private static readonly string[] s_deletionOrder = [RecordWriter.Statement, RecordWriter.Event, RecordWriter.Participant, RecordWriter.Source];

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
        var writer = new RecordWriter(connection, tx, SeedWriter, time.Now());
        await writer.WriteSourcesAsync(seed.Sources, ct);
        await writer.WriteParticipantsAsync(seed.Participants, ct);
        await writer.WriteEventsAsync(seed.Events, withSchedule: true, ct);
        await writer.WriteStatementsAsync(seed.Statements, ct);
        var removed = await ReplaceSeedRecordsAsync(connection, tx, writer, seed, ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertHash, new { hash = seed.ContentHash }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        LogSeeded(logger, seed.Sources.Count, seed.Participants.Count, seed.Events.Count, seed.Statements.Count, removed);
        return true;
    }

    private static async Task<int> ReplaceSeedRecordsAsync(
        SqliteConnection connection, SqliteTransaction tx, RecordWriter writer, SeedSet seed, CancellationToken ct)
    {
        var current = new HashSet<(string Kind, string Id)>(
            seed.Statements.Select(s => ("statement", s.Id))
                .Concat(seed.Events.Select(e => ("event", e.Id)))
                .Concat(seed.Participants.Select(p => ("participant", p.Id)))
                .Concat(seed.Sources.Select(s => ("source", s.Id))));
        var previous = await connection.QueryAsync<(string Kind, string Id)>(new CommandDefinition(SelectSeedRecords, transaction: tx, cancellationToken: ct));
        var stale = previous.Where(r => !current.Contains(r)).ToLookup(r => r.Kind, r => r.Id);

        var removed = 0;
        foreach (var kind in s_deletionOrder)
        {
            removed += await writer.DeleteAsync(kind, [.. stale[kind]], ct);
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteSeedRecords, transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertSeedRecord, current.Select(r => new { r.Kind, r.Id }), tx, cancellationToken: ct));
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed applied: {Sources} sources, {Participants} participants, {Events} events, {Statements} statements; {Removed} records no longer in the seed removed")]
    private static partial void LogSeeded(ILogger logger, int sources, int participants, int events, int statements, int removed);
}
