using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Import;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Search;

/// <summary>
/// A search costs what its budget allows, whatever is asked: it stops at its time (and when its client leaves), a
/// client has its own count of searches, and searches take their turn, so the other reads keep being answered.
/// </summary>
public sealed class SearchBudgetTests(SearchBudgetTests.Planted planted) : IClassFixture<SearchBudgetTests.Planted>
{
    /// <summary>Phrases over texts made of one word repeated: every phrase matches everywhere, the worst case for FTS5.</summary>
    private const string WorstSearch = "\"aa aa aa aa\" \"aa aa aa\" \"aa aa aa aa\" \"aa aa\"";

    private readonly TimelineApiFactory _app = planted.App;

    /// <summary>An app whose database holds ten sources of 160,000 words each, all one word, as a hostile writer could plant them.</summary>
    public sealed class Planted : IAsyncLifetime
    {
        public TimelineApiFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            var text = string.Join(' ', Enumerable.Repeat("aa", 160_000));
            var lines = Enumerable.Range(1, 10).Select(i =>
                new JsonObject { ["id"] = $"planted-{i}", ["title"] = "Planted", ["fileName"] = $"planted-{i}.txt", ["text"] = text }.ToJsonString());
            var summary = await App.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(string.Join('\n', lines)), "tests", null, CancellationToken.None);
            Assert.True(summary.Sources == 10, string.Join("; ", summary.Errors.Select(e => e.Error)));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task TheWorstSearch_StopsAtItsBudget_With422()
    {
        var client = _app.WithWebHostBuilder(b => b.UseSetting("Limits:SearchMilliseconds", "100")).CreateClient();
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(WorstSearch));
        clock.Stop();
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Limits:SearchMilliseconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events")).StatusCode);
    }

    [Fact]
    public async Task AClient_HasItsOwnCountOfSearches()
    {
        var client = _app.WithWebHostBuilder(b => b.UseSetting("Limits:SearchesPerMinute", "2")).CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/search?q=geneva")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events?q=geneva")).StatusCode);
        using var third = await client.GetAsync("/v1/statements?q=geneva");
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(third.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events")).StatusCode); // other reads count apart
    }

    [Fact]
    public async Task CostlyRequestsTakeTurns_AndASearchWithNoPlaceToWait_Answers503()
    {
        var app = _app.WithWebHostBuilder(b => b
            .UseSetting("Limits:ConcurrentCostly", "1").UseSetting("Limits:CostlyQueue", "0").UseSetting("Limits:ExtractionMilliseconds", "600000"));
        var client = app.CreateClient();
        var key = await _app.CreateKeyAsync("turns");

        // A report that takes seconds to read holds the one turn (started apart: the in-memory server runs a request
        // inline). Once it holds it, a search has no place to wait; until then the search may take the turn instead
        // (the report is then the one refused, and is sent again).
        var report = string.Concat(Enumerable.Repeat("President Joe Biden said on Tuesday. ", 13_000));
        HttpResponseMessage? refused = null;
        Task<HttpResponseMessage> slow = null!;
        for (var attempt = 0; refused is null && attempt < 10; attempt++)
        {
            var body = new JsonObject { ["id"] = $"turns-{attempt}", ["text"] = report }.ToJsonString();
            slow = Task.Run(() => client.SendJsonAsync(HttpMethod.Post, "/v1/sources", body, key));
            await Task.Delay(50 * (attempt + 1)); // time for the report to take the turn, longer after each miss
            while (!slow.IsCompleted && refused is null)
            {
                var other = await client.GetAsync("/v1/search?q=geneva");
                if (other.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    refused = other;
                }
                else
                {
                    other.Dispose();
                    await Task.Delay(20);
                }
            }
        }

        Assert.NotNull(refused);
        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.True(refused.Headers.RetryAfter is not null);
        refused.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/events")).StatusCode); // a read that is not costly does not wait
        using var written = await slow;
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
    }

    [Fact]
    public async Task ASearchWhoseClientLeft_Stops()
    {
        var app = _app.WithWebHostBuilder(b => b.UseSetting("Limits:SearchMilliseconds", "600000").UseSetting("Limits:ConcurrentCostly", "1"));
        var client = app.CreateClient();
        using (var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(WorstSearch), leave.Token));
        }

        // The abandoned search stopped and gave its turn back: the next one runs at once, not after the worst search's seconds.
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/search?q=geneva")).StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the next search waited {clock.Elapsed}");
    }
}
