using System.Net;
using System.Net.Http.Headers;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class HttpCachingTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/v1/events")]
    [InlineData("/v1/events/2021-12-07-biden-putin-video-call")]
    [InlineData("/v1/meetings?asOf=2021-12-06")]
    [InlineData("/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/text")]
    [InlineData("/v1/timeline?limit=3")]
    public async Task Get_AnswersAStrongETag_And304WhenItStillMatches(string url)
    {
        using var first = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());

        using var again = await _client.GetAsync(url);
        Assert.Equal(etag, again.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var weak = new HttpRequestMessage(HttpMethod.Get, url);
        weak.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true));
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(weak)).StatusCode);
    }

    [Fact]
    public async Task Get_WithAStaleETag_AnswersTheFullBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DifferentRequests_GetDifferentETags_AndErrorsGetNone()
    {
        using var a = await _client.GetAsync("/v1/events?limit=2");
        using var b = await _client.GetAsync("/v1/events?limit=3");
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);

        using var missing = await _client.GetAsync("/v1/events/no-such-event");
        Assert.Null(missing.Headers.ETag);
        using var bad = await _client.GetAsync("/v1/events?limit=0");
        Assert.Null(bad.Headers.ETag);
    }

    [Fact]
    public async Task CrossOriginGet_IsAllowedFromAnyOrigin_WithValidatorsExposed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events?limit=1");
        request.Headers.Add("Origin", "https://dashboard.example");
        using var response = await _client.SendAsync(request);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Contains("Link", exposed, StringComparison.Ordinal);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/events");
        preflight.Headers.Add("Origin", "https://dashboard.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var preflightResponse = await _client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, preflightResponse.StatusCode);
        Assert.Contains("GET", string.Join(',', preflightResponse.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Answers_AreCompressedWhenTheClientAccepts(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await _client.SendAsync(request);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.NotNull(response.Headers.ETag);
    }
}

public sealed class ConfiguredCorsTests
{
    [Fact]
    public async Task CorsOrigins_WhenConfigured_AllowOnlyThoseOrigins()
    {
        await using var app = new TimelineApiFactory();
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Http:CorsOrigins:0", "https://allowed.example"));
        var client = configured.CreateClient();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/v1/events?limit=1");
        allowed.Headers.Add("Origin", "https://allowed.example");
        Assert.Equal("https://allowed.example", Assert.Single((await client.SendAsync(allowed)).Headers.GetValues("Access-Control-Allow-Origin")));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/v1/events?limit=1");
        other.Headers.Add("Origin", "https://other.example");
        Assert.False((await client.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
