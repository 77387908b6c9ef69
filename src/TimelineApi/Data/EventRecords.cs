using System.ComponentModel.DataAnnotations.Schema;
using System.Text.Json.Serialization;
using TimelineApi.Common;

namespace TimelineApi.Data;

/// <summary>
/// What an event is in every shape it takes: the record written (<see cref="EventRecord"/>), the API's answer, a meeting,
/// a suggestion's proposal, a row of the <c>events</c> table. Each shape derives from this one declaration and adds
/// what is its own (participants as ids or with names, the schedule's history, …), so a member added here is written,
/// stored, read and served without another list to change: the table's columns are these members'
/// (<see cref="Column"/>), a shape is made from another by the copy this type gives, and the members come first in
/// every shape's JSON, in this order.
/// </summary>
public abstract record EventFields
{
    protected EventFields()
    {
    }

    [JsonPropertyOrder(-1)] public string Id { get; init; } = null!;

    [JsonPropertyOrder(-1)] public string Title { get; init; } = null!;

    [JsonPropertyOrder(-1)] public string Kind { get; init; } = null!;

    [JsonPropertyOrder(-1)] public string? Format { get; init; }

    [JsonPropertyOrder(-1)] public string Status { get; init; } = null!;

    [JsonPropertyOrder(-1)][Column("start_at")] public string? Start { get; init; }

    [JsonPropertyOrder(-1)][Column("end_at")] public string? End { get; init; }

    [JsonPropertyOrder(-1)] public string? DatePrecision { get; init; }

    [JsonPropertyOrder(-1)] public bool DateInferred { get; init; }

    [JsonPropertyOrder(-1)] public string? DateNote { get; init; }

    [JsonPropertyOrder(-1)] public int? DurationMinutes { get; init; }

    [JsonPropertyOrder(-1)] public string? Location { get; init; }
}

/// <summary>The members of an event a write, a report or another account of it changes together.</summary>
public static class EventFieldChanges
{
    /// <summary>The event with the precision of its date made from its start (null without one).</summary>
    public static T Dated<T>(this T e) where T : EventFields
        => (T)((EventFields)e with { DatePrecision = IsoDate.TryParse(e.Start, out var start) ? start.Precision : null });

    /// <summary>The event with its schedule (status, dates, format, place, duration) as <paramref name="schedule"/> has it, and its date's precision to match.</summary>
    public static T Scheduled<T>(this T e, ScheduleState schedule) where T : EventFields
        => ((T)((EventFields)e with
        {
            Status = schedule.Status,
            Start = schedule.Start,
            End = schedule.End,
            Format = schedule.Format,
            Location = schedule.Location,
            DurationMinutes = schedule.DurationMinutes,
        })).Dated();

    /// <summary>
    /// The event with what it lacks filled from <paramref name="other"/>, another account of it: its dates (and their
    /// precision) when it has none, its format, place and duration.
    /// </summary>
    public static T FilledFrom<T>(this T e, EventFields other) where T : EventFields
        => (T)((EventFields)e with
        {
            Start = e.Start ?? other.Start,
            End = e.End ?? (e.Start is null ? other.End : null),
            DatePrecision = e.Start is null ? other.DatePrecision : e.DatePrecision,
            Format = e.Format ?? other.Format,
            Location = e.Location ?? other.Location,
            DurationMinutes = e.DurationMinutes ?? other.DurationMinutes,
        });

    /// <summary>The event as told before all its sources were out: without what draws on all of them (its date note).</summary>
    public static T WithoutWholeAccount<T>(this T e) where T : EventFields
        => (T)((EventFields)e with { DateNote = null });
}

/// <summary>
/// The <c>events</c> table's columns of an event's members (<see cref="EventFields"/>), and how a meeting's are read as
/// known on a day: its schedule's members from the report of its history (<c>meeting_status_changes</c>) that stood
/// then, the rest from the event, the precision of its date only while the report gives a start.
/// </summary>
public static class EventTable
{
    public static IReadOnlyList<Column> Columns { get; } = Column.Of<EventFields>();

    /// <summary>The members a meeting takes from the report that stood on a day: its schedule's, and its date's precision.</summary>
    public static IReadOnlyList<string> KnownAsOf { get; } =
        [.. Columns.Where(c => IsSchedule(c) || c.Member == nameof(EventFields.DatePrecision)).Select(c => c.Member)];

    private static readonly string s_startColumn = Columns.Single(c => c.Member == nameof(EventFields.Start)).Name;

    /// <summary>
    /// The columns of the event <paramref name="e"/> as known by the report <paramref name="k"/> that stood, each under
    /// its own name (a row shaped like the table's); <paramref name="instead"/> gives another expression for a member
    /// where it has one.
    /// </summary>
    public static string AsKnownBy(string e, string k, Func<string, string?>? instead = null)
        => string.Join(", ", Columns.Select(c =>
            instead?.Invoke(c.Member) is { } expression ? $"{expression} AS {c.Name}"
            : IsSchedule(c) ? $"{k}.{c.Name}"
            : c.Member == nameof(EventFields.DatePrecision) ? $"CASE WHEN {k}.{s_startColumn} IS NULL THEN NULL ELSE {e}.{c.Name} END AS {c.Name}"
            : $"{e}.{c.Name}"));

    private static bool IsSchedule(Column c) => ScheduleState.Columns.Any(s => s.Member == c.Member);
}

/// <summary>A part a participant played in an event (participant, host, requester, speaker, issuer, subject), with the source that gives it.</summary>
public sealed record EventRole(string Role, string? Source);

/// <summary>A participant of an event, once, with every part it played.</summary>
public sealed record EventParticipantRecord(string Id, IReadOnlyList<EventRole> Roles);

/// <summary>What one source reported of a meeting's schedule (a seed event's <c>schedule</c>): null where it says nothing.</summary>
public sealed record ScheduleRecord(string Source, string Status, string? Start, string? End, string? Format, string? Location, string? Note)
{
    public int? DurationMinutes { get; init; }
}

public sealed record EventRecord : EventFields
{
    public EventRecord()
    {
    }

    /// <summary>An event record with the members of <paramref name="fields"/>, another shape of the event.</summary>
    public EventRecord(EventFields fields)
        : base(fields)
    {
    }

    public string? Summary { get; init; }

    public IReadOnlyList<EventParticipantRecord> Participants { get; init; } = null!;

    public IReadOnlyList<string> Topics { get; init; } = null!;

    public IReadOnlyList<string> Sources { get; init; } = null!;

    public IReadOnlyList<ScheduleRecord>? Schedule { get; init; }

    /// <summary>What reported the schedule written (a write body's <c>report</c>); read by the write API before the record is bound.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReportRecord? Report { get; init; }
}

/// <summary>The report behind a write of a meeting: its source, the day it was published, and a note.</summary>
public sealed record ReportRecord(string? Source, string? ReportedOn, string? Note);
