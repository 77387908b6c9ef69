using TimelineApi.Events;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

public sealed class EventsEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private Task<List<EventResponse>> ListAsync(string query) => _client.GetAllPagesAsync<EventResponse>("/v1/events?" + query);

    [Fact]
    public async Task ListEvents_IsInStartOrder_WithUndatedEventsLast()
    {
        var events = await ListAsync("limit=500");
        var dated = events.TakeWhile(e => e.Start is not null).ToList();
        Assert.Equal(dated.Select(e => e.Start).Order(StringComparer.Ordinal), dated.Select(e => e.Start));
        Assert.All(events.Skip(dated.Count), e => Assert.Null(e.Start));
        Assert.Equal("2021-06-16-biden-putin-geneva-summit", events[0].Id);
    }

    [Fact]
    public async Task ListEvents_ByParticipant_AreTheEventsTheyAreIn_PageByPage_WithAndWithoutARange_InBothOrders()
    {
        foreach (var range in new[] { string.Empty, "&from=2021-12-07&to=2022-01-10", "&from=2021-12-30" })
        {
            foreach (var sort in new[] { "start", "-start" })
            {
                var all = await ListAsync($"sort={sort}&limit=500{range}");
                foreach (var id in all.SelectMany(e => e.Participants.Select(p => p.Id)).Distinct())
                {
                    var expected = all.Where(e => e.Participants.Any(p => p.Id == id)).Select(e => e.Id);
                    Assert.Equal(expected, (await ListAsync($"participant={id}&sort={sort}&limit=2{range}")).Select(e => e.Id));
                }
            }
        }
    }

    [Fact]
    public async Task GetEvent_KnownId_ReturnsItWithParticipantsTopicsAndSources()
    {
        var call = await _client.GetAsync<EventResponse>("/v1/events/2021-12-07-biden-putin-video-call");
        Assert.Equal("Biden–Putin video call", call.Title);
        Assert.Equal("day", call.DatePrecision);
        Assert.Contains(call.Participants, p => p is { Id: "joe-biden", Name: "Joe Biden" } && p.Roles.Any(r => r.Role == "participant"));
        var putin = Assert.Single(call.Participants, p => p.Id == "vladimir-putin");
        Assert.Equal(["participant", "host"], putin.Roles.Select(r => r.Role));
        Assert.Contains("nato-expansion", call.Topics);
        Assert.Equal(4, call.Sources.Count);
    }

    [Fact]
    public async Task ListEvents_FromAndTo_SelectEventsWhoseSpanOverlapsTheRange()
    {
        // The Geneva talks run 9–10 January: a range starting on the 10th still overlaps them.
        var fromTenth = await ListAsync("from=2022-01-10");
        Assert.Equal(
            ["2022-01-09-us-russia-geneva-security-talks", "2022-01-12-nato-russia-session", "2022-01-13-us-russia-europe-meeting"],
            fromTenth.Select(e => e.Id));

        var december = await ListAsync("from=2021-12&to=2021-12");
        Assert.NotEmpty(december);
        Assert.All(december, e => Assert.StartsWith("2021-12", e.Start, StringComparison.Ordinal));

        var oneDay = await ListAsync("from=2021-12-30&to=2021-12-30");
        Assert.Equal("2021-12-30-biden-putin-phone-call", Assert.Single(oneDay).Id);
    }

    [Theory]
    [InlineData("vladimir-putin")]
    [InlineData("Vladimir Putin")]
    [InlineData("president putin")]
    [InlineData("VLADIMIR   PUTIN")]
    public async Task ListEvents_ByParticipantIdNameOrAlias_FindsTheSameEvents(string participant)
    {
        var events = await ListAsync("participant=" + Uri.EscapeDataString(participant));
        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Contains(e.Participants, p => p.Id == "vladimir-putin"));
    }

    [Fact]
    public async Task ListEvents_AParticipantWithNoEvents_IsAnEmptyList()
        => Assert.Empty(await ListAsync("participant=european-countries&kind=call"));

    [Fact]
    public async Task ListEvents_ByKinds_ReturnsOnlyThoseKinds()
    {
        var events = await ListAsync("kind=call,talks");
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Contains(e.Kind, new[] { "call", "talks" }));
    }

    [Fact]
    public async Task ListEvents_ByStatus_ReturnsOnlyThatStatus()
    {
        var scheduled = await ListAsync("status=scheduled");
        Assert.Equal(3, scheduled.Count);
        Assert.All(scheduled, e => Assert.Equal("scheduled", e.Status));
        Assert.Equal(2, (await ListAsync("status=proposed")).Count);
    }

    [Fact]
    public async Task ListEvents_ByTopic_ReturnsEventsAboutIt()
    {
        var events = await ListAsync("topic=ransomware");
        Assert.Equal("2021-12-07-biden-putin-video-call", Assert.Single(events).Id);
    }

    [Fact]
    public async Task ListEvents_CombinedFilters_AllApply()
    {
        var events = await ListAsync("participant=russia&status=scheduled&from=2022-01-12");
        Assert.Equal(["2022-01-12-nato-russia-session", "2022-01-13-us-russia-europe-meeting"], events.Select(e => e.Id));
    }
}
