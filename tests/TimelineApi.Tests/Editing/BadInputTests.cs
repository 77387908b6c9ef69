using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>Hostile and broken requests: none may cause a 5xx, and the server keeps answering.</summary>
public sealed class BadInputTests() : WriterTestBase("fuzzer")
{

    public static TheoryData<string, string> Bodies => new()
    {
        { "malformed JSON", "{\"title\": \"unterminated" },
        { "trailing garbage", "{} {}" },
        { "wrong types", """{"title": 42, "kind": ["call"], "status": {"a": 1}, "start": true}""" },
        { "numbers out of range", """{"title": "t", "kind": "call", "status": "held", "durationMinutes": 99999999999999}""" },
        { "huge string", "{\"title\": \"" + new string('a', 200_000) + "\", \"kind\": \"call\", \"status\": \"held\"}" },
        { "invalid dates", """{"title": "t", "kind": "call", "status": "held", "start": "2021-02-30", "end": "2021-13-01T25:61:00+99:00"}""" },
        { "control characters", "{\"title\": \"a\\u0000b\\u001b[31m\", \"kind\": \"call\", \"status\": \"held\", \"summary\": \"\\u0008\"}" },
        { "SQL metacharacters", """{"id": "x'); DROP TABLE events; --", "title": "'; DELETE FROM events; --", "kind": "call' OR '1'='1", "status": "held"}""" },
        { "deep nesting", new string('[', 5000) + new string(']', 5000) },
        { "deep object", "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 41) },
        { "lone surrogate", "{\"title\": \"\\ud800\", \"kind\": \"call\", \"status\": \"held\"}" },
        { "empty", "" },
        { "null", "null" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task BrokenBodies_Answer4xx_AndTheServerKeepsAnswering(string name, string body)
    {
        foreach (var (method, url) in new[] { ("POST", "/v1/events"), ("POST", "/v1/statements"), ("PATCH", "/v1/participants/joe-biden") })
        {
            using var response = await Client.SendJsonAsync(new HttpMethod(method), url, body, Key, "*");
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}, {method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var health = await Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(17, (await Client.GetAllPagesAsync<TimelineApi.Events.EventResponse>("/v1/events?limit=500")).Count);
    }

    [Theory]
    [InlineData("""{"name": "x",}""", "a trailing comma")]
    [InlineData("""{"name": tru}""", "'tru' is not a JSON value")]
    [InlineData("""{"name": Biden}""", "'Biden' is not a JSON value")]
    [InlineData("""{"name": "x" "kind": "person"}""", "a comma is missing")]
    [InlineData("{\"name\": \"x\" // the name\n}", "starts a comment")]
    [InlineData("""{'name': 'x'}""", "double quotes")]
    [InlineData("{\"name\": \"x\"", "ends before")]
    public async Task MalformedJson_Answers400_SayingWhatIsWrongInTheApisWords(string body, string said)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, "/v1/participants", body, Key);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString()!;
        Assert.Contains(said, message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", message.Replace("line 2", "line 1", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public static TheoryData<string> Queries => new()
    {
        "/v1/events?cursor=" + new string('A', 400),
        "/v1/events?cursor=%FF%FE",
        "/v1/events?from=%00",
        "/v1/events?q=%22%22%22%22",
        "/v1/events?participant=%E2%80%AE%F0%9F%92%A5",
        "/v1/statements?q=" + Uri.EscapeDataString("NEAR(\"a\" \"b\", 2) OR col:x"),
        "/v1/changes?since=99999999999999999999999",
        "/v1/meetings?asOf=0000-00-00",
        "/v1/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task BrokenQueries_NeverCauseAServerError(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task OversizeBody_Answers413()
    {
        var body = "{\"text\": \"" + new string('x', 1_100_000) + "\"}";
        using var response = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sources", body, Key);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task NonJsonBody_Answers415()
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sources", "<source/>", Key, contentType: "application/xml");
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class LimitsTests
{
    [Fact]
    public async Task Writes_BeyondTheLimit_Answer429WithRetryAfter()
    {
        await using var root = new TimelineApiFactory();
        using var app = root.WithWebHostBuilder(b => b.UseSetting("Limits:WritesPerMinute", "3"));
        var key = (await app.Services.GetRequiredService<TimelineApi.Auth.ApiKeyStore>().CreateAsync("busy", "write", CancellationToken.None))!;
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources", $$"""{"id": "s-{{i}}", "text": "Text {{i}}."}""", key);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // Reads have their own allowance.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/sources")).StatusCode);
    }

    [Fact]
    public async Task Reads_BeyondTheLimit_Answer429PerClient()
    {
        await using var root = new TimelineApiFactory();
        using var app = root.WithWebHostBuilder(b => b.UseSetting("Limits:ReadsPerMinute", "2"));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events")).StatusCode);
        using var limited = await client.GetAsync("/v1/events");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);

        // A balancer's health checks are never refused.
        foreach (var check in new[] { "/health", "/health/live", "/health/ready" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(check)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/v1/events")]
    [InlineData("/v1/events/no-such-event")]
    [InlineData("/health")]
    public async Task EveryAnswer_CarriesSecurityHeaders(string url)
    {
        await using var app = new TimelineApiFactory();
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
