namespace TimelineApi.Data;

// The records of the timeline in the shape they are written in: by the seed (data/seed/*.json),
// by the write API (request bodies) and in the change feed (`data`).

public sealed record SourceRecord(
    string Id, string FileName, string? Title, string? Publisher, string? Author, string? Dateline,
    string? PublishedAt, string? PublishedAtText, bool PublishedAtInferred, string? PublishedAtNote, string? UpdatedAtText)
{
    /// <summary>The document's full text (for the seed, read from <c>data/sources</c>).</summary>
    public string Text { get; init; } = string.Empty;
}

public sealed record AliasRecord(string Name, string? Source);

public sealed record RoleRecord(string Title, string Source);

public sealed record ParticipantRecord(string Id, string Name, string Kind, string? Country, IReadOnlyList<AliasRecord> Aliases, IReadOnlyList<RoleRecord> Roles);

public sealed record SpanRecord(int Start, int End);

public sealed record StatementRecord(
    string Id, string Speaker, string Text, string? Date, bool DateInferred, string? Event, string Source, SpanRecord Span, string? Attribution);
