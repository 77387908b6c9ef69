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

internal static class MeetingHistory
{
    private static readonly string[] s_dates = ["start", "end"];

    /// <summary>A stored report as the history shows it: start and end named apart.</summary>
    public static MeetingStatusEntry ToEntry(this Data.StoredReport row) => new(
        row.Status, row.StartAt, row.EndAt, row.Format, row.Location, row.DurationMinutes,
        [.. Data.StatusEntry.ParseStated(row.Stated).SelectMany(m => m == Data.ScheduleState.DatesMember ? s_dates : [m])], row.ReportedOn, row.SourceId, row.Note, row.RecordedBy);
}
