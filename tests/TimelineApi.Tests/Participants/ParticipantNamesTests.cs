using System.Net;
using TimelineApi.Common;
using TimelineApi.Participants;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Participants;

/// <summary>A participant is found by any of its names, in a filter and in a path; a name that finds nobody is refused, offering the closest.</summary>
public sealed class ParticipantNamesTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/v1/events?participant=Vladimir%20Poutine")]
    [InlineData("/v1/meetings?participant=Vladimir%20Poutine")]
    [InlineData("/v1/statements?participant=Vladimir%20Poutine")]
    [InlineData("/v1/timeline?participant=Vladimir%20Poutine")]
    [InlineData("/v1/events/facets?facet=kind&participant=Vladimir%20Poutine")]
    [InlineData("/v1/events?participant=Vladimir%20Poutine&format=csv")]
    public async Task AFilterNamingNobody_Is400_OfferingTheClosest(string url)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("participant")[0].GetString()!;
        Assert.Contains("Did you mean vladimir-putin (Vladimir Putin)", message, StringComparison.Ordinal);
        Assert.Equal("vladimir-putin", problem.GetProperty("suggestions")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task APathNamingNobody_Is404_OfferingTheClosest()
    {
        using var response = await _client.GetAsync("/v1/participants/yuri-ushakof/statements");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("Did you mean yuri-ushakov (Yuri Ushakov)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameFarFromEveryone_OffersNobody()
    {
        using var response = await _client.GetAsync("/v1/events?participant=Zzyzx%20Qwerty");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, problem.GetProperty("suggestions").GetArrayLength());
        Assert.Contains("/v1/participants?name=", problem.GetProperty("errors").GetProperty("participant")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/participants/Ushakov", "yuri-ushakov")]
    [InlineData("/v1/participants/Yury%20Ushakov", "yuri-ushakov")]
    [InlineData("/v1/participants/POTUS", "joe-biden")]
    public async Task APath_TakesAnAlias_AsTheListsDo(string url, string id)
    {
        Assert.Equal(id, (await _client.GetAsync<ParticipantResponse>(url)).Id);
        Assert.Equal(
            (await _client.GetStringAsync($"/v1/participants/{id}/statements")),
            await _client.GetStringAsync(url + "/statements"));
    }

    [Theory]
    [InlineData("Ine Eriksen Halvorsen", "Halvorsen")]
    [InlineData("Ursula von der Leyen", "von der Leyen")]
    [InlineData("Sergei Ryabkov", "Ryabkov")]
    [InlineData("Ryabkov", null)]
    public void APersonsFamilyName_IsTheLastWordOfTheName_WithItsParticles(string name, string? family)
        => Assert.Equal(family, ParticipantLookupKeys.FamilyName(name));

    [Fact]
    public async Task APersonWrittenWithoutAliases_IsFoundByFamilyName()
    {
        var key = await app.CreateKeyAsync("names");
        using var created = await _client.SendJsonAsync(HttpMethod.Post, "/v1/participants",
            """{"name": "Ine Eriksen Halvorsen", "kind": "person", "aliases": [], "roles": []}""", key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("ine-eriksen-halvorsen", (await _client.GetAsync<ParticipantResponse>("/v1/participants/Halvorsen")).Id);
        using var events = await _client.GetAsync("/v1/events?participant=Halvorsen");
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);

        // A country's name is no family name: "Russia" still finds Russia alone.
        Assert.Equal("russia", (await _client.GetAsync<ParticipantResponse>("/v1/participants/Russia")).Id);
    }
}
