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
public sealed class StatementDocuments : ReadModel
{
    private static readonly DialectSql Store = new(d => $"""
        UPDATE statements SET timeline_document = {SqlDialect.Text(nameof(StoredDocument.Timeline))}
        FROM {d.Rows("@documents")}
        WHERE statements.id = {SqlDialect.Text(nameof(StoredDocument.Id))};
        """);

    private static readonly DialectSql StatementsOfSpeakers = new(d => $"SELECT id FROM statements WHERE speaker_id IN {d.Values("@ids")};");

    private sealed record StoredDocument(string Id, string Timeline);

    /// <summary>Rebuilds the items of <paramref name="ids"/> from their rows, inside the caller's transaction.</summary>
    protected override async Task RefreshAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var store = new StatementStore(DbSession.Within(connection));
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await store.FindManyAsync(chunk, ct);
            var documents = rows.Select(r => new StoredDocument(r.Id, JsonSerializer.Serialize(TimelineItem.Of(r.ToResponse()), ApiJsonContext.Answers))).ToList();
            await connection.ExecuteAsync(new CommandDefinition(Store.For(connection), new { documents = JsonSerializer.Serialize(documents) }, cancellationToken: ct));
        }
    }

    protected override string Table => "statements";

    protected override string MissingCondition => "timeline_document IS NULL";

    protected override string Resource => RecordWriter.Statement;

    protected override IReadOnlyDictionary<string, DialectSql> Shows { get; } = new Dictionary<string, DialectSql>
    {
        [RecordWriter.Participant] = StatementsOfSpeakers,
    };
}
