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
public sealed record MeetingResponse : Data.EventFields
{
    public MeetingResponse()
    {
    }

    /// <summary>The meeting that <paramref name="e"/> is, as known <paramref name="asOf"/> a day (null: now), with its history.</summary>
    public MeetingResponse(EventResponse e, string? asOf, IReadOnlyList<MeetingStatusEntry> history, long version)
        : base(e)
    {
        Summary = e.Summary;
        Participants = e.Participants;
        Topics = e.Topics;
        Sources = e.Sources;
        AsOf = asOf;
        History = history;
        UpdatedAt = e.UpdatedAt;
        Version = version;
    }

    public string? Summary { get; init; }

    public IReadOnlyList<EventParticipantResponse> Participants { get; init; } = null!;

    public IReadOnlyList<string> Topics { get; init; } = null!;

    public IReadOnlyList<string> Sources { get; init; } = null!;

    public string? AsOf { get; init; }

    public IReadOnlyList<MeetingStatusEntry> History { get; init; } = null!;

    public string UpdatedAt { get; init; } = null!;

    [System.Text.Json.Serialization.JsonIgnore]
    public long Version { get; init; } = 1;
}

internal static class MeetingHistory
{
    private static readonly string[] s_dates = ["start", "end"];

    /// <summary>A stored report as the history shows it: start and end named apart.</summary>
    public static MeetingStatusEntry ToEntry(this Data.StoredReport row) => new(
        row.Status, row.Start, row.End, row.Format, row.Location, row.DurationMinutes,
        [.. Data.StatusEntry.ParseStated(row.Stated).SelectMany(m => m == Data.ScheduleState.DatesMember ? s_dates : [m])], row.ReportedOn, row.SourceId, row.Note, row.RecordedBy);
}
