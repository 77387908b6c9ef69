using System.Globalization;
using System.Text;
using TimelineApi.Common;

namespace TimelineApi.Meetings;

/// <summary>
/// Meetings as an RFC 5545 calendar that calendar apps can subscribe to. Each meeting is one VEVENT
/// with a stable UID (its id). SEQUENCE counts the reports that changed its schedule plus every later
/// write of the record, so any change updates the entry; DTSTAMP and LAST-MODIFIED are when the record
/// was last written (with <c>asOf</c>: the day of the last report known then). Cancelled meetings stay, as
/// STATUS:CANCELLED; a meeting known only by its day is an all-day event. Meetings with no date yet
/// cannot be placed and are left out.
/// </summary>
public static class MeetingCalendar
{
    public const string MediaType = "text/calendar";

    /// <summary>The domain part of every UID: fixed, so a UID does not change with the host name a client used.</summary>
    private const string UidDomain = "timelineapi";

    public static string Write(IEnumerable<MeetingResponse> meetings)
    {
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//TimelineApi//Diplomatic meetings//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:Diplomatic meetings");
        Line(ics, "X-WR-CALDESC:" + Text("Calls, talks, summits and meetings from TimelineApi, with their status as last reported."));
        foreach (var meeting in meetings)
        {
            WriteEvent(ics, meeting);
        }

        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    private static void WriteEvent(StringBuilder ics, MeetingResponse meeting)
    {
        if (!IsoDate.TryParse(meeting.Start, out var start))
        {
            return;
        }

        var changed = LastChanged(meeting, start.FirstDay);
        Line(ics, "BEGIN:VEVENT");
        Line(ics, $"UID:{meeting.Id}@{UidDomain}");
        Line(ics, $"DTSTAMP:{changed:yyyyMMdd'T'HHmmss'Z'}");
        Line(ics, $"LAST-MODIFIED:{changed:yyyyMMdd'T'HHmmss'Z'}");
        Line(ics, $"SEQUENCE:{Sequence(meeting)}");
        if (start.Precision == "time")
        {
            var from = DateTimeOffset.Parse(start.Text, CultureInfo.InvariantCulture).UtcDateTime;
            var to = IsoDate.TryParse(meeting.End, out var end) && end.Precision == "time"
                ? DateTimeOffset.Parse(end.Text, CultureInfo.InvariantCulture).UtcDateTime
                : from.AddMinutes(meeting.DurationMinutes ?? 60);
            Line(ics, $"DTSTART:{from:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, $"DTEND:{to:yyyyMMdd'T'HHmmss'Z'}");
        }
        else
        {
            // All-day: DTEND is the day after the last day (RFC 5545, 3.6.1).
            var lastDay = IsoDate.TryParse(meeting.End, out var end) ? end.LastDay : start.LastDay;
            var endExclusive = DateOnly.ParseExact(lastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
            Line(ics, $"DTSTART;VALUE=DATE:{Compact(start.FirstDay)}");
            Line(ics, $"DTEND;VALUE=DATE:{endExclusive:yyyyMMdd}");
        }

        Line(ics, "SUMMARY:" + Text(meeting.Title));
        if (meeting.Location is not null)
        {
            Line(ics, "LOCATION:" + Text(meeting.Location));
        }

        var description = new StringBuilder(meeting.Summary ?? string.Empty)
            .Append("\n\nStatus: ").Append(meeting.Status)
            .Append(meeting.DateInferred ? " (date inferred: " + meeting.DateNote + ")" : string.Empty)
            .Append("\nParticipants: ").Append(string.Join(", ", meeting.Participants.Select(p => p.Name).Distinct()))
            .Append("\nSources: ").Append(string.Join(", ", meeting.Sources));
        Line(ics, "DESCRIPTION:" + Text(description.ToString()));
        Line(ics, "CATEGORIES:" + Text(meeting.Kind));
        Line(ics, "STATUS:" + meeting.Status switch
        {
            "cancelled" => "CANCELLED",
            "proposed" or "postponed" => "TENTATIVE",
            _ => "CONFIRMED",
        });
        Line(ics, "TRANSP:TRANSPARENT");
        Line(ics, "END:VEVENT");
    }

    /// <summary>
    /// The revision of a meeting's entry: the reports that changed its schedule, plus the writes of the record
    /// after its first (none in an <c>asOf</c> view, which shows the schedule as then reported). Both only grow.
    /// </summary>
    public static int Sequence(MeetingResponse meeting)
        => Changes(meeting.History) + (meeting.AsOf is null ? (int)Math.Max(0, meeting.Version - 1) : 0);

    private static DateTime LastChanged(MeetingResponse meeting, string startDay)
    {
        if (meeting.AsOf is null && DateTimeOffset.TryParse(meeting.UpdatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated))
        {
            return updated.UtcDateTime;
        }

        var day = meeting.History.Count > 0 ? meeting.History[^1].ReportedOn : startDay;
        return DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    /// <summary>How many reports changed the schedule (status, dates, format or place) after the first.</summary>
    public static int Changes(IReadOnlyList<MeetingStatusEntry> history)
        => history.Zip(history.Skip(1)).Count(p =>
            (p.First.Status, p.First.Start, p.First.End, p.First.Format, p.First.Location)
            != (p.Second.Status, p.Second.Start, p.Second.End, p.Second.Format, p.Second.Location));

    private static string Compact(string day) => day.Replace("-", string.Empty, StringComparison.Ordinal);

    /// <summary>A TEXT value, escaped (RFC 5545, 3.3.11).</summary>
    private static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a content line, folded so no line exceeds 75 octets (RFC 5545, 3.1), ended by CRLF.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 0;
                limit = 74; // continuation lines begin with a space
            }

            ics.Append(rune.ToString());
            octets += size;
        }

        ics.Append("\r\n");
    }
}
