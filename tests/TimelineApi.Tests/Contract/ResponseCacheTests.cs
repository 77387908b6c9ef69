using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class ResponseCacheTests() : WriterTestBase(responseCache: true)
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

    private const string CallUrl = "/v1/events/2021-12-07-biden-putin-video-call";

    /// <summary>Changes an event's title in the database directly, as no API write would: the data version stays.</summary>
    private static async Task RetitleBehindTheApiAsync(TimelineApiFactory app, string title)
    {
        await using var connection = await app.OpenDatabaseAsync();
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteAsync(
            connection, "UPDATE events SET title = @title WHERE id = '2021-12-07-biden-putin-video-call';", new { title }));
    }

    [Fact]
    public async Task RepeatedRequest_IsServedFromTheCache_UntilAnApiWriteChangesTheDataVersion()
    {
        Assert.Equal("Biden–Putin video call", (await Client.GetAsync<TimelineApi.Events.EventResponse>(CallUrl)).Title);
        await RetitleBehindTheApiAsync(App, "Changed behind the API");

        // The endpoint is not run again: the cached answer still has the old title.
        Assert.Equal("Biden–Putin video call", (await Client.GetAsync<TimelineApi.Events.EventResponse>(CallUrl)).Title);

        // Any write through the API moves the data version, and the next answer is computed afresh.
        var other = "/v1/participants/jen-psaki";
        using var patched = await Client.SendJsonAsync(HttpMethod.Patch, other, """{"name": "Jen Psaki, edited"}""", Key, await Client.ETagOfAsync(other));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Changed behind the API", (await Client.GetAsync<TimelineApi.Events.EventResponse>(CallUrl)).Title);
    }

    // Exports stream whole lists and must not be buffered into the cache. (Under TestServer every
    // answer comes with a length, so the rule itself is what is tested here, on the app's own endpoints;
    // against a real server an export is sent chunked while a cached answer has a Content-Length.)
    [Theory]
    [InlineData("/v1/events", "/v1/events/", "format=ndjson", null, true)]
    [InlineData("/v1/events", "/v1/events/", "format=csv", null, true)]
    [InlineData("/v1/timeline/timelinejs", "/v1/timeline/timelinejs", "", null, true)]
    [InlineData("/v1/meetings.ics", "/v1/meetings.ics", "", null, true)]
    [InlineData("/v1/meetings/2022-01-09-us-russia-geneva-security-talks/calendar.ics", "/v1/meetings/{id}/calendar.ics", "", null, true)]
    [InlineData("/v1/statements", "/v1/statements/", "", "text/csv", true)]
    [InlineData("/v1/statements", "/v1/statements/", "", "application/x-ndjson", true)]
    [InlineData("/v1/statements", "/v1/statements/", "format=json", "text/csv", false)]
    [InlineData("/v1/events", "/v1/events/", "limit=3", "application/json", false)]
    [InlineData("/v1/meetings", "/v1/meetings/", "", null, false)]
    public void Exports_AreNeverBufferedForTheCache(string path, string route, string query, string? accept, bool export)
    {
        var http = new DefaultHttpContext();
        var endpoints = App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == route && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .ToList();
        http.SetEndpoint(Assert.Single(endpoints));
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query.Length > 0 ? "?" + query : "");
        if (accept is not null)
        {
            http.Request.Headers.Accept = accept;
        }

        Assert.Equal(export, TimelineApi.Http.ConditionalGetMiddleware.IsExport(http.Request));
    }

    [Fact]
    public async Task TheCacheCanBeTurnedOff()
    {
        using var off = App.WithWebHostBuilder(b => b.UseSetting("Http:ResponseCacheMegabytes", "0"));
        var client = off.CreateClient();
        Assert.Equal("Biden–Putin video call", (await client.GetAsync<TimelineApi.Events.EventResponse>(CallUrl)).Title);
        await RetitleBehindTheApiAsync(App, "Changed behind the API");
        Assert.Equal("Changed behind the API", (await client.GetAsync<TimelineApi.Events.EventResponse>(CallUrl)).Title);
    }
}
