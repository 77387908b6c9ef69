using System.Text.Json;
using TimelineApi.Data;
using TimelineApi.Extraction;

namespace TimelineApi.Suggestions;

/// <summary>A record written (or merged into) when a suggestion was accepted.</summary>
public sealed record SuggestionRecordRef(string Resource, string Id);

/// <summary>
/// A proposal of the extractor: its kind, the record it would write (<c>proposal</c>), the words of the
/// source it rests on (<c>evidence</c>, UTF-16 offsets), how sure it is, and what became of it.
/// </summary>
public sealed record SuggestionResponse(
    string Id, string Source, string Kind, string Status, double Confidence, string Summary, JsonElement Proposal,
    IReadOnlyList<Evidence> Evidence, string CreatedAt, string? DecidedAt, string? DecidedBy, IReadOnlyList<SuggestionRecordRef>? Records);

/// <summary>What one extraction of a source proposed: how many suggestions are new, and all of them.</summary>
public sealed record ExtractionResponse(string Source, string? PublishedAt, int Created, IReadOnlyList<SuggestionResponse> Suggestions);

/// <summary>
/// Changes an editor may make when accepting: the speaker of a quote, the event or participant to merge into, the new
/// record's id; and corrections of what the extractor read: a quote's day, an event's title, status, days and parties.
/// </summary>
public sealed record AcceptRequest(
    string? Speaker, string? Event, string? Participant, string? Id,
    string? Date = null, string? Title = null, string? Status = null, string? Start = null, string? End = null, IReadOnlyList<string>? Participants = null)
{
    /// <summary>No change: the proposal as the extractor made it.</summary>
    public static readonly AcceptRequest None = new(null, null, null, null);

    /// <summary>True when the body corrects an event's own members (the days, the status, the title or the parties).</summary>
    public bool CorrectsEvent() => Title is not null || Status is not null || Start is not null || End is not null || Participants is not null;
}

/// <summary>The record a statement suggestion would write.</summary>
public sealed record StatementProposalData(
    string Id, string? Speaker, string? SpeakerText, string Text, SpanRecord Span, string? Date, bool DateInferred, string? Attribution, string Rule);

/// <summary>A participant suggestion: a known participant with names and titles the source adds, or a new one.</summary>
public sealed record ParticipantProposalData(string Id, bool Known, string Name, string Kind, IReadOnlyList<string> NewAliases, IReadOnlyList<string> Titles);

/// <summary>The event an event suggestion would write or merge into an existing one.</summary>
public sealed record EventProposalData : Data.EventFields
{
    public IReadOnlyList<string> Participants { get; init; } = null!;
}
