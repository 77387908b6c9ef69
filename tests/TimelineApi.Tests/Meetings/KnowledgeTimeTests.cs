using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TimelineApi.Meetings;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Meetings;

/// <summary>
/// Knowledge time: a meeting as known on a day shows only what the reports published by then said, and its history
/// is one order (by the day each report was published), whose last state is the meeting now.
/// </summary>
public sealed class KnowledgeTimeTests : WriterTestBase
{
    private const string VideoCall = "/v1/meetings/2021-12-07-biden-putin-video-call";
    private const string GenevaTalks = "/v1/meetings/2022-01-09-us-russia-geneva-security-talks";
    private const string PhoneCallReport = "2021-12-30-biden-putin-50-minute-phone-call";

    private async Task<MeetingResponse> PatchAsync(string url, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, url, json, Key, await Client.ETagOfAsync(url), "application/merge-patch+json");
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeetingResponse>(Api.Json))!;
    }

    [Fact]
    public async Task AsKnownOnTheEve_TheVideoCallShowsOnlyWhatTheReportOfThatDaySaid()
    {
        var eve = await Client.GetAsync<MeetingResponse>(VideoCall + "?asOf=2021-12-06");
        Assert.Equal(("scheduled", "2021-12-07", "video"), (eve.Status, eve.Start, eve.Format));
        Assert.Null(eve.DurationMinutes); // "two-hour" was first reported on 8 December
        Assert.Null(eve.Summary);         // it tells what was said on the call
        Assert.Null(eve.DateNote);
        Assert.Empty(eve.Topics);
        Assert.Equal(["2021-12-06-kremlin-ties-lamentable-ahead-of-video-call"], eve.Sources);
        Assert.Contains(eve.Participants.Single(p => p.Id == "vladimir-putin").Roles, r => r.Role == "host");

        // The list answers the same as the single meeting.
        var listed = (await Client.GetAllPagesAsync<MeetingResponse>("/v1/meetings?asOf=2021-12-06")).Single(m => m.Id == eve.Id);
        Assert.Equal((eve.DurationMinutes, eve.Summary, eve.Sources.Count, eve.Topics.Count), (listed.DurationMinutes, listed.Summary, listed.Sources.Count, listed.Topics.Count));
    }

    [Fact]
    public async Task AsKnownOnceEveryReportWasOut_TheMeetingIsWhole()
    {
        var dec8 = await Client.GetAsync<MeetingResponse>(VideoCall + "?asOf=2021-12-08");
        Assert.Equal(("held", 120), (dec8.Status, dec8.DurationMinutes));
        Assert.Equal(3, dec8.Sources.Count);
        Assert.Null(dec8.Summary); // the 12 December report is part of it

        var now = await Client.GetAsync<MeetingResponse>(VideoCall);
        var dec12 = await Client.GetAsync<MeetingResponse>(VideoCall + "?asOf=2021-12-12");
        Assert.Equal((now.Summary, now.DurationMinutes, now.Topics.Count, now.Sources.Count), (dec12.Summary, dec12.DurationMinutes, dec12.Topics.Count, dec12.Sources.Count));
    }

    [Fact]
    public async Task AnEditWithoutAReport_ThenOneWithAnEarlierReport_KeepOneHistoryWhoseEndIsNow()
    {
        var located = await PatchAsync(GenevaTalks, """{"location": "Palais des Nations, Geneva"}""");
        var today = located.History[^1].ReportedOn;
        Assert.Equal(["location"], located.History[^1].Stated);

        var held = await PatchAsync(GenevaTalks, $$$"""{"status": "held", "report": {"source": "{{{PhoneCallReport}}}", "note": "Held."}}""");
        Assert.Equal(("held", "Palais des Nations, Geneva"), (held.Status, held.Location));

        // One order: by the day of each report; the report of 30 December comes before today's edit, which it does not undo.
        Assert.Equal([.. held.History.Select(h => h.ReportedOn).Order(StringComparer.Ordinal)], held.History.Select(h => h.ReportedOn));
        Assert.Equal(("held", "Palais des Nations, Geneva", today), (held.History[^1].Status, held.History[^1].Location, held.History[^1].ReportedOn));
        Assert.Equal(["status"], held.History.Single(h => h.Note == "Held.").Stated);

        var knownToday = await Client.GetAsync<MeetingResponse>($"{GenevaTalks}?asOf={today}");
        Assert.Equal((held.Status, held.Location, held.Start, held.End), (knownToday.Status, knownToday.Location, knownToday.Start, knownToday.End));
        Assert.Equal(JsonSerializer.Serialize(held.History), JsonSerializer.Serialize(knownToday.History));
        var knownThen = await Client.GetAsync<MeetingResponse>($"{GenevaTalks}?asOf=2021-12-30");
        Assert.Equal(("held", "Geneva"), (knownThen.Status, knownThen.Location));
    }

    [Fact]
    public async Task ACorrection_CanBeBackdated_AndALaterReportStillStands()
    {
        // A later report (today, no source) moves the talks; a correction dated 5 January says they were postponed.
        await PatchAsync(GenevaTalks, """{"start": "2022-01-16", "end": "2022-01-17"}""");
        var corrected = await PatchAsync(GenevaTalks, """{"status": "postponed", "report": {"reportedOn": "2022-01-05", "note": "Postponed, per the ministry."}}""");
        Assert.Equal(("postponed", "2022-01-16"), (corrected.Status, corrected.Start));

        var jan5 = await Client.GetAsync<MeetingResponse>($"{GenevaTalks}?asOf=2022-01-05");
        Assert.Equal(("postponed", "2022-01-09", "2022-01-05"), (jan5.Status, jan5.Start, jan5.History[^1].ReportedOn));
        var dec31 = await Client.GetAsync<MeetingResponse>($"{GenevaTalks}?asOf=2021-12-31");
        Assert.Equal("scheduled", dec31.Status);
    }

    [Fact]
    public async Task ABackdatedReport_StatesOnlyWhatItChanges_NotTodaysStatus()
    {
        await PatchAsync(GenevaTalks, """{"status": "postponed"}""");
        var placed = await PatchAsync(GenevaTalks, """{"location": "Palais des Nations, Geneva", "report": {"reportedOn": "2022-01-05"}}""");
        Assert.Equal(("postponed", "Palais des Nations, Geneva"), (placed.Status, placed.Location));
        Assert.Equal(["location"], placed.History.Single(h => h.ReportedOn == "2022-01-05").Stated);

        var jan5 = await Client.GetAsync<MeetingResponse>($"{GenevaTalks}?asOf=2022-01-05");
        Assert.Equal(("scheduled", "Palais des Nations, Geneva"), (jan5.Status, jan5.Location));

        // Naming the status with the report makes the report say it, changed or not.
        var confirmed = await PatchAsync(GenevaTalks, $$$"""{"status": "postponed", "report": {"source": "{{{PhoneCallReport}}}"}}""");
        Assert.Equal(["status"], confirmed.History.Single(h => h.Source == PhoneCallReport && h.Note is null && h.RecordedBy == "editor").Stated);
    }

    [Fact]
    public async Task AReportWithANoteAlone_AndTheStatusUnchanged_WritesNothing()
    {
        var etag = await Client.ETagOfAsync(GenevaTalks);
        var meeting = await PatchAsync(GenevaTalks, """{"status": "scheduled", "report": {"note": "Still on."}}""");
        Assert.Equal(etag, await Client.ETagOfAsync(GenevaTalks));
        Assert.DoesNotContain(meeting.History, h => h.Note == "Still on.");
    }

    [Fact]
    public async Task ABackdatedReport_ThatALaterReportOverrides_IsRefused_AndChangesNothing()
    {
        // Today's edit states the dates; a report of 5 January stating other dates would not change the meeting now.
        await PatchAsync(GenevaTalks, """{"start": "2022-01-16", "end": "2022-01-17"}""");
        var etag = await Client.ETagOfAsync(GenevaTalks);
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, GenevaTalks,
            """{"start": "2022-01-12", "end": "2022-01-12", "report": {"reportedOn": "2022-01-05"}}""", Key, etag, "application/merge-patch+json");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("states dates otherwise", problem.GetProperty("errors").GetProperty("report.reportedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(etag, await Client.ETagOfAsync(GenevaTalks));
        var meeting = await Client.GetAsync<MeetingResponse>(GenevaTalks);
        Assert.Equal(("2022-01-16", "2022-01-17"), (meeting.Start, meeting.End));
        Assert.DoesNotContain(meeting.History, h => h.ReportedOn == "2022-01-05");
    }

    [Theory]
    [InlineData("""{"report": {"reportedOn": "2022-1-5"}}""", "not a day")]
    [InlineData("""{"report": {"reportedOn": "2022-01"}}""", "not a day")]
    [InlineData("""{"report": {"reportedOn": "9999-01-01"}}""", "after today")]
    [InlineData("""{"report": {"source": "2021-12-30-biden-putin-50-minute-phone-call", "reportedOn": "2021-12-01"}}""", "before source")]
    [InlineData("""{"report": {"published": "2022-01-05"}}""", "'reportedOn'")]
    public async Task AReportThatCannotBeDated_IsRefusedNamingIt(string body, string said)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, GenevaTalks, body, Key, await Client.ETagOfAsync(GenevaTalks), "application/merge-patch+json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString()!)).ToList();
        Assert.Contains(messages, m => m.Contains(said, StringComparison.Ordinal));
    }
}
