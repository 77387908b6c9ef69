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

/// <summary>A part a participant played in an event (participant, host, requester, speaker, issuer, subject), with the source that gives it.</summary>
public sealed record EventRole(string Role, string? Source);

/// <summary>A participant of an event, once, with every part it played.</summary>
public sealed record EventParticipantRecord(string Id, IReadOnlyList<EventRole> Roles);

/// <summary>What one source reported of a meeting's schedule (a seed event's <c>schedule</c>): null where it says nothing.</summary>
public sealed record ScheduleRecord(string Source, string Status, string? Start, string? End, string? Format, string? Location, string? Note)
{
    public int? DurationMinutes { get; init; }
}

public sealed record EventRecord(
    string Id, string Title, string Kind, string? Format, string Status, string? Start, string? End,
    string? DatePrecision, bool DateInferred, string? DateNote, int? DurationMinutes, string? Location, string? Summary,
    IReadOnlyList<EventParticipantRecord> Participants, IReadOnlyList<string> Topics, IReadOnlyList<string> Sources,
    IReadOnlyList<ScheduleRecord>? Schedule)
{
    /// <summary>What reported the schedule written (a write body's <c>report</c>); read by the write API before the record is bound.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public ReportRecord? Report { get; init; }
}

/// <summary>The report behind a write of a meeting: its source, the day it was published, and a note.</summary>
public sealed record ReportRecord(string? Source, string? ReportedOn, string? Note);

public sealed record SpanRecord(int Start, int End);

public sealed record StatementRecord(
    string Id, string Speaker, string Text, string? Date, bool DateInferred, string? Event, string Source, SpanRecord Span, string? Attribution);
