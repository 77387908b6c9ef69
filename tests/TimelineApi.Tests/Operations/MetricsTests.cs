using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Operations;

/// <summary>
/// The metrics as Prometheus reads them: scraped over HTTP from a real server, checked by Prometheus' own
/// <c>promtool check metrics</c>, and answered to loopback clients only unless made public.
/// </summary>
public sealed class MetricsTests
{
    [SkippableFact]
    public async Task TheScrape_HoldsRequestDurationsPerRoute_AndTheApisOwnMeters_AndPromtoolAcceptsIt()
    {
        var promtool = OutsideTools.FindOnPath("promtool");
        OutsideTools.Require(promtool is not null, "promtool is not installed (Debian: apt-get install prometheus).");
        await using var app = TimelineApiFactory.WithResponseCache();
        var server = app.StartKestrel();
        using var client = new HttpClient { BaseAddress = new Uri(server) };
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/v1/events?kind=call")).EnsureSuccessStatusCode(); // a miss, then hits
        }

        using var scrape = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/v1/events/?"[^}]*\} \d+""", text);
        Assert.Matches("""timeline_response_cache_requests_total\{[^}]*result="hit"[^}]*\} [1-9]""", text);
        Assert.Contains("kestrel_active_connections", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);

        var file = Path.Combine(Path.GetTempPath(), $"metrics-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var (exitCode, output) = await OutsideTools.RunAsync("/bin/sh", ["-c", $"\"{promtool}\" check metrics < \"{file}\""], TimeSpan.FromSeconds(30));
            Assert.True(exitCode == 0, $"promtool check metrics: {output}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(false, HttpStatusCode.NotFound)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task TheScrape_IsAnsweredToAnotherAddress_OnlyWhenMadePublic(bool isPublic, HttpStatusCode expected)
    {
        await using var app = new TimelineApiFactory();
        var remote = app.WithWebHostBuilder(b => b
            .UseSetting("Metrics:Public", isPublic ? "true" : "false")
            .ConfigureServices(s => s.AddSingleton<IStartupFilter, FromAnotherAddress>()));
        using var scrape = await remote.CreateClient().GetAsync("/metrics");
        Assert.Equal(expected, scrape.StatusCode);
    }

    /// <summary>Every request as if it came from a documentation address (RFC 5737), not from this machine.</summary>
    private sealed class FromAnotherAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate after) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return after(http);
            });
            next(app);
        };
    }
}
