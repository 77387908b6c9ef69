using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class ResponseCacheTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _app = new();
    private HttpClient _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        _key = await _app.CreateKeyAsync("editor");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/v1/events?limit=3")]
    [InlineData("/v1/events/2021-12-07-biden-putin-video-call")]
    [InlineData("/v1/timeline?participant=putin&limit=5")]
    public async Task RepeatedRequest_GetsTheSameAnswer_WithItsHeaders(string url)
    {
        using var first = await _client.GetAsync(url);
        using var second = await _client.GetAsync(url);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(first.Headers.Contains("Link"), second.Headers.Contains("Link"));
        if (first.Headers.Contains("Link"))
        {
            Assert.Equal(first.Headers.GetValues("Link"), second.Headers.GetValues("Link"));
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task AWrite_IsSeenAtOnce_NoCachedAnswerIsStale()
    {
        var url = "/v1/events/2021-12-30-biden-putin-phone-call";
        Assert.Equal(50, (await _client.GetAsync<TimelineApi.Events.EventResponse>(url)).DurationMinutes);
        var list = await _client.GetStringAsync("/v1/events?kind=call");

        using var patched = await _client.SendJsonAsync(HttpMethod.Patch, url, """{"durationMinutes": 51}""", _key, await _client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.Equal(51, (await _client.GetAsync<TimelineApi.Events.EventResponse>(url)).DurationMinutes);
        Assert.NotEqual(list, await _client.GetStringAsync("/v1/events?kind=call"));
    }

    [Fact]
    public async Task Exports_StreamAndAreNotCached()
    {
        var first = await _client.GetStringAsync("/v1/events?format=ndjson");
        Assert.Equal(first, await _client.GetStringAsync("/v1/events?format=ndjson"));
    }

    [Fact]
    public async Task TheCacheCanBeTurnedOff()
    {
        using var off = _app.WithWebHostBuilder(b => b.UseSetting("Http:ResponseCacheMegabytes", "0"));
        var client = off.CreateClient();
        Assert.Equal(await client.GetStringAsync("/v1/events"), await client.GetStringAsync("/v1/events"));
    }
}
