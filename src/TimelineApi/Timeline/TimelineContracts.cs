using TimelineApi.Events;
using TimelineApi.Statements;

namespace TimelineApi.Timeline;

/// <summary>
/// One item of the merged chronological feed. <c>type</c> says which: an <c>event</c> (with title,
/// kind, status and participants) or a <c>statement</c> (with text, speaker and the event it belongs to).
/// </summary>
public sealed record TimelineItem(
    string Type,
    string Id,
    string? Date,
    string? End,
    bool DateInferred,
    string? Title,
    string? Text,
    string? Kind,
    string? Status,
    IReadOnlyList<EventParticipantResponse>? Participants,
    SpeakerResponse? Speaker,
    string? Event,
    IReadOnlyList<string> Sources)
{
    public static TimelineItem Of(EventResponse e)
        => new(TimelineItemTypes.Event, e.Id, e.Start, e.End, e.DateInferred, e.Title, null, e.Kind, e.Status, e.Participants, null, null, e.Sources);

    public static TimelineItem Of(StatementResponse s)
        => new(TimelineItemTypes.Statement, s.Id, s.Date, null, s.DateInferred, null, s.Text, null, null, null, s.Speaker, s.Event, [s.Source]);
}

public static class TimelineItemTypes
{
    public const string Event = "event";
    public const string Statement = "statement";
    public static readonly string[] All = [Event, Statement];
}

/// <summary>
/// The position of one item in the feed. Read by property names rather than a constructor: an empty
/// page gives SQLite no row to take the column types from, and constructor matching needs them.
/// </summary>
internal sealed class TimelineKey
{
    public required string Type { get; init; }
    public required string Id { get; init; }
    public required string SortKey { get; init; }
}
