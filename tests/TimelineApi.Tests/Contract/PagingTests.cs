using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class PagingTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string, string> Lists => new()
    {
        { "/v1/events", "id" },
        { "/v1/meetings", "id" },
        { "/v1/participants", "id" },
        { "/v1/statements", "id" },
        { "/v1/sources", "id" },
        { "/v1/timeline", "id" },
        { "/v1/participants/vladimir-putin/events", "id" },
        { "/v1/participants/yuri-ushakov/statements", "id" },
        { "/v1/meetings?asOf=2021-12-12", "id" },
        { "/v1/meetings?sort=-start", "id" },
        { "/v1/events?q=putin", "id" },
        { "/v1/search?q=putin", "id" },
        { "/v1/participants/vladimir-putin/counterparts?kind=call,summit,meeting,statement", "id" },
        { "/v1/meetings/2021-12-07-biden-putin-video-call/history", "source" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_WalkedInSmallPages_ReturnsEveryItemExactlyOnceInOrder(string url, string key)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var whole = await _client.GetAllPagesAsync<JsonElement>($"{url}{separator}limit=500");
        Assert.True(whole.Count > 1, "The list needs more than one item to test paging.");

        foreach (var limit in new[] { 1, 2, 3 })
        {
            var paged = await _client.GetAllPagesAsync<JsonElement>($"{url}{separator}limit={limit}");
            Assert.Equal(Keys(whole, key), Keys(paged, key));
        }
    }

    [Fact]
    public async Task List_WithoutLimit_UsesFiftyAndCapsAtFiveHundred()
    {
        var page = await _client.GetAsync<TimelineApi.Common.Page<JsonElement>>("/v1/timeline");
        Assert.Equal(42, page.Items.Count); // all of it: fewer than the default 50
        await _client.AssertBadParameterAsync("/v1/timeline?limit=501", "limit");
        await _client.AssertBadParameterAsync("/v1/timeline?limit=0", "limit");
    }

    private static List<string> Keys(List<JsonElement> items, string key)
        => [.. items.Select(i => (i.TryGetProperty("type", out var t) ? t.GetString() + ":" : "") + i.GetProperty(key).GetString())];
}
