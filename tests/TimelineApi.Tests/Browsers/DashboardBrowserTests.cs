using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Browsers;

/// <summary>
/// The dashboard at <c>/</c> in Chromium over a real server: it loads with no error and no request outside the
/// API's origin, shows every dated seeded event, filters every panel by a facet's bar to the API's count for it,
/// opens a statement's source with exactly the quoted words highlighted, shows an edit made by another client
/// without a reload, and passes axe-core with no serious or critical violation.
/// </summary>
public sealed class DashboardBrowserTests
{
    [SkippableFact]
    public async Task TheDashboard_ShowsTheSeed_FiltersByAFacet_OpensSources_AndFollowsEdits()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var page = browser.Page;

        await page.GotoAsync(origin + "/");
        var ready = await DashboardPage.WaitForRenderAsync(page, null);
        await page.WaitForFunctionAsync("() => document.getElementById('live-dot').classList.contains('on')");

        // Every dated seeded event is on the timeline; the undated ones are listed apart.
        var events = JsonDocument.Parse(await client.GetStringAsync("/v1/timeline?type=event&limit=500")).RootElement.GetProperty("items").EnumerateArray().ToList();
        var dated = events.Where(e => e.GetProperty("date").ValueKind == JsonValueKind.String).Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        var undated = events.Where(e => e.GetProperty("date").ValueKind != JsonValueKind.String).Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(dated, (await DashboardPage.IdsAsync(page, "#timeline .tl-event")).Order(StringComparer.Ordinal));
        Assert.Equal(undated, (await DashboardPage.IdsAsync(page, "#undated li[data-id]")).Order(StringComparer.Ordinal));
        Assert.NotEmpty(undated);

        // A facet bar filters every panel, and the filter goes into the URL.
        var bar = page.Locator("#facet-kind .bar[data-value='call']");
        var count = int.Parse(await bar.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await bar.Locator("rect").ClickAsync();
        ready = await DashboardPage.WaitForRenderAsync(page, ready);
        Assert.Contains("kind=call", page.Url, StringComparison.Ordinal);
        var calls = JsonDocument.Parse(await client.GetStringAsync("/v1/timeline?type=event&kind=call&limit=500")).RootElement.GetProperty("items").GetArrayLength();
        Assert.Equal(calls, count);
        Assert.Equal(count, (await DashboardPage.IdsAsync(page, "#timeline .tl-event")).Count + (await DashboardPage.IdsAsync(page, "#undated li[data-id]")).Count);
        Assert.Equal(
            JsonDocument.Parse(await client.GetStringAsync("/v1/meetings?kind=call&limit=200")).RootElement.GetProperty("items").GetArrayLength(),
            await page.Locator("#meetings tbody tr").CountAsync());
        await page.ClickAsync("#clear-filters");
        ready = await DashboardPage.WaitForRenderAsync(page, ready);

        // A statement found by full-text search opens its source with the quoted words highlighted at its span.
        await page.FillAsync("#q", "lamentable");
        await page.ClickAsync("#statement-search button");
        ready = await DashboardPage.WaitForRenderAsync(page, ready);
        var first = page.Locator("#statements li button").First;
        Assert.Contains("lamentable", await first.Locator("mark").First.TextContentAsync() ?? "", StringComparison.OrdinalIgnoreCase);
        var statementId = await first.GetAttributeAsync("data-id");
        await first.ClickAsync();
        await page.WaitForSelectorAsync("#quote");
        var statement = JsonDocument.Parse(await client.GetStringAsync($"/v1/statements/{statementId}")).RootElement;
        Assert.Equal(statement.GetProperty("text").GetString(), await page.Locator("#quote").TextContentAsync());

        // The page over the seed, with a statement's source open: kept as the test's artifact.
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Console.WriteLine($"Dashboard screenshot: {screenshot}");

        // An edit made through the API by someone else shows in the open page, without a reload.
        var key = await app.CreateKeyAsync("elsewhere");
        using (var edited = await client.SendJsonAsync(HttpMethod.Patch, "/v1/events/2022-01-12-nato-russia-session", """{"title": "NATO–Russia Council, as edited elsewhere"}""", key, "*", "application/merge-patch+json"))
        {
            Assert.True(edited.IsSuccessStatusCode);
        }

        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#timeline .tl-event text')].some(t => t.textContent === 'NATO–Russia Council, as edited elsewhere')",
            null, new() { Timeout = 5_000 });

        Assert.True(browser.Errors.Count == 0, $"Errors: {string.Join(" | ", browser.Errors)}");
        Assert.True(browser.FailedResponses.Count == 0, $"Failed: {string.Join(" | ", browser.FailedResponses)}");
        Assert.True(browser.ForeignRequests.Count == 0, $"Requests outside the API: {string.Join(", ", browser.ForeignRequests)}");
    }

    [SkippableFact]
    public async Task AParticipantFilteredLink_FillsEveryPanel_WithNoFailedRequest()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var page = browser.Page;

        await page.GotoAsync(origin + "/?participant=yuri-ushakov");
        await DashboardPage.WaitForRenderAsync(page, null);

        Assert.Equal(0, await page.Locator(".panel-error").CountAsync());
        Assert.NotEmpty(await DashboardPage.IdsAsync(page, "#timeline .tl-event"));
        Assert.True(await page.Locator("#facet-kind .bar").CountAsync() > 0);
        var said = JsonDocument.Parse(await client.GetStringAsync("/v1/statements?participant=yuri-ushakov&limit=50")).RootElement.GetProperty("items");
        Assert.True(said.GetArrayLength() > 0);
        Assert.Equal(said.GetArrayLength(), await page.Locator("#statements li button").CountAsync());
        Assert.Equal("Yuri Ushakov", await page.Locator("#participant-detail h3").TextContentAsync());

        // The month bars read in time order.
        var months = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#facet-month .bar')].map(b => b.dataset.value)");
        Assert.Equal(months.Order(StringComparer.Ordinal), months);

        Assert.True(browser.Errors.Count == 0, $"Errors: {string.Join(" | ", browser.Errors)}");
        Assert.True(browser.FailedResponses.Count == 0, $"Failed: {string.Join(" | ", browser.FailedResponses)}");

        // A panel whose call fails says what the API answered, instead of staying empty.
        await page.GotoAsync(origin + "/?participant=nobody-at-all");
        await DashboardPage.WaitForRenderAsync(page, null);
        Assert.Contains("nobody-at-all", await page.Locator("#statements-panel .panel-error").TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task TheDashboard_IsUsableByKeyboard_AndPassesAxe()
    {
        OutsideTools.RequireNode();
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        // The page's policy lets only its own scripts run; axe-core is added by the test, so the policy is set aside here.
        await using var browser = await Browser.LaunchAsync(bypassCsp: true, origin);
        var page = browser.Page;
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);

        // Keyboard: tab to a timeline event, open it with Enter.
        var reached = false;
        for (var i = 0; i < 40 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.classList?.contains('tl-event') ?? false");
        }

        Assert.True(reached, "No timeline event could be reached with Tab.");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#event-detail h3') !== null");

        await page.AddScriptTagAsync(new() { Path = Path.Combine(OutsideTools.NodeModules, "axe-core", "axe.min.js") });
        var result = JsonDocument.Parse(await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })))")).RootElement;
        var serious = result.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.GetRawText()).ToList();
        Assert.True(serious.Count == 0, "axe-core: " + string.Join("\n", serious));
    }
}
