using System.ComponentModel.DataAnnotations.Schema;

namespace TimelineApi.Data;

/// <summary>A meeting's schedule: the members a report of it can state.</summary>
public sealed record ScheduleState(
    string Status, [property: Column("start_at")] string? Start, [property: Column("end_at")] string? End, string? Format, string? Location, int? DurationMinutes)
{
    public const string StatusMember = "status";
    public const string DatesMember = "dates";
    public const string FormatMember = "format";
    public const string LocationMember = "location";
    public const string DurationMember = "durationMinutes";

    /// <summary>Every member, in the order the history lists them; start and end are one member (a report gives both or neither).</summary>
    public static readonly IReadOnlyList<string> Members = [StatusMember, DatesMember, FormatMember, LocationMember, DurationMember];

    /// <summary>The columns that hold a schedule, in <c>events</c> and in a meeting's history (<c>meeting_status_changes</c>) alike.</summary>
    public static IReadOnlyList<Column> Columns { get; } = Column.Of<ScheduleState>();

    public static ScheduleState Of(EventFields e) => new(e.Status, e.Start, e.End, e.Format, e.Location, e.DurationMinutes);

    /// <summary>What a seed source reported of the schedule.</summary>
    public static ScheduleState Of(ScheduleRecord h) => new(h.Status, h.Start, h.End, h.Format, h.Location, h.DurationMinutes);

    /// <summary>The members whose values differ between the two states.</summary>
    public static IReadOnlyList<string> Differences(ScheduleState? before, ScheduleState after)
        => before is null ? Members : [.. Members.Where(m => !Equals(before.Value(m), after.Value(m)))];

    /// <summary>The members a report gives a value to (status always: a report of a meeting says where it stands).</summary>
    public IReadOnlyList<string> Given()
        => [.. Members.Where(m => m == StatusMember || Value(m) is not null)];

    private object? Value(string member) => member switch
    {
        StatusMember => Status,
        DatesMember => Start is null && End is null ? null : (Start, End),
        FormatMember => Format,
        LocationMember => Location,
        DurationMember => DurationMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, "Not a member of a schedule."),
    };

    /// <summary>This state with the <paramref name="stated"/> members taken from <paramref name="report"/>.</summary>
    public ScheduleState With(ScheduleState report, IReadOnlyCollection<string> stated) => new(
        stated.Contains(StatusMember) ? report.Status : Status,
        stated.Contains(DatesMember) ? report.Start : Start,
        stated.Contains(DatesMember) ? report.End : End,
        stated.Contains(FormatMember) ? report.Format : Format,
        stated.Contains(LocationMember) ? report.Location : Location,
        stated.Contains(DurationMember) ? report.DurationMinutes : DurationMinutes);
}

/// <summary>
/// One report of a meeting in its history: what it stated (<see cref="Said"/>, of which only the <see cref="Stated"/>
/// members count), the day it was published, and its place in the order reports were recorded.
/// </summary>
public sealed record ScheduleReport(long? Id, string ReportedOn, ScheduleState Said, IReadOnlyList<string> Stated);

/// <summary>
/// Knowledge time for a meeting. Its history is one order: reports by the day they were published, then by the order they
/// were recorded. As known on a day, each member is what the latest report up to that day that stated it said, and
/// unknown (null) before any did; now is as known today, where a member no report ever stated keeps the record's own value.
/// So a report recorded late but dated early (a backdated correction) takes its place in the order and changes what
/// was known from its day on, without undoing what later reports said.
/// </summary>
public static class ScheduleFold
{
    public static IReadOnlyList<ScheduleReport> InOrder(IEnumerable<ScheduleReport> reports)
        => [.. reports.Select((r, i) => (r, i)).OrderBy(x => x.r.ReportedOn, StringComparer.Ordinal).ThenBy(x => x.r.Id ?? long.MaxValue).ThenBy(x => x.i).Select(x => x.r)];

    /// <summary>The state as known after each report of <paramref name="ordered"/> (in <see cref="InOrder"/>), and now.</summary>
    public static (IReadOnlyList<ScheduleState> Known, ScheduleState Now) Fold(IReadOnlyList<ScheduleReport> ordered, ScheduleState record)
    {
        var known = new List<ScheduleState>(ordered.Count);
        ScheduleState? state = null;
        var stated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in ordered)
        {
            state = (state ?? new ScheduleState(report.Said.Status, null, null, null, null, null)).With(report.Said, report.Stated);
            stated.UnionWith(report.Stated);
            known.Add(state);
        }

        return (known, state is null ? record : record.With(state, stated));
    }
}

/// <summary>
/// A report of a meeting as its history table (<c>meeting_status_changes</c>) holds it: the state it left, which holds the
/// values of the members it stated, and where it came from.
/// </summary>
public sealed class StoredReport
{
    public long Id { get; init; }
    public string EventId { get; init; } = "";
    public string ReportedOn { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Start { get; init; }
    public string? End { get; init; }
    public string? Format { get; init; }
    public string? Location { get; init; }
    public int? DurationMinutes { get; init; }
    public string Stated { get; init; } = "";
    public string? SourceId { get; init; }
    public string? Note { get; init; }
    public string? RecordedBy { get; init; }

    public ScheduleState ToState() => new(Status, Start, End, Format, Location, DurationMinutes);

    /// <summary>What the report stated, for the fold.</summary>
    public ScheduleReport ToReport() => new(Id, ReportedOn, ToState(), StatusEntry.ParseStated(Stated));
}
