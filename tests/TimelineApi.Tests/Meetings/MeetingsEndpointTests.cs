using TimelineApi.Meetings;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Meetings;

public sealed class MeetingsEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private Task<List<MeetingResponse>> ListAsync(string query) => _client.GetAllPagesAsync<MeetingResponse>("/v1/meetings?" + query);

    [Fact]
    public async Task ListMeetings_HoldsOnlyPlannedEncounters_EachWithHistory()
    {
        var meetings = await ListAsync("limit=500");
        Assert.Equal(9, meetings.Count);
        Assert.All(meetings, m => Assert.Contains(m.Kind, new[] { "call", "summit", "talks", "meeting" }));
        Assert.All(meetings, m => Assert.NotEmpty(m.History));
        Assert.All(meetings, m => Assert.Null(m.AsOf));
    }

    [Fact]
    public async Task ListMeetings_AsOfTheEveOfTheVideoCall_ShowsItScheduled()
    {
        var meetings = await ListAsync("asOf=2021-12-06");
        Assert.Equal(
            ["2021-06-16-biden-putin-geneva-summit", "2021-12-06-putin-modi-meeting", "2021-12-07-biden-putin-video-call"],
            meetings.Select(m => m.Id));
        var call = meetings[2];
        Assert.Equal("scheduled", call.Status);
        Assert.Equal("2021-12-06", call.AsOf);
        Assert.Equal("scheduled", Assert.Single(call.History).Status);
    }

    [Fact]
    public async Task ListMeetings_AsOfLaterDays_FollowsWhatEachNewReportSaid()
    {
        var dec8 = await ListAsync("asOf=2021-12-08");
        Assert.Equal("held", dec8.Single(m => m.Id == "2021-12-07-biden-putin-video-call").Status);
        var inPerson = dec8.Single(m => m.Id == "biden-putin-in-person-meeting");
        Assert.Equal(("proposed", "neutral territory"), (inPerson.Status, inPerson.Location));
        Assert.DoesNotContain(dec8, m => m.Id == "2022-01-09-us-russia-geneva-security-talks");

        // The 12 December report repeats the proposal without naming a place: the place the 8 December report gave stands,
        // as it does now; the report states only what it says.
        var dec12 = (await ListAsync("asOf=2021-12-12")).Single(m => m.Id == "biden-putin-in-person-meeting");
        Assert.Equal("neutral territory", dec12.Location);
        Assert.Equal(["status", "format"], dec12.History[^1].Stated);

        var dec30 = await ListAsync("asOf=2021-12-30");
        var geneva = dec30.Single(m => m.Id == "2022-01-09-us-russia-geneva-security-talks");
        Assert.Equal(("scheduled", "2022-01-09", "2022-01-10"), (geneva.Status, geneva.Start, geneva.End));
    }

    [Fact]
    public async Task ListMeetings_AsOfBeforeAnyReport_IsEmpty()
        => Assert.Empty(await ListAsync("asOf=2021-01-01"));

    [Fact]
    public async Task ListMeetings_FiltersApplyToTheScheduleAsThenKnown()
    {
        var scheduledOnTheEve = await ListAsync("asOf=2021-12-06&status=scheduled");
        Assert.Equal("2021-12-07-biden-putin-video-call", Assert.Single(scheduledOnTheEve).Id);
        Assert.Empty(await ListAsync("asOf=2021-12-07&status=held&from=2021-12-07&to=2021-12-07"));
    }

    [Fact]
    public async Task ListMeetings_ByParticipantAndKind_Filters()
    {
        var calls = await ListAsync("participant=POTUS&kind=call");
        Assert.Equal(["2021-12-07-biden-putin-video-call", "2021-12-30-biden-putin-phone-call"], calls.Select(m => m.Id));
    }

    [Fact]
    public async Task GetMeeting_AsOf_ReturnsTheStateThenKnown_And404BeforeItWasReported()
    {
        var call = await _client.GetAsync<MeetingResponse>("/v1/meetings/2021-12-07-biden-putin-video-call?asOf=2021-12-07");
        Assert.Equal("scheduled", call.Status);

        using var response = await _client.GetAsync("/v1/meetings/2022-01-12-nato-russia-session?asOf=2021-12-12");
        var problem = await response.AssertProblemAsync(System.Net.HttpStatusCode.NotFound);
        Assert.Contains("2021-12-12", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMeeting_History_IsInReportingOrderWithItsSources()
    {
        var call = await _client.GetAsync<MeetingResponse>("/v1/meetings/2021-12-07-biden-putin-video-call");
        Assert.Equal(["2021-12-06", "2021-12-08", "2021-12-08", "2021-12-12"], call.History.Select(h => h.ReportedOn));
        Assert.Equal(call.Sources.Order(StringComparer.Ordinal), call.History.Select(h => h.Source).Order(StringComparer.Ordinal));
    }
}

public sealed class MeetingHistoryTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task History_ListsEachReportOldestFirst_AndStopsAtAsOf()
    {
        var all = await _client.GetAsync<TimelineApi.Common.Page<MeetingStatusEntry>>("/v1/meetings/2021-12-07-biden-putin-video-call/history");
        Assert.Null(all.Next);
        Assert.Equal(["scheduled", "held", "held", "held"], all.Items.Select(h => h.Status));
        Assert.All(all.Items, h => Assert.False(string.IsNullOrEmpty(h.Source)));

        var early = await _client.GetAsync<TimelineApi.Common.Page<MeetingStatusEntry>>("/v1/meetings/2021-12-07-biden-putin-video-call/history?asOf=2021-12-06");
        Assert.Equal("2021-12-06-kremlin-ties-lamentable-ahead-of-video-call", Assert.Single(early.Items).Source);
    }

    [Theory]
    [InlineData("/v1/meetings/no-such-meeting/history")]
    [InlineData("/v1/meetings/2022-01-13-us-russia-europe-meeting/history?asOf=2021-12-29")]
    public async Task History_OfAnUnknownMeeting_Answers404(string url)
    {
        using var response = await _client.GetAsync(url);
        await response.AssertProblemAsync(System.Net.HttpStatusCode.NotFound);
    }
}
