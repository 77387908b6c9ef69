using TimelineApi.Events;

namespace TimelineApi.Meetings;

/// <summary>
/// One report of a meeting: its status, dates, format, place and duration as known once it was reported (what it
/// <c>stated</c>, and what earlier reports had stated of the rest), with the source that reported it, or the editor
/// (API key name) who recorded it.
/// </summary>
public sealed record MeetingStatusEntry(
    string Status, string? Start, string? End, string? Format, string? Location, int? DurationMinutes, IReadOnlyList<string> Stated,
    string ReportedOn, string? Source, string? Note,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? RecordedBy = null);

/// <summary>
/// A planned diplomatic encounter (call, talks, summit, meeting) with its schedule. With <c>asOf</c>,
/// status, dates, format and location are those the sources published up to that day reported.
/// </summary>
public sealed record MeetingResponse(
    string Id,
    string Title,
    string Kind,
    string? Format,
    string Status,
    string? Start,
    string? End,
    string? DatePrecision,
    bool DateInferred,
    string? DateNote,
    int? DurationMinutes,
    string? Location,
    string? Summary,
    IReadOnlyList<EventParticipantResponse> Participants,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Sources,
    string? AsOf,
    IReadOnlyList<MeetingStatusEntry> History,
    string UpdatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore] long Version = 1);

internal sealed class MeetingStatusRow
{
    public string EventId { get; init; } = "";
    public string Status { get; init; } = "";
    public string? StartAt { get; init; }
    public string? EndAt { get; init; }
    public string? Format { get; init; }
    public string? Location { get; init; }
    public int? DurationMinutes { get; init; }
    public string Stated { get; init; } = "";
    public string ReportedOn { get; init; } = "";
    public string? SourceId { get; init; }
    public string? Note { get; init; }
    public string? RecordedBy { get; init; }

    public MeetingStatusEntry ToEntry() => new(
        Status, StartAt, EndAt, Format, Location, DurationMinutes,
        [.. Data.StatusEntry.ParseStated(Stated).SelectMany(m => m == Data.ScheduleState.DatesMember ? s_dates : [m])], ReportedOn, SourceId, Note, RecordedBy);

    private static readonly string[] s_dates = ["start", "end"];
}
