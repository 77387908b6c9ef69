using TimelineApi.Sources;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Sources;

public sealed class SourcesEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task ListSources_IsInPublicationOrder_AndFiltersByDate()
    {
        var sources = await _client.GetAllPagesAsync<SourceResponse>("/v1/sources");
        Assert.Equal(
            ["2021-12-06", "2021-12-08T02:41:00+05:30", "2021-12-08", "2021-12-12", "2021-12-30"],
            sources.Select(s => s.PublishedAt)); // by day of publication, then id

        var december8 = await _client.GetAllPagesAsync<SourceResponse>("/v1/sources?from=2021-12-08&to=2021-12-08");
        Assert.Equal(2, december8.Count);
    }

    [Fact]
    public async Task GetSource_GivesOnlyWhatTheDocumentStates()
    {
        var devdiscourse = await _client.GetAsync<SourceResponse>("/v1/sources/2021-12-08-kremlin-says-putin-and-biden-to-keep-engaging");
        Assert.Equal(
            ("Kremlin says Putin and Biden to keep engaging despite no breakthrough in talks", "Devdiscourse", "Reuters", "Moscow"),
            (devdiscourse.Title, devdiscourse.Publisher, devdiscourse.Author, devdiscourse.Dateline));
        Assert.Equal("001_39b70f999dd8a1c4.txt", devdiscourse.FileName);
        Assert.Equal(devdiscourse.Text.Length, devdiscourse.Length);

        var untitled = await _client.GetAsync<SourceResponse>("/v1/sources/2021-12-08-ushakov-no-breakthroughs-online-summit");
        Assert.Equal((null, null, null), (untitled.Title, untitled.Publisher, untitled.Author));
        Assert.False(untitled.PublishedAtInferred);
    }

    [Fact]
    public async Task GetSourceText_AnswersPlainUtf8Text()
    {
        using var response = await _client.GetAsync("/v1/sources/2021-12-06-kremlin-ties-lamentable-ahead-of-video-call/text");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("“lamentable”", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
