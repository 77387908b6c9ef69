using TimelineApi.Events;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

public sealed class EventFacetsTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Facets_CountEventsPerValue_ForEveryFacetByDefault()
    {
        var result = await _client.GetAsync<FacetsResponse>("/v1/events/facets");
        Assert.Equal(17, result.Total);
        Assert.Equal(EventFacets.Names.Order(), result.Facets.Keys.Order());
        Assert.Equal(result.Total, result.Facets["kind"].Sum(v => v.Count));
        Assert.Equal(result.Total, result.Facets["month"].Sum(v => v.Count));
        Assert.Contains(new FacetValue("2022-01", null, 3), result.Facets["month"]);
        Assert.Contains(new FacetValue(null, null, 4), result.Facets["month"]); // undated events
        Assert.Contains(new FacetValue("vladimir-putin", "Vladimir Putin", 6), result.Facets["participant"]);
    }

    [Fact]
    public async Task Facets_TakeTheListFilters_AndOnlyTheFacetsAskedFor()
    {
        var result = await _client.GetAsync<FacetsResponse>("/v1/events/facets?facet=status,topic&participant=Putin&kind=call");
        Assert.Equal(2, result.Total);
        Assert.Equal(["status", "topic"], result.Facets.Keys.Order());
        Assert.Equal([new FacetValue("held", null, 2)], result.Facets["status"]);
        Assert.Contains(new FacetValue("ukraine", null, 2), result.Facets["topic"]);
        Assert.Contains(new FacetValue("ransomware", null, 1), result.Facets["topic"]);
    }

    [Fact]
    public async Task Facets_OrderValuesByCountThenValue()
    {
        var kinds = (await _client.GetAsync<FacetsResponse>("/v1/events/facets?facet=kind")).Facets["kind"];
        Assert.Equal(kinds.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal), kinds);
        Assert.Equal(new FacetValue("statement", null, 6), kinds[0]);
    }

    [Theory]
    [InlineData("/v1/events/facets?facet=colour", "facet")]
    [InlineData("/v1/events/facets?limit=5", "limit")]
    [InlineData("/v1/events/facets?from=never", "from")]
    public async Task Facets_BadParameters_Answer400(string url, string parameter)
        => await _client.AssertBadParameterAsync(url, parameter);
}
