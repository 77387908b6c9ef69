using System.Text;
using TimelineApi.Meetings;
using TimelineApi.Tests.Infrastructure;
using TimelineApi.Timeline;

namespace TimelineApi.Tests.Formats;

public sealed class CalendarAndTimelineJsTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private static List<Dictionary<string, string>> Events(string ics)
    {
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        return [.. unfolded.Split("BEGIN:VEVENT\r\n").Skip(1).Select(block => block
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(l => l != "END:VEVENT")
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1]))];
    }

    [Fact]
    public async Task Calendar_IsAValidFeedOfEveryDatedMeeting()
    {
        using var response = await _client.GetAsync("/v1/meetings.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line too long: {line}"));

        var meetings = await _client.GetAllPagesAsync<MeetingResponse>("/v1/meetings");
        var events = Events(ics);
        Assert.Equal(meetings.Count(m => m.Start is not null), events.Count);
        Assert.Equal(events.Count, events.Select(e => e["UID"]).Distinct().Count());
    }

    [Fact]
    public async Task Calendar_GenevaTalks_AreAnAllDayEventOverBothDays()
    {
        var geneva = Events(await _client.GetStringAsync("/v1/meetings.ics"))
            .Single(e => e["UID"] == "2022-01-09-us-russia-geneva-security-talks@timelineapi");
        Assert.Equal("20220109", geneva["DTSTART;VALUE=DATE"]);
        Assert.Equal("20220111", geneva["DTEND;VALUE=DATE"]);
        Assert.Equal("Geneva", geneva["LOCATION"]);
        Assert.Equal("CONFIRMED", geneva["STATUS"]);
        Assert.Equal("US–Russia security talks in Geneva", geneva["SUMMARY"]);
    }

    [Fact]
    public async Task Calendar_SequenceCountsScheduleChanges_AndAsOfGivesTheEarlierState()
    {
        var call = Events(await _client.GetStringAsync("/v1/meetings.ics"))
            .Single(e => e["UID"] == "2021-12-07-biden-putin-video-call@timelineapi");
        Assert.Equal("1", call["SEQUENCE"]); // scheduled, then held
        Assert.Matches(@"^\d{8}T\d{6}Z$", call["DTSTAMP"]); // the record's last write: see CalendarClientTests

        var early = Events(await _client.GetStringAsync("/v1/meetings.ics?asOf=2021-12-06"))
            .Single(e => e["UID"] == "2021-12-07-biden-putin-video-call@timelineapi");
        Assert.Equal("0", early["SEQUENCE"]);
        Assert.Equal("20211206T000000Z", early["DTSTAMP"]); // as known then: the day of the last report
    }

    [Fact]
    public async Task Calendar_TakesTheMeetingFilters()
    {
        var calls = Events(await _client.GetStringAsync("/v1/meetings.ics?kind=call"));
        Assert.Equal(2, calls.Count);
        await _client.AssertBadParameterAsync("/v1/meetings.ics?status=maybe", "status");
    }

    [Fact]
    public void Calendar_KeepsCancelledMeetingsAsCancelled_AndEscapesText()
    {
        var meeting = new MeetingResponse
        {
            Id = "x",
            Title = "Talks; postponed, then off",
            Kind = "talks",
            Status = "cancelled",
            Start = "2022-02-01T10:00:00+01:00",
            DatePrecision = "time",
            DurationMinutes = 90,
            Location = "Vienna",
            Summary = "Line one\nline two",
            Participants = [],
            Topics = [],
            Sources = ["s1"],
            History =
            [
                new MeetingStatusEntry("scheduled", "2022-02-01T10:00:00+01:00", null, null, "Vienna", null, ["status", "start", "end", "location"], "2022-01-01", "s1", null),
                new MeetingStatusEntry("cancelled", "2022-02-01T10:00:00+01:00", null, null, "Vienna", null, ["status"], "2022-01-20", "s2", null),
            ],
            UpdatedAt = "2022-01-20T08:30:00.000Z",
        };
        var vevent = Events(MeetingCalendar.Write([meeting])).Single();
        Assert.Equal("CANCELLED", vevent["STATUS"]);
        Assert.Equal("1", vevent["SEQUENCE"]);
        Assert.Equal("20220201T090000Z", vevent["DTSTART"]);
        Assert.Equal("20220201T103000Z", vevent["DTEND"]);
        Assert.Equal("Talks\\; postponed\\, then off", vevent["SUMMARY"]);
        Assert.StartsWith("Line one\\nline two", vevent["DESCRIPTION"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimelineJs_HoldsEveryDatedItemWithItsDateParts_AndNamesTheUndatedOnes()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync("/v1/timeline/timelinejs"))!;
        var items = await _client.GetAllPagesAsync<TimelineItem>("/v1/timeline?limit=500");
        var events = document["events"]!.AsArray();
        Assert.Equal(items.Count(i => i.Date is not null), events.Count);

        // The title is a slide: {"text": {"headline", "text"}}, as TimelineJS3 reads it.
        var title = document["title"]!["text"]!;
        Assert.Equal("Diplomatic timeline", (string?)title["headline"]);
        var undated = items.Where(i => i.Date is null).ToList();
        Assert.NotEmpty(undated);
        Assert.Contains($"{undated.Count} undated items are not on the time axis", (string)title["text"]!, StringComparison.Ordinal);
        Assert.All(undated.Where(i => i.Title is not null), i => Assert.Contains(System.Net.WebUtility.HtmlEncode(i.Title!), (string)title["text"]!, StringComparison.Ordinal));

        var geneva = events.Single(e => (string?)e!["unique_id"] == "event-2022-01-09-us-russia-geneva-security-talks")!;
        Assert.Equal("""{"year":2022,"month":1,"day":9}""", geneva["start_date"]!.ToJsonString());
        Assert.Equal("""{"year":2022,"month":1,"day":10}""", geneva["end_date"]!.ToJsonString());
        Assert.Equal("talks", (string?)geneva["group"]);

        // Sources by title, linked to the API's record of them.
        var call = events.Single(e => (string?)e!["unique_id"] == "event-2021-12-30-biden-putin-phone-call")!;
        var body = (string)call["text"]!["text"]!;
        Assert.Contains("/v1/sources/2021-12-30-biden-putin-50-minute-phone-call\">Untitled report, 30 December 2021</a>", body, StringComparison.Ordinal);
        var summit = events.Single(e => (string?)e!["unique_id"] == "event-2021-12-07-biden-putin-video-call")!;
        Assert.Contains("\">Kremlin says Putin and Biden to keep engaging despite no breakthrough in talks (Devdiscourse)</a>", (string)summit["text"]!["text"]!, StringComparison.Ordinal);

        var quote = events.First(e => ((string)e!["unique_id"]!).StartsWith("statement-", StringComparison.Ordinal))!;
        Assert.StartsWith("<blockquote>“", (string)quote["text"]!["text"]!, StringComparison.Ordinal);
    }
}
