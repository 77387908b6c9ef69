using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Extraction;

/// <summary>
/// Reading a report for suggestions costs what its budget allows, whatever the report: text crafted to be slow reads
/// in time that grows with its length, the reading stops at its time and when its client leaves, and readings take turns.
/// </summary>
public sealed class ExtractionBudgetTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _app = new();
    private string _key = null!;

    public async Task InitializeAsync() => _key = await _app.CreateKeyAsync("reader");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Reports a hostile writer could craft under the size limit: many quotes, one endless sentence of dates, many short sentences.</summary>
    public static TheoryData<string, string> Crafted => new()
    {
        { "quotes", string.Concat(Enumerable.Repeat("\"a ", 100_000)) },
        { "one sentence of dates", string.Concat(Enumerable.Repeat("He met Putin on 7 December 2021 in Geneva, “talks” and more; ", 4_000)) },
        { "short sentences", string.Concat(Enumerable.Repeat("President Joe Biden said on Tuesday. ", 13_000)) },
        { "names after courtesy titles", string.Concat(Enumerable.Repeat("Mr. Thapa met Mrs. Sethi on Tuesday. ", 12_000)) },
        { "rounds of one series", string.Concat(Enumerable.Repeat("The previous round was held in Ankara on Oct. 12, the next day. ", 7_000)) },
    };

    [Theory]
    [MemberData(nameof(Crafted))]
    public async Task ACraftedReport_IsReadWithinItsBudget(string label, string text)
    {
        var client = _app.CreateClient();
        var clock = Stopwatch.StartNew();
        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources", text, _key, contentType: "text/plain");
        clock.Stop();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{label} ({text.Length} characters) took {clock.Elapsed}"); // minutes when it grew with the square
    }

    [Fact]
    public async Task AReadingPastItsTime_Stops_TheSourceStays_AndSaysHowToReadItAgain()
    {
        var client = _app.WithWebHostBuilder(b => b.UseSetting("Limits:ExtractionMilliseconds", "100")).CreateClient();
        var text = string.Concat(Enumerable.Repeat("President Joe Biden said on Tuesday. ", 13_000)); // seconds of reading
        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources", text, _key, contentType: "text/plain");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = string.Join(", ", created.Headers.GetValues("Link"));
        Assert.Contains("rel=\"extract\"", link, StringComparison.Ordinal);
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/sources/{id}")).StatusCode);

        using var again = await client.SendJsonAsync(HttpMethod.Post, $"/v1/sources/{id}/extract", null, _key);
        var problem = await again.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Limits:ExtractionMilliseconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadingWhoseClientLeft_Stops_AndGivesItsTurnBack()
    {
        var client = _app.WithWebHostBuilder(b => b.UseSetting("Limits:ExtractionMilliseconds", "600000").UseSetting("Limits:ConcurrentCostly", "1")).CreateClient();
        var slow = string.Concat(Enumerable.Repeat("President Joe Biden said on Tuesday. ", 13_000)); // seconds of reading
        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources", """{"id": "short", "text": "A short report."}""", _key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        using var abandoned = new HttpRequestMessage(HttpMethod.Post, "/v1/sources") { Content = JsonContent.Create(new { id = "slow", text = slow }) };
        abandoned.Headers.Authorization = new("Bearer", _key);
        var answered = await Record.ExceptionAsync(async () =>
        {
            using var response = await client.SendAsync(abandoned, leave.Token);
            Assert.Fail($"answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        });
        Assert.True(answered is OperationCanceledException, answered?.Message);

        var clock = Stopwatch.StartNew();
        using var next = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources/short/extract", null, _key);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the next reading waited {clock.Elapsed}");
    }
}
