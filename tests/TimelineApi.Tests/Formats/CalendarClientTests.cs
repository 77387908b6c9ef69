using System.Globalization;
using System.Net;
using System.Text.Json;
using Calendar = Ical.Net.Calendar;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Formats;

/// <summary>The calendar feed and single-meeting files as a calendar library reads them (Ical.Net).</summary>
public sealed class CalendarClientTests : WriterTestBase
{
    [Fact]
    public async Task EveryDatedMeeting_IsInTheFeed_WithItsDatesStatusAndStamp()
    {
        var meetings = JsonDocument.Parse(await Client.GetStringAsync("/v1/meetings?limit=500")).RootElement.GetProperty("items").EnumerateArray().ToList();
        var calendar = Calendar.Load(await Client.GetStringAsync("/v1/meetings.ics"))!;
        var dated = meetings.Where(m => m.GetProperty("start").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(dated);
        Assert.Equal(dated.Count, calendar.Events.Count);

        foreach (var meeting in dated)
        {
            var id = meeting.GetProperty("id").GetString()!;
            var entry = Assert.Single(calendar.Events, e => e.Uid == $"{id}@timelineapi");
            var start = meeting.GetProperty("start").GetString()!;
            var end = meeting.GetProperty("end").GetString();
            Assert.Equal(start[..10], entry.DtStart!.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (start.Length == 10)
            {
                Assert.False(entry.DtStart.HasTime, $"{id}: a meeting known by its day is an all-day event");
                var lastDay = DateOnly.ParseExact((end ?? start)[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.Equal(lastDay.AddDays(1), entry.DtEnd!.Date); // DTEND is exclusive
            }

            Assert.Equal(meeting.GetProperty("status").GetString() switch
            {
                "cancelled" => "CANCELLED",
                "proposed" or "postponed" => "TENTATIVE",
                _ => "CONFIRMED",
            }, entry.Status);

            var updatedAt = DateTimeOffset.Parse(meeting.GetProperty("updatedAt").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
            Assert.Equal(updatedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), entry.DtStamp!.Value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
            Assert.Equal(entry.DtStamp.Value, entry.LastModified!.Value);
            Assert.Equal(entry.Summary, meeting.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task EveryChange_RaisesTheSequence_AndCancellingKeepsTheEntryAsCancelled()
    {
        const string Url = "/v1/meetings/2022-01-12-nato-russia-session";
        var before = SequenceOf(await Client.GetStringAsync(Url + "/calendar.ics"));

        using (var retitled = await Client.SendJsonAsync(HttpMethod.Patch, Url, """{"title": "NATO–Russia Council session"}""", Key, await Client.ETagOfAsync(Url), "application/merge-patch+json"))
        {
            Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);
        }

        var afterTitle = SequenceOf(await Client.GetStringAsync(Url + "/calendar.ics"));
        Assert.True(afterTitle > before, $"SEQUENCE {before} -> {afterTitle} after a title change");

        using (var cancelled = await Client.SendJsonAsync(HttpMethod.Patch, Url, """{"status": "cancelled"}""", Key, await Client.ETagOfAsync(Url), "application/merge-patch+json"))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var feed = Calendar.Load(await Client.GetStringAsync("/v1/meetings.ics"))!;
        var entry = Assert.Single(feed.Events, e => e.Uid == "2022-01-12-nato-russia-session@timelineapi");
        Assert.Equal("CANCELLED", entry.Status);
        Assert.True(entry.Sequence > afterTitle);
        Assert.Equal(entry.Sequence, SequenceOf(await Client.GetStringAsync(Url + "/calendar.ics")));
    }

    [Fact]
    public async Task OneMeeting_HasItsOwnCalendarFile_LinkedFromItsJson()
    {
        const string Url = "/v1/meetings/2022-01-09-us-russia-geneva-security-talks";
        using var json = await Client.GetAsync(Url);
        Assert.Contains($"<{Url}/calendar.ics>; rel=\"alternate\"; type=\"text/calendar\"", json.Headers.GetValues("Link"));

        using var file = await Client.GetAsync(Url + "/calendar.ics");
        Assert.Equal("text/calendar", file.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await file.Content.ReadAsStringAsync())!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal(new DateOnly(2022, 1, 9), entry.DtStart!.Date);
        Assert.Equal(new DateOnly(2022, 1, 11), entry.DtEnd!.Date);

        using var undated = await Client.GetAsync("/v1/meetings/biden-putin-in-person-meeting/calendar.ics");
        await undated.AssertProblemAsync(HttpStatusCode.NotFound);
        using var unknown = await Client.GetAsync("/v1/meetings/no-such-meeting/calendar.ics");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static int SequenceOf(string ics) => Assert.Single(Calendar.Load(ics)!.Events).Sequence;
}
