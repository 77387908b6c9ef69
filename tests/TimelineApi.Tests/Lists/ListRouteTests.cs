using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Lists;

/// <summary>
/// Every list route, driven from one shared list: empty, one and many results in each format, an
/// exactly full last page, and cursors carried to another filter or sort. Answers are read as raw JSON
/// and CSV, not into the API's own types.
/// </summary>
public sealed class ListRouteTests(ListRouteFixture fixture) : IClassFixture<ListRouteFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<ListRoute> Routes => ListRoutes.Theory();

    [Fact]
    public async Task TheSharedList_HoldsEveryListOperationTheApiServes()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var lists = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject())
            .Where(op => op.Value!["parameters"]?.AsArray().Any(p => (string?)p!["name"] == "cursor") == true)
            .Select(op => (string)op.Value!["operationId"]!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(lists, ListRoutes.All.Select(r => r.OperationId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Total_CountsTheItemsOfAllPages_OnEveryPageAndInEveryFormat(ListRoute route)
    {
        foreach (var query in new[] { route.ManyQuery, route.EmptyQuery }.OfType<string>())
        {
            var all = (await GetJsonAsync(route.Url(query, "limit=500")))["items"]!.AsArray().Count;
            var page = await GetJsonAsync(route.Url(query, "limit=1", "total=true"));
            Assert.Equal(all, (int)page["total"]!);
            if ((string?)page["next"] is { } cursor)
            {
                Assert.Equal(all, (int)(await GetJsonAsync(route.Url(query, "limit=1", "total=true", "cursor=" + Uri.EscapeDataString(cursor))))["total"]!);
            }

            Assert.Null((await GetJsonAsync(route.Url(query, "limit=1")))["total"]);
            using var csv = await Client.GetAsync(route.Url(query, "format=csv", "total=true"));
            Assert.Equal(all.ToString(CultureInfo.InvariantCulture), Assert.Single(csv.Headers.GetValues("X-Total-Count")));
        }
    }

    [Theory]
    [InlineData("/v1/events?participant=Putin")]
    [InlineData("/v1/events?q=sanctions")]
    [InlineData("/v1/events?status=held&from=2021-12&kind=call,talks")]
    [InlineData("/v1/events?topic=ukraine&to=2021-12-31")]
    [InlineData("/v1/meetings?participant=joe-biden&status=proposed")]
    [InlineData("/v1/statements?participant=Peskov&from=2021-12-07")]
    [InlineData("/v1/statements?q=breakthrough")]
    [InlineData("/v1/participants/vladimir-putin/events?kind=call")]
    public async Task Total_OfAFilteredList_IsWhatItsPagesHold(string url)
    {
        var all = (await GetJsonAsync(url + "&limit=500"))["items"]!.AsArray().Count;
        Assert.True(all > 0, url);
        Assert.Equal(all, (int)(await GetJsonAsync(url + "&limit=1&total=true"))["total"]!);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EmptyResult_AnswersAnEmptyList_InEveryFormat(ListRoute route)
    {
        if (route.EmptyQuery is null)
        {
            return; // this list cannot be empty for an item that exists (a meeting always has its first report)
        }

        var page = await GetJsonAsync(route.Url(route.EmptyQuery));
        Assert.Empty(page["items"]!.AsArray());
        Assert.Null(page["next"]);

        var (header, rows) = await GetCsvAsync(route.Url(route.EmptyQuery, "format=csv"));
        Assert.NotEmpty(header);
        Assert.Empty(rows);

        Assert.Empty(await GetNdjsonAsync(route.Url(route.EmptyQuery, "format=ndjson")));
    }

    [Fact]
    public async Task EmptyTimeline_AnswersAnEmptyTimelineJsDocument()
    {
        foreach (var query in new[] { "from=2030-01", "q=zzzz", "topic=zzz", "participant=narendra-modi&type=statement" })
        {
            using var response = await Client.GetAsync("/v1/timeline/timelinejs?" + query);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Empty(JsonNode.Parse(body)!["events"]!.AsArray());
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ManyResults_AreTheSameItems_InEveryFormat_AndAcrossPages(ListRoute route)
    {
        var whole = await GetJsonAsync(route.Url(route.ManyQuery, "limit=500"));
        var ids = KeysOf(route, whole["items"]!.AsArray());
        Assert.True(ids.Count > 1, $"{route}: the seed gives {ids.Count} items; the test needs several.");
        Assert.Null(whole["next"]);

        var paged = new List<string>();
        string? next = route.Url(route.ManyQuery, "limit=2");
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages <= ids.Count, "Paging does not end.");
            using var response = await Client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            paged.AddRange(KeysOf(route, items));
            next = (string?)page["next"] is { } cursor ? route.Url(route.ManyQuery, "limit=2", "cursor=" + Uri.EscapeDataString(cursor)) : null;
            Assert.Equal(next is not null, response.Headers.Contains("Link"));
        }

        Assert.Equal(ids, paged);

        var (header, rows) = await GetCsvAsync(route.Url(route.ManyQuery, "format=csv"));
        Assert.Equal(ids.Count, rows.Count);
        var idColumn = Array.IndexOf(header, route.KeyColumn);
        Assert.True(idColumn >= 0, $"{route}: the CSV has no id column: {string.Join(',', header)}");
        Assert.Equal(ids, rows.Select(r => r[idColumn]).ToList());

        var lines = await GetNdjsonAsync(route.Url(route.ManyQuery, "format=ndjson"));
        Assert.Equal(ids, KeysOf(route, lines));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task OneResult_AndAnExactlyFullLastPage_EndWithoutANextLink(ListRoute route)
    {
        var all = KeysOf(route, (await GetJsonAsync(route.Url(route.ManyQuery, "limit=500")))["items"]!.AsArray());

        var first = await GetJsonAsync(route.Url(route.ManyQuery, "limit=1"));
        Assert.Single(first["items"]!.AsArray());
        Assert.NotNull(first["next"]);

        using var full = await Client.GetAsync(route.Url(route.ManyQuery, $"limit={all.Count}"));
        var page = JsonNode.Parse(await full.Content.ReadAsStringAsync())!;
        Assert.Equal(all, KeysOf(route, page["items"]!.AsArray()));
        Assert.Null(page["next"]);
        Assert.False(full.Headers.Contains("Link"));

        var (_, rows) = await GetCsvAsync(route.Url(route.ManyQuery, "limit=1", "format=csv"));
        Assert.Single(rows);
        Assert.Single(await GetNdjsonAsync(route.Url(route.ManyQuery, "limit=1", "format=ndjson")));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ACursor_CarriedToAnotherFilter_IsRefused(ListRoute route)
    {
        var first = await GetJsonAsync(route.Url(route.ManyQuery, "limit=1"));
        var cursor = Uri.EscapeDataString((string)first["next"]!);

        using var same = await Client.GetAsync(route.Url(route.ManyQuery, "limit=1", "cursor=" + cursor, "format=csv"));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);

        await Client.AssertBadParameterAsync(route.Url(route.OtherFilter, "limit=1", "cursor=" + cursor), "cursor");
        await Client.AssertBadParameterAsync(ListRoutes.All.First(r => r != route).Url("cursor=" + cursor), "cursor");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Head_AnswersLikeGet_WithoutABody(ListRoute route)
    {
        await Client.AssertHeadLikeGetAsync(route.Url(route.ManyQuery, "limit=1"));
        await Client.AssertHeadLikeGetAsync(route.Url(route.ManyQuery, "format=csv"));
    }

    [Theory]
    [InlineData("/v1/events?sort=-start&limit=1", "/v1/events?sort=start&limit=1")]
    [InlineData("/v1/timeline?sort=-start&limit=1", "/v1/timeline?limit=1")]
    [InlineData("/v1/statements?sort=-date&limit=1", "/v1/statements?limit=1")]
    public async Task ACursor_CarriedToAnotherSort_IsRefused(string issuer, string other)
    {
        var cursor = Uri.EscapeDataString((string)(await GetJsonAsync(issuer))["next"]!);
        await Client.AssertBadParameterAsync($"{other}&cursor={cursor}", "cursor");
    }

    private async Task<JsonNode> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    private async Task<(string[] Header, List<string[]> Rows)> GetCsvAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new CsvHelper.CsvReader(new StringReader(body), new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            BadDataFound = bad => Assert.Fail($"GET {url}: bad CSV at row {bad.Context.Parser?.Row}: {bad.RawRecord}"),
        });
        var records = new List<string[]>();
        while (await reader.ReadAsync())
        {
            records.Add(reader.Parser.Record!);
        }

        return (records[0], records.Skip(1).ToList());
    }

    private async Task<List<JsonNode>> GetNdjsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];
    }

    /// <summary>The member that tells the items apart, as text (as a CSV cell holds it).</summary>
    private static List<string> KeysOf(ListRoute route, IEnumerable<JsonNode?> items)
        => [.. items.Select(item => item![route.KeyColumn]!.ToString())];
}
