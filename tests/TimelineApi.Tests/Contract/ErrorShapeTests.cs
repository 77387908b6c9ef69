using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>Every error answers RFC 9457 problem details that name what was wrong.</summary>
public sealed class ErrorShapeTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/v1/events/no-such-event", "event")]
    [InlineData("/v1/meetings/no-such-meeting", "meeting")]
    [InlineData("/v1/meetings/2021-12-07-ushakov-briefing-after-video-call", "meeting")] // an event, but not a meeting
    [InlineData("/v1/participants/no-such-person", "participant")]
    [InlineData("/v1/participants/no-such-person/events", "participant")]
    [InlineData("/v1/participants/no-such-person/statements", "participant")]
    [InlineData("/v1/statements/no-such-statement", "statement")]
    [InlineData("/v1/sources/no-such-source", "source")]
    [InlineData("/v1/sources/no-such-source/text", "source")]
    public async Task UnknownId_Answers404NamingIt(string url, string resource)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(resource, detail, StringComparison.Ordinal);
        Assert.Contains(url.Split('/')[3], detail, StringComparison.Ordinal);
    }

    /// <summary>Every error is a problem (RFC 9457) that says what to do, whatever media type the request asked for.</summary>
    [Theory]
    [InlineData("GET", "/v1/nothing-here", "text/csv", 404)]
    [InlineData("GET", "/nothing/at/all", "image/png", 404)]
    [InlineData("GET", "/v1/events/no-such-event", "text/html", 404)]
    [InlineData("DELETE", "/v1/meetings.ics", "text/calendar", 405)]
    [InlineData("PUT", "/v1/events", "application/xml", 405)]
    [InlineData("POST", "/v1/participants", "text/csv", 401)]
    [InlineData("GET", "/v1/events?limit=abc", "text/csv", 400)]
    [InlineData("GET", "/v1/events?format=", "application/x-ndjson", 400)]
    public async Task AnError_IsAProblem_WhateverTheAccept(string method, string url, string accept, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _client.SendAsync(request);
        var problem = await response.AssertProblemAsync((HttpStatusCode)status);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{method} {url}: no detail");
    }

    [Fact]
    public async Task UnknownRoute_Answers404ProblemDetails()
    {
        using var response = await _client.GetAsync("/v1/nothing-here");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadParameters => new()
    {
        { "/v1/events?limit=abc", "limit" },
        { "/v1/events?limit=-1", "limit" },
        { "/v1/events?cursor=not-a-cursor", "cursor" },
        { "/v1/events?cursor=WyJhIl0", "cursor" }, // valid base64url JSON, wrong shape
        { "/v1/events?from=yesterday", "from" },
        { "/v1/events?to=2021-13-40", "to" },
        { "/v1/events?kind=party", "kind" },
        { "/v1/events?status=rumoured", "status" },
        { "/v1/events?colour=red", "colour" },
        { "/v1/events?kind=call&kind=talks", "kind" },
        { "/v1/events?participant=%20-%20", "participant" },
        { "/v1/meetings?kind=statement", "kind" },
        { "/v1/meetings?asOf=2021-12-32", "asOf" },
        { "/v1/meetings/2021-12-07-biden-putin-video-call?asOf=soon", "asOf" },
        { "/v1/meetings/2021-12-07-biden-putin-video-call?limit=3", "limit" },
        { "/v1/participants?kind=robot", "kind" },
        { "/v1/participants/yuri-ushakov/events?participant=x", "participant" },
        { "/v1/participants/yuri-ushakov/statements?cursor=%%%", "cursor" },
        { "/v1/statements?from=2021-12-07T10:00", "from" }, // a time without its offset
        { "/v1/sources?to=nope", "to" },
        { "/v1/timeline?type=tweet", "type" },
        { "/v1/timeline?cursor=WyIyMDIxIiwiYm9vayIsIngiXQ", "cursor" },
        { "/v1/events?limit=", "limit" }, // a parameter given without a value: the schema takes none empty
        { "/v1/events?format=", "format" },
        { "/v1/events?sort=", "sort" },
        { "/v1/events?participant", "participant" },
        { "/v1/timeline?q=&limit=5", "q" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task BadParameter_Answers400NamingTheParameter(string url, string parameter)
    {
        var message = await _client.AssertBadParameterAsync(url, parameter);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task SeveralBadParameters_AreAllNamedInOneAnswer()
    {
        using var response = await _client.GetAsync("/v1/events?kind=party&limit=0&from=x");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.True(errors.TryGetProperty("limit", out _));
        Assert.True(errors.TryGetProperty("from", out _));
    }

    [Theory]
    [InlineData("/v1/events/'%20OR%201=1%20--")]
    [InlineData("/v1/events?participant=%27%3B%20DROP%20TABLE%20events%3B%20--")]
    [InlineData("/v1/participants?name=%25%25_%5C")]
    [InlineData("/v1/statements?event=%00%01")]
    public async Task HostileInput_NeverCausesAServerError(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        using var events = await _client.GetAsync("/v1/events");
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
    }

    [Fact]
    public async Task OverlongParameter_Answers400()
        => await _client.AssertBadParameterAsync("/v1/events?participant=" + new string('x', 600), "participant");

    // Inputs each valid on its own are never a 400 (the conformance suite holds every operation to that):
    // a range that ends before it starts selects nothing, and relevance without a search keeps the date order.
    [Fact]
    public async Task AnInvertedRange_SelectsNothing_AndRelevanceWithoutASearch_KeepsTheDateOrder()
    {
        var empty = await _client.GetAsync<TimelineApi.Common.Page<System.Text.Json.JsonElement>>("/v1/events?from=2022-01-10&to=2022-01-09");
        Assert.Empty(empty.Items);
        static async Task<string> ItemsAsync(HttpClient client, string url)
            => System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(url)).RootElement.GetProperty("items").GetRawText();
        Assert.Equal(await ItemsAsync(_client, "/v1/events?limit=5"), await ItemsAsync(_client, "/v1/events?limit=5&sort=relevance"));
    }
}
