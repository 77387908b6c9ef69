using System.Text.Json.Serialization;
using TimelineApi.Common;

namespace TimelineApi.Statements;

/// <summary>Who said it.</summary>
public sealed record SpeakerResponse(string Id, string Name);

/// <summary>Where the words stand in the source's text: UTF-16 offsets, end exclusive.</summary>
public sealed record SpanResponse(int Start, int End);

/// <summary>
/// Words quoted verbatim in a source, with their speaker. <c>text</c> equals the source's text at
/// <c>span</c>; <c>attribution</c> is the source's own phrase that names the speaker.
/// </summary>
public sealed record StatementResponse(
    string Id, SpeakerResponse Speaker, string Text, string? Date, bool DateInferred, string? Event, string Source,
    string? SourceTitle, string? SourcePublisher, string? SourcePublishedAt, SpanResponse Span, string? Attribution,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Snippet = null);

/// <summary>Filters of the statement list.</summary>
public sealed record StatementFilter
{
    public string? FromDay { get; init; }
    public string? ToDay { get; init; }
    public string? SpeakerKey { get; init; }
    public string? SpeakerId { get; init; }
    public string? EventId { get; init; }
    public string? SourceId { get; init; }

    /// <summary>A search (see <see cref="FullTextQuery"/>) the statement's text or attribution must match.</summary>
    public SearchTerms? Search { get; init; }

    /// <summary>Only statements changed at or after this instant (UTC, as stored).</summary>
    public string? UpdatedSince { get; init; }
}

internal sealed class StatementRow
{
    public string Id { get; init; } = "";
    public string SpeakerId { get; init; } = "";
    public string SpeakerName { get; init; } = "";
    public string Text { get; init; } = "";
    public string? Date { get; init; }
    public bool DateInferred { get; init; }
    public string? EventId { get; init; }
    public string SourceId { get; init; } = "";
    public string? SourceTitle { get; init; }
    public string? SourcePublisher { get; init; }
    public string? SourcePublishedAt { get; init; }
    public int SpanStart { get; init; }
    public int SpanEnd { get; init; }
    public string? Attribution { get; init; }
    public string SortKey { get; init; } = "";
    public string? Snippet { get; init; }
    public double? Rank { get; init; }
    public long Version { get; init; }

    public StatementResponse ToResponse() => new(
        Id, new SpeakerResponse(SpeakerId, SpeakerName), Text, Date, DateInferred, EventId, SourceId, SourceTitle, SourcePublisher, SourcePublishedAt,
        new SpanResponse(SpanStart, SpanEnd), Attribution, Snippet);

    /// <summary>This row's position in a list in <paramref name="order"/>: what a cursor after it is made of.</summary>
    public string[] KeyFor(Keyset order) => order.KeyOf(SortKey, Rank, Id);
}
