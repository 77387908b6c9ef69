using System.Net;
using TimelineApi.Common;
using TimelineApi.Participants;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Participants;

public sealed class CounterpartsTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Counterparts_OfPutin_AreWhoHeMetOrCalled_MostFrequentFirst()
    {
        // Held encounters are counted unless asked otherwise: a call only proposed is no meeting.
        var page = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/vladimir-putin/counterparts");
        Assert.Null(page.Next);
        Assert.Equal(["joe-biden", "narendra-modi"], page.Items.Select(c => c.Id));
        var biden = page.Items[0];
        Assert.Equal(["2021-06-16-biden-putin-geneva-summit", "2021-12-07-biden-putin-video-call", "2021-12-30-biden-putin-phone-call"], biden.Events);
        Assert.Equal(3, biden.Count);
        Assert.Equal(new Dictionary<string, int> { ["held"] = 3, ["proposed"] = 2 }, biden.ByStatus);

        var planned = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/vladimir-putin/counterparts?status=proposed");
        Assert.Equal(2, Assert.Single(planned.Items).Count);
        Assert.Equal(["biden-putin-further-talks", "biden-putin-in-person-meeting"], planned.Items[0].Events.Order(StringComparer.Ordinal));
        var any = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/vladimir-putin/counterparts?status=held,scheduled,proposed,postponed,cancelled");
        Assert.Equal(5, any.Items[0].Count);
    }

    [Fact]
    public async Task Counterparts_FollowTheEventFilters()
    {
        var held = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/joe-biden/counterparts?status=held&from=2021-12");
        var putin = Assert.Single(held.Items);
        Assert.Equal(["2021-12-07-biden-putin-video-call", "2021-12-30-biden-putin-phone-call"], putin.Events);

        // Statements are not encounters unless asked for: Peskov shares only statements with the Kremlin.
        Assert.Empty((await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/dmitry-peskov/counterparts")).Items);
        var statements = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/dmitry-peskov/counterparts?kind=statement");
        var kremlin = Assert.Single(statements.Items);
        Assert.Equal(("the-kremlin", "The Kremlin", "organization", 2), (kremlin.Id, kremlin.Name, kremlin.Kind, kremlin.Count));
        Assert.Equal(["2021-12-06-kremlin-comments-ahead-of-video-call", "2021-12-12-peskov-remarks-on-state-tv"], kremlin.Events);
    }

    [Fact]
    public async Task Counterparts_OfAnUnknownParticipant_Answer404()
    {
        using var response = await _client.GetAsync("/v1/participants/nobody/counterparts");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
