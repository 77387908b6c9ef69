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
        var page = await _client.GetAsync<Page<CounterpartResponse>>("/v1/participants/vladimir-putin/counterparts");
        Assert.Null(page.Next);
        Assert.Equal(["joe-biden", "narendra-modi"], page.Items.Select(c => c.Id));
        var biden = page.Items[0];
        Assert.Equal(5, biden.Count);
        Assert.Contains("2021-12-07-biden-putin-video-call", biden.Events);
        Assert.Contains("2021-12-30-biden-putin-phone-call", biden.Events);
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
