using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Participants;

public sealed class ParticipantsEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task ListParticipants_IsInIdOrder_AndFiltersByKind()
    {
        var all = await _client.GetAllPagesAsync<ParticipantResponse>("/v1/participants");
        Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), all.Select(p => p.Id));

        var countries = await _client.GetAllPagesAsync<ParticipantResponse>("/v1/participants?kind=country");
        Assert.Equal(["russia", "ukraine", "united-states"], countries.Select(p => p.Id));
        Assert.Equal(6, (await _client.GetAllPagesAsync<ParticipantResponse>("/v1/participants?kind=person")).Count);
    }

    [Theory]
    [InlineData("ushakov")]
    [InlineData("YURY")]
    [InlineData("Yúri")]
    public async Task ListParticipants_ByNameFragment_IsCaseAndAccentInsensitive(string name)
    {
        var found = await _client.GetAllPagesAsync<ParticipantResponse>("/v1/participants?name=" + Uri.EscapeDataString(name));
        Assert.Equal("yuri-ushakov", Assert.Single(found).Id);
    }

    [Fact]
    public async Task GetParticipant_ReturnsKindCountryAliasesAndRoles()
    {
        var psaki = await _client.GetAsync<ParticipantResponse>("/v1/participants/jen-psaki");
        Assert.Equal(("Jen Psaki", "person", "united-states"), (psaki.Name, psaki.Kind, psaki.Country));
        Assert.Equal(["White House spokesperson", "White House press secretary"], psaki.Roles.Select(r => r.Title));
    }

    [Fact]
    public async Task ListParticipantEvents_ReturnsTheEventsItTookPartIn_WithEventFilters()
    {
        var events = await _client.GetAllPagesAsync<EventResponse>("/v1/participants/russia/events");
        Assert.Equal(5, events.Count);
        var scheduled = await _client.GetAllPagesAsync<EventResponse>("/v1/participants/russia/events?status=scheduled&kind=talks");
        Assert.Equal("2022-01-09-us-russia-geneva-security-talks", Assert.Single(scheduled).Id);
    }

    [Fact]
    public async Task ListParticipantStatements_ReturnsWhatItSaid_InDateOrder()
    {
        var statements = await _client.GetAllPagesAsync<StatementResponse>("/v1/participants/jen-psaki/statements");
        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.Equal("jen-psaki", s.Speaker.Id));
        Assert.Empty(await _client.GetAllPagesAsync<StatementResponse>("/v1/participants/jen-psaki/statements?to=2021-12-29"));
    }
}
