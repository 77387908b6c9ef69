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
    IReadOnlyList<string> Sources);

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
