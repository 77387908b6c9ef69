using System.Net;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Browsers;

/// <summary>
/// A dashboard on another origin, in a real browser: keyed writes through CORS preflights, with the
/// headers a script needs readable. And HEAD, answered by the real server like GET, without a body.
/// </summary>
public sealed class CrossOriginTests : IAsyncLifetime
{
    private const string Script = """
        async ({ api, key }) => {
          const log = [];
          const auth = { 'Authorization': 'Bearer ' + key };
          const at = api + '/v1/participants/osce-chair';
          let r = await fetch(api + '/v1/participants', {
            method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ id: 'osce-chair', name: 'OSCE Chairperson', kind: 'person' }) });
          log.push({ step: 'POST', status: r.status, location: r.headers.get('Location'), etag: r.headers.get('ETag') });
          r = await fetch(at);
          const etag = r.headers.get('ETag');
          const read = await r.json();
          log.push({ step: 'GET', status: r.status, etag });
          read.aliases = [{ name: 'Chairperson-in-Office', source: null }];
          r = await fetch(at, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': etag }, body: JSON.stringify(read) });
          const etag2 = r.headers.get('ETag');
          log.push({ step: 'PUT', status: r.status, etag: etag2 });
          r = await fetch(at, { method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': etag }, body: '{"name": "stale"}' });
          log.push({ step: 'PATCH with a stale ETag', status: r.status });
          r = await fetch(at, { method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/merge-patch+json', 'If-Match': etag2 }, body: '{"name": "OSCE Chair"}' });
          const etag3 = r.headers.get('ETag');
          log.push({ step: 'PATCH', status: r.status, etag: etag3 });
          r = await fetch(api + '/v1/participants?limit=1');
          log.push({ step: 'LIST', status: r.status, link: r.headers.get('Link') });
          r = await fetch(at, { method: 'DELETE', headers: { ...auth, 'If-Match': etag3 } });
          log.push({ step: 'DELETE', status: r.status });
          return JSON.stringify(log);
        }
        """;

    [SkippableFact]
    public async Task ADashboardOnAnAllowedOrigin_CreatesReadsEditsAndDeletes_WithItsKey()
    {
        var (api, key, browser) = await StartAsync(allowedOrigin: port => $"http://localhost:{port}");
        await using var _ = browser;

        string log;
        try
        {
            log = await browser.Page.EvaluateAsync<string>(Script, new { api, key });
        }
        catch (Microsoft.Playwright.PlaywrightException e)
        {
            throw new InvalidOperationException($"{e.Message}; browser errors: {string.Join(" | ", browser.Errors)}; blocked: {string.Join(", ", browser.ForeignRequests)}", e);
        }

        var steps = JsonDocument.Parse(log).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("step").GetString()!);
        Assert.Equal(201, steps["POST"].GetProperty("status").GetInt32());
        Assert.EndsWith("/v1/participants/osce-chair", steps["POST"].GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(steps["GET"].GetProperty("etag").GetString()), "the ETag header is not readable from script");
        Assert.Equal(200, steps["PUT"].GetProperty("status").GetInt32());
        Assert.Equal(412, steps["PATCH with a stale ETag"].GetProperty("status").GetInt32());
        Assert.Equal(200, steps["PATCH"].GetProperty("status").GetInt32());
        Assert.Contains("rel=\"next\"", steps["LIST"].GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(204, steps["DELETE"].GetProperty("status").GetInt32());

        // The browser logs failed loads as console errors: the deliberate 412, and the favicon the API does not have.
        Assert.All(browser.FailedResponses, r => Assert.True(r == $"412 {api}/v1/participants/osce-chair" || r.EndsWith("/favicon.ico", StringComparison.Ordinal), r));
        Assert.All(browser.Errors, e => Assert.Matches(@"^console error: Failed to load resource: the server responded with a status of (412|404) ", e));
        Assert.Empty(browser.ForeignRequests);
    }

    [SkippableFact]
    public async Task AnOriginNotAllowed_CannotWrite()
    {
        var (api, key, browser) = await StartAsync(allowedOrigin: _ => "https://allowed.example");
        await using var _ = browser;
        var outcome = await browser.Page.EvaluateAsync<string>("""
            async ({ api, key }) => {
              try {
                await fetch(api + '/v1/participants', { method: 'POST', headers: { 'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json' },
                  body: JSON.stringify({ id: 'blocked', name: 'Blocked', kind: 'person' }) });
                return 'sent';
              } catch (e) { return 'blocked'; }
            }
            """, new { api, key });
        Assert.Equal("blocked", outcome);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(api + "/v1/participants/blocked")).StatusCode);
    }

    private readonly List<IAsyncDisposable> _apps = [];

    /// <summary>
    /// Starts the API on 127.0.0.1 with one allowed origin, and a browser on a page of another origin,
    /// http://localhost on the same port: a real answer from a loopback server, as a dashboard served
    /// next to the API would be (a page the test made up would count as public, and Chromium keeps public
    /// pages from loopback addresses whatever CORS says).
    /// </summary>
    private async Task<(string Api, string Key, Browser Browser)> StartAsync(Func<int, string> allowedOrigin)
    {
        var port = KestrelHosting.FreePort();
        var root = new TimelineApiFactory();
        var app = root.WithWebHostBuilder(b => b.UseSetting("Http:CorsOrigins:0", allowedOrigin(port)));
        _apps.Add(root);
        _apps.Add(app);
        var api = app.StartKestrel(port);
        var key = await app.CreateKeyAsync("dashboard");
        var page = $"http://localhost:{port}";
        var browser = await Browser.LaunchAsync(bypassCsp: true, page, api);
        await browser.Page.GotoAsync(page + "/health");
        return (api, key, browser);
    }

    [Theory]
    [InlineData("/v1/events?limit=2")]
    [InlineData("/v1/events/2021-12-07-biden-putin-video-call")]
    [InlineData("/v1/meetings.ics")]
    [InlineData("/v1/meetings/2022-01-09-us-russia-geneva-security-talks/calendar.ics")]
    [InlineData("/v1/timeline/timelinejs")]
    [InlineData("/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/text")]
    [InlineData("/v1/statements?format=csv")]
    [InlineData("/v1/events/no-such-event")]
    [InlineData("/health")]
    public async Task Head_AnswersLikeGet_WithoutABody(string url)
    {
        await using var app = new TimelineApiFactory();
        using var client = new HttpClient { BaseAddress = new Uri(app.StartKestrel()) };
        await client.AssertHeadLikeGetAsync(url);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.DisposeAsync();
        }
    }
}
