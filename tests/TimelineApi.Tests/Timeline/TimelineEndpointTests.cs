using TimelineApi.Tests.Infrastructure;
using TimelineApi.Timeline;

namespace TimelineApi.Tests.Timeline;

public sealed class TimelineEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private Task<List<TimelineItem>> ListAsync(string query) => _client.GetAllPagesAsync<TimelineItem>("/v1/timeline?" + query);

    [Fact]
    public async Task Timeline_MergesEventsAndStatementsInDateOrder()
    {
        var items = await ListAsync("limit=500");
        Assert.Equal(17, items.Count(i => i.Type == "event"));
        Assert.Equal(25, items.Count(i => i.Type == "statement"));
        var dated = items.TakeWhile(i => i.Date is not null).ToList();
        Assert.Equal(dated.Select(i => i.Date).Order(StringComparer.Ordinal), dated.Select(i => i.Date));
        Assert.All(items.Skip(dated.Count), i => Assert.Null(i.Date));

        var quote = items.First(i => i.Type == "statement");
        Assert.NotNull(quote.Text);
        Assert.NotNull(quote.Speaker);
        Assert.Null(quote.Title);
        var ev = items.First(i => i.Type == "event");
        Assert.NotNull(ev.Title);
        Assert.NotNull(ev.Participants);
    }

    [Fact]
    public async Task Timeline_ByType_KeepsOnlyThatType()
    {
        Assert.All(await ListAsync("type=statement"), i => Assert.Equal("statement", i.Type));
        Assert.Equal(17, (await ListAsync("type=event")).Count);
    }

    [Fact]
    public async Task Timeline_ByParticipant_MatchesEventParticipantsAndSpeakers()
    {
        var items = await ListAsync("participant=Jen%20Psaki");
        // Her two quotes are dated; the event of her earlier remarks is not, so it comes last.
        Assert.Equal(["statement", "statement", "event"], items.Select(i => i.Type));
        Assert.All(items.Where(i => i.Type == "statement"), i => Assert.Equal("jen-psaki", i.Speaker!.Id));
    }

    [Fact]
    public async Task Timeline_ByParticipant_IsTheWholeTimelineKeptToThem_PageByPage_InBothOrders()
    {
        foreach (var sort in new[] { "start", "-start" })
        {
            var all = await ListAsync($"sort={sort}&limit=500");
            var people = all.SelectMany(i => i.Participants?.Select(p => p.Id) ?? [i.Speaker!.Id]).Distinct().ToList();
            Assert.True(people.Count > 10);
            foreach (var id in people)
            {
                var expected = all.Where(i => i.Participants?.Any(p => p.Id == id) ?? i.Speaker!.Id == id).Select(i => $"{i.Type}:{i.Id}");
                var pages = await ListAsync($"participant={id}&sort={sort}&limit=2");
                Assert.Equal(expected, pages.Select(i => $"{i.Type}:{i.Id}"));
            }
        }
    }

    [Fact]
    public async Task Timeline_ByKind_KeepsStatementsOfMatchingEventsOnly()
    {
        var calls = await ListAsync("kind=call");
        Assert.Equal(2, calls.Count(i => i.Type == "event"));
        var quotes = calls.Where(i => i.Type == "statement").ToList();
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Contains(q.Event, new[] { "2021-12-07-biden-putin-video-call", "2021-12-30-biden-putin-phone-call" }));
    }

    [Fact]
    public async Task Timeline_ByRange_KeepsItemsOfThoseDays()
    {
        var items = await ListAsync("from=2021-12-12&to=2021-12-12");
        Assert.Equal(["event:2021-12-12-peskov-remarks-on-state-tv", "statement:peskov-the-current-tensions"], items.Select(i => $"{i.Type}:{i.Id}"));
    }
}
