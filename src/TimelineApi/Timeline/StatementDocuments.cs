using System.Text.Json;
using Dapper;
using System.Data.Common;
using TimelineApi.Data;
using TimelineApi.Http;
using TimelineApi.Statements;

namespace TimelineApi.Timeline;

/// <summary>
/// The statements' part of the timeline's read model: each statement's item of the feed exactly as
/// <c>/v1/timeline</c> serves it, kept in <c>statements.timeline_document</c> and rewritten in the transaction of
/// every write that changes it: the statement's own, and its speaker's (whose name it shows).
/// </summary>
internal static class StatementDocuments
{
    private const int Batch = 500;

    private static readonly DialectSql Store = new(d => $"""
        UPDATE statements SET timeline_document = {SqlDialect.Text(nameof(StoredDocument.Timeline))}
        FROM {d.Rows("@documents")}
        WHERE statements.id = {SqlDialect.Text(nameof(StoredDocument.Id))};
        """);

    private static readonly DialectSql StatementsOfSpeakers = new(d => $"SELECT id FROM statements WHERE speaker_id IN {d.Values("@ids")};");

    private const string Missing = "SELECT id FROM statements WHERE timeline_document IS NULL LIMIT @limit;";

    private sealed record StoredDocument(string Id, string Timeline);

    /// <summary>Rebuilds the items of <paramref name="ids"/> from their rows, inside the caller's transaction.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction? tx, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await StatementStore.FindManyAsync(connection, tx, chunk, ct);
            var documents = rows.Select(r => new StoredDocument(r.Id, JsonSerializer.Serialize(TimelineItem.Of(r.ToResponse()), ApiJsonContext.Answers))).ToList();
            await connection.ExecuteAsync(new CommandDefinition(Store.For(connection), new { documents = JsonSerializer.Serialize(documents) }, tx, cancellationToken: ct));
        }
    }

    /// <summary>Rebuilds the items of the statements <paramref name="speakerIds"/> made.</summary>
    public static async Task RefreshForSpeakersAsync(DbConnection connection, DbTransaction? tx, IEnumerable<string> speakerIds, CancellationToken ct)
    {
        var statements = (await connection.QueryAsync<string>(new CommandDefinition(
            StatementsOfSpeakers.For(connection), new { ids = JsonSerializer.Serialize(speakerIds) }, tx, cancellationToken: ct))).AsList();
        await RefreshAsync(connection, tx, statements, ct);
    }

    /// <summary>Rebuilds every statement's item, in short transactions; returns how many.</summary>
    public static Task<int> RebuildAllAsync(Database db, CancellationToken ct)
        => Events.EventDocuments.RebuildAllAsync(db, "SELECT id FROM statements WHERE id > @after ORDER BY id LIMIT @limit;", RefreshAsync, ct);

    /// <summary>Builds the items statements do not have yet, in short transactions; returns how many.</summary>
    public static Task<int> BuildMissingAsync(Database db, CancellationToken ct)
        => Events.EventDocuments.BuildMissingAsync(db, Missing, RefreshAsync, ct);
}
