using System.Text.Json.Serialization;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Events;

/// <summary>
/// A participant of an event, once, with every part it played (participant, host, requester, speaker,
/// issuer, subject), each with the source that gives it (null: the event's sources at large).
/// </summary>
public sealed record EventParticipantResponse(string Id, string Name, string Kind, IReadOnlyList<EventRole> Roles);

/// <summary>A diplomatic event: what happened or is planned, when, who took part, and which sources report it.</summary>
public sealed record EventResponse : EventFields
{
    public EventResponse()
    {
    }

    /// <summary>An answer with the members of <paramref name="fields"/>, another shape of the event.</summary>
    public EventResponse(EventFields fields)
        : base(fields)
    {
    }

    public string? Summary { get; init; }

    public IReadOnlyList<EventParticipantResponse> Participants { get; init; } = null!;

    public IReadOnlyList<string> Topics { get; init; } = null!;

    public IReadOnlyList<string> Sources { get; init; } = null!;

    public string UpdatedAt { get; init; } = null!;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Snippet { get; init; }
}

public static class EventVocabulary
{
    public static readonly string[] Kinds = ["call", "summit", "talks", "meeting", "statement", "briefing", "report"];
    public static readonly string[] Formats = ["video", "phone", "in-person"];
    public static readonly string[] Statuses = ["held", "scheduled", "proposed", "postponed", "cancelled"];

    /// <summary>The kinds of event that are planned diplomatic encounters: the meetings.</summary>
    public static readonly string[] MeetingKinds = ["call", "summit", "talks", "meeting"];
}

/// <summary>Filters shared by the event and meeting lists.</summary>
public sealed record EventFilter
{
    public string? FromDay { get; init; }
    public string? ToDay { get; init; }
    public string? ParticipantKey { get; init; }
    public string? ParticipantId { get; init; }
    public IReadOnlyList<string> Kinds { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>A search (see <see cref="FullTextQuery"/>) the event's title or summary must match.</summary>
    public SearchTerms? Search { get; init; }

    /// <summary>Only events changed at or after this instant (UTC, as stored).</summary>
    public string? UpdatedSince { get; init; }
}

/// <summary>An event as its row of <c>events</c> holds it (the columns of <see cref="EventFields"/>, <see cref="EventTable"/>), with what a query reads beside it.</summary>
internal sealed record EventRow : EventFields
{
    public string? Summary { get; init; }
    public string SortKey { get; init; } = "";
    public string? Snippet { get; init; }
    public double? Rank { get; init; }
    public long Version { get; init; }

    /// <summary>When the record was last written (UTC, ISO 8601).</summary>
    public string UpdatedAt { get; init; } = "";

    /// <summary>The event's stored document (<see cref="EventDocuments"/>), when the query read it.</summary>
    public byte[]? Document { get; init; }

    /// <summary>This row's position in a list in <paramref name="order"/>: what a cursor after it is made of.</summary>
    public string[] KeyFor(Keyset order) => order.KeyOf(SortKey, Rank, Id);
}

/// <summary>An event of a list as stored (<see cref="EventDocuments"/>): its JSON (UTF-8, as SQLite keeps it) and its position.</summary>
internal sealed record StoredEvent(byte[] Document, string SortKey, string Id)
{
    public string[] KeyFor(Keyset order) => order.KeyOf(SortKey, null, Id);
}

internal sealed class EventParticipantRow
{
    public string EventId { get; init; } = "";
    public string ParticipantId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Role { get; init; } = "";
    public string? SourceId { get; init; }
}

/// <summary>The participants, topics and sources of a set of events, loaded in one round trip each.</summary>
internal sealed class EventDetails
{
    public required ILookup<string, EventParticipantRow> Participants { get; init; }
    public required ILookup<string, string> Topics { get; init; }
    public required ILookup<string, string> Sources { get; init; }

    /// <summary>The events whose sources were all published by the day these details are known on (all of them when not for a day).</summary>
    private Func<string, bool> _wholeAccountKnown = _ => true;

    public EventResponse ToResponse(EventRow row)
    {
        var whole = _wholeAccountKnown(row.Id);
        return new(whole ? row : row.WithoutWholeAccount())
        {
            Summary = whole ? row.Summary : null,
            Participants = ParticipantsOf(row.Id),
            Topics = whole ? [.. Topics[row.Id]] : [],
            Sources = [.. Sources[row.Id]],
            UpdatedAt = row.UpdatedAt,
            Snippet = row.Snippet,
        };
    }

    /// <summary>
    /// These details as known on <paramref name="day"/> (knowledge time), given the day each source was published: only the
    /// sources published by then, and the roles they give (a role no source gives is known with the event); the summary,
    /// date note and topics, which draw on all of an event's sources, only once every one of them was published.
    /// </summary>
    public EventDetails KnownOn(string day, Func<string, string?> publishedOn)
    {
        bool Known(string? source) => source is null || publishedOn(source) is { } published && string.CompareOrdinal(published, day) <= 0;
        return new EventDetails
        {
            Participants = Participants.SelectMany(g => g).Where(p => Known(p.SourceId)).ToLookup(p => p.EventId, StringComparer.Ordinal),
            Topics = Topics,
            Sources = Sources.SelectMany(g => g.Select(s => (Event: g.Key, Source: s))).Where(x => Known(x.Source)).ToLookup(x => x.Event, x => x.Source, StringComparer.Ordinal),
            _wholeAccountKnown = id => Sources[id].All(s => Known(s)),
        };
    }

    public IReadOnlyList<EventParticipantResponse> ParticipantsOf(string eventId)
        => [.. Participants[eventId].GroupBy(p => p.ParticipantId, StringComparer.Ordinal)
            .Select(g => new EventParticipantResponse(g.Key, g.First().Name, g.First().Kind, [.. g.Select(p => new EventRole(p.Role, p.SourceId))]))];
}
