using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Import;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>Answers are never stale: the data version comes from the database, whoever wrote to it.</summary>
public sealed class FreshnessTests
{
    [Fact]
    public async Task AWriteByAnotherProcess_IsSeenByTheNextRequest_WithTheResponseCacheOn()
    {
        await using var api = TimelineApiFactory.WithResponseCache();
        var client = api.CreateClient();
        const string Url = "/v1/events?sort=-start&limit=1";
        var before = await client.GetStringAsync(Url);
        Assert.Equal(before, await client.GetStringAsync(Url)); // now cached

        // Another instance over the same file: its own memory, as the `import` command run on its own has.
        await using (var other = TimelineApiFactory.ForDatabase(api.DatabasePath))
        {
            _ = other.Server;
            var line = """{"id": "2030-01-01-later-talks", "title": "Later talks", "kind": "talks", "status": "scheduled", "start": "2030-01-01"}""";
            var summary = await other.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(line), "importer", null, CancellationToken.None);
            Assert.Equal(1, summary.Imported);
        }

        var after = JsonDocument.Parse(await client.GetStringAsync(Url)).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal("2030-01-01-later-talks", after);
    }

    [Fact]
    public async Task Answers_ThatFollowAccept_SayThatTheyVaryByIt()
    {
        await using var api = TimelineApiFactory.WithResponseCache();
        var client = api.CreateClient();
        foreach (var _ in new[] { 1, 2 }) // computed, then from the cache
        {
            using var response = await client.GetAsync("/v1/events?limit=2");
            Assert.Contains("Accept", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task IfNoneMatchAny_Is304ForWhatExists_And404ForWhatDoesNot()
    {
        await using var api = new TimelineApiFactory();
        var client = api.CreateClient();
        using var known = new HttpRequestMessage(HttpMethod.Get, "/v1/events/2021-12-07-biden-putin-video-call");
        known.Headers.TryAddWithoutValidation("If-None-Match", "*");
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(known)).StatusCode);

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/v1/events/no-such-event");
        unknown.Headers.TryAddWithoutValidation("If-None-Match", "*");
        await (await client.SendAsync(unknown)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheRequestsHost_NeverComesBack_InLinksACacheCouldKeep()
    {
        await using var api = TimelineApiFactory.WithResponseCache();
        var client = api.CreateClient();
        foreach (var host in new[] { "evil.example", "a.example", "evil.example" })
        {
            foreach (var url in new[] { "/v1/events?limit=1", "/v1/timeline/timelinejs?participant=putin", "/v1/timeline/timelinejs" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Host = host;
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var answer = string.Join('\n', response.Headers.Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")) + await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(host, answer, StringComparison.Ordinal);
            }

            using var page = new HttpRequestMessage(HttpMethod.Get, "/v1/events?limit=1") { Headers = { Host = host } };
            Assert.StartsWith("</v1/events?", Assert.Single((await client.SendAsync(page)).Headers.GetValues("Link")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithAPublicBaseUrl_LinksAreAbsolute_UnderIt()
    {
        await using var app = new TimelineApiFactory();
        var client = app.WithWebHostBuilder(b => b.UseSetting("Http:PublicBaseUrl", "https://timeline.example.org/")).CreateClient();
        using var response = await client.GetAsync("/v1/events?limit=1");
        Assert.StartsWith("<https://timeline.example.org/v1/events?", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
        Assert.Contains("https://timeline.example.org/v1/sources/", await client.GetStringAsync("/v1/timeline/timelinejs"), StringComparison.Ordinal);
    }
}
