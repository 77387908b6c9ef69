using System.Text.Json;
using Dapper;
using System.Data.Common;
using TimelineApi.Data;
using TimelineApi.Http;

namespace TimelineApi.Events;

/// <summary>
/// The read model of events: each event's JSON exactly as the API serves it (<c>GET /v1/events/{id}</c>, and each
/// item of the event list), kept in <c>events.document</c>, and its item of the timeline feed in <c>timeline_document</c>. It is rewritten in the transaction of every write that
/// changes what it shows: a write of the event itself, and a write of a participant it names (whose name and kind it
/// shows, and which raises its version). A page of the list is then one index range read of stored documents,
/// copied to the answer without materializing or serializing a row.
/// </summary>
internal static class EventDocuments
{
    private const int Batch = 500;

    private static readonly DialectSql Store = new(d => $"""
        UPDATE events SET document = {SqlDialect.Text(nameof(StoredDocument.Document))}, timeline_document = {SqlDialect.Text(nameof(StoredDocument.Timeline))}
        FROM {d.Rows("@documents")}
        WHERE events.id = {SqlDialect.Text(nameof(StoredDocument.Id))};
        """);

    private static readonly DialectSql EventsOfParticipants = new(d => $"""
        SELECT DISTINCT event_id FROM event_participants WHERE participant_id IN {d.Values("@ids")};
        """);

    private const string Missing = "SELECT id FROM events WHERE document IS NULL OR timeline_document IS NULL LIMIT @limit;";

    private sealed record StoredDocument(string Id, string Document, string Timeline);

    /// <summary>Rebuilds the documents of <paramref name="ids"/> from their rows, inside the caller's transaction.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction? tx, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await EventStore.FindManyAsync(connection, tx, chunk, ct);
            var details = await EventStore.LoadDetailsAsync(connection, tx, chunk, ct);
            var documents = rows.Select(r =>
            {
                var response = details.ToResponse(r);
                return new StoredDocument(r.Id, JsonSerializer.Serialize(response, ApiJsonContext.Answers),
                    JsonSerializer.Serialize(Timeline.TimelineItem.Of(response), ApiJsonContext.Answers));
            }).ToList();
            await connection.ExecuteAsync(new CommandDefinition(Store.For(connection), new { documents = JsonSerializer.Serialize(documents) }, tx, cancellationToken: ct));
        }
    }

    /// <summary>Rebuilds the documents of the events that name any of <paramref name="participantIds"/>.</summary>
    public static async Task RefreshForParticipantsAsync(DbConnection connection, DbTransaction? tx, IEnumerable<string> participantIds, CancellationToken ct)
    {
        var events = (await connection.QueryAsync<string>(new CommandDefinition(
            EventsOfParticipants.For(connection), new { ids = JsonSerializer.Serialize(participantIds) }, tx, cancellationToken: ct))).AsList();
        await RefreshAsync(connection, tx, events, ct);
    }

    private const string AllAfter = "SELECT id FROM events WHERE id > @after ORDER BY id LIMIT @limit;";

    /// <summary>Rebuilds every event's documents, in short transactions; returns how many.</summary>
    public static Task<int> RebuildAllAsync(Database db, CancellationToken ct) => RebuildAllAsync(db, AllAfter, RefreshAsync, ct);

    /// <summary>
    /// Rebuilds every row's documents: the ids <paramref name="allAfter"/> selects in id order after <c>@after</c>
    /// (<c>LIMIT @limit</c>), handed to <paramref name="refresh"/> one short transaction per batch; returns how many.
    /// </summary>
    internal static async Task<int> RebuildAllAsync(
        Database db, string allAfter, Func<DbConnection, DbTransaction?, IReadOnlyCollection<string>, CancellationToken, Task> refresh, CancellationToken ct)
    {
        await using var connection = await db.OpenNewAsync(ct);
        var built = 0;
        var after = string.Empty;
        while (true)
        {
            await using var tx = await db.BeginWriteTransactionAsync(connection, ct);
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(allAfter, new { after, limit = Batch }, tx, cancellationToken: ct))).AsList();
            if (ids.Count == 0)
            {
                return built;
            }

            await refresh(connection, tx, ids, ct);
            await tx.CommitAsync(ct);
            built += ids.Count;
            after = ids[^1];
        }
    }

    /// <summary>Builds the documents events do not have yet (after the migration that adds them), in short transactions; returns how many.</summary>
    public static Task<int> BuildMissingAsync(Database db, CancellationToken ct) => BuildMissingAsync(db, Missing, RefreshAsync, ct);

    /// <summary>
    /// Builds what rows lack: reads the ids <paramref name="missing"/> selects (<c>LIMIT @limit</c>) and hands them to
    /// <paramref name="refresh"/>, one short transaction per batch, until none is left; returns how many.
    /// </summary>
    internal static async Task<int> BuildMissingAsync(
        Database db, string missing, Func<DbConnection, DbTransaction?, IReadOnlyCollection<string>, CancellationToken, Task> refresh, CancellationToken ct)
    {
        await using var connection = await db.OpenNewAsync(ct);
        var built = 0;
        while (true)
        {
            await using var tx = await db.BeginWriteTransactionAsync(connection, ct);
            var ids = (await connection.QueryAsync<string>(new CommandDefinition(missing, new { limit = 5 * Batch }, tx, cancellationToken: ct))).AsList();
            if (ids.Count == 0)
            {
                return built;
            }

            await refresh(connection, tx, ids, ct);
            await tx.CommitAsync(ct);
            built += ids.Count;
        }
    }
}
