using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class ResponseCacheTests : WriterTestBase
{

    [Theory]
    [InlineData("/v1/events?limit=3")]
    [InlineData("/v1/events/2021-12-07-biden-putin-video-call")]
    [InlineData("/v1/timeline?participant=putin&limit=5")]
    public async Task RepeatedRequest_GetsTheSameAnswer_WithItsHeaders(string url)
    {
        using var first = await Client.GetAsync(url);
        using var second = await Client.GetAsync(url);
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
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task AWrite_IsSeenAtOnce_NoCachedAnswerIsStale()
    {
        var url = "/v1/events/2021-12-30-biden-putin-phone-call";
        Assert.Equal(50, (await Client.GetAsync<TimelineApi.Events.EventResponse>(url)).DurationMinutes);
        var list = await Client.GetStringAsync("/v1/events?kind=call");

        using var patched = await Client.SendJsonAsync(HttpMethod.Patch, url, """{"durationMinutes": 51}""", Key, await Client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.Equal(51, (await Client.GetAsync<TimelineApi.Events.EventResponse>(url)).DurationMinutes);
        Assert.NotEqual(list, await Client.GetStringAsync("/v1/events?kind=call"));
    }

    [Fact]
    public async Task Exports_StreamAndAreNotCached()
    {
        var first = await Client.GetStringAsync("/v1/events?format=ndjson");
        Assert.Equal(first, await Client.GetStringAsync("/v1/events?format=ndjson"));
    }

    [Fact]
    public async Task TheCacheCanBeTurnedOff()
    {
        using var off = App.WithWebHostBuilder(b => b.UseSetting("Http:ResponseCacheMegabytes", "0"));
        var client = off.CreateClient();
        Assert.Equal(await client.GetStringAsync("/v1/events"), await client.GetStringAsync("/v1/events"));
    }
}
