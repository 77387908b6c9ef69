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
public sealed class EventDocuments : ReadModel
{
    private static readonly DialectSql Store = new(d => $"""
        UPDATE events SET document = {SqlDialect.Text(nameof(StoredDocument.Document))}, timeline_document = {SqlDialect.Text(nameof(StoredDocument.Timeline))}
        FROM {d.Rows("@documents")}
        WHERE events.id = {SqlDialect.Text(nameof(StoredDocument.Id))};
        """);

    private static readonly DialectSql EventsOfParticipants = new(d => $"""
        SELECT DISTINCT event_id FROM event_participants WHERE participant_id IN {d.Values("@ids")};
        """);

    private sealed record StoredDocument(string Id, string Document, string Timeline);

    /// <summary>Rebuilds the documents of <paramref name="ids"/> from their rows, inside the caller's transaction.</summary>
    protected override async Task RefreshAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var store = new EventStore(DbSession.Within(connection));
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var rows = await store.FindManyAsync(chunk, ct);
            var details = await store.LoadDetailsAsync(chunk, ct);
            var documents = rows.Select(r =>
            {
                var response = details.ToResponse(r);
                return new StoredDocument(r.Id, JsonSerializer.Serialize(response, ApiJsonContext.Answers),
                    JsonSerializer.Serialize(Timeline.TimelineItem.Of(response), ApiJsonContext.Answers));
            }).ToList();
            await connection.ExecuteAsync(new CommandDefinition(Store.For(connection), new { documents = JsonSerializer.Serialize(documents) }, cancellationToken: ct));
        }
    }

    protected override string Table => "events";

    protected override string MissingCondition => "document IS NULL OR timeline_document IS NULL";

    protected override string Resource => RecordWriter.Event;

    protected override IReadOnlyDictionary<string, DialectSql> Shows { get; } = new Dictionary<string, DialectSql>
    {
        [RecordWriter.Participant] = EventsOfParticipants,
    };
}
