using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Browsers;

/// <summary>The TimelineJS3 export, loaded by TimelineJS itself (the npm package pinned in tests/tools) in Chromium.</summary>
public sealed class TimelineJsBrowserTests
{
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>TimelineJS over TimelineApi</title>
          <link rel="stylesheet" href="/test-assets/timelinejs/css/timeline.css">
          <script src="/test-assets/timelinejs/js/timeline.js"></script>
        </head>
        <body>
          <div id="timeline" style="width: 100%; height: 640px"></div>
          <script>
            window.timelineErrors = [];
            window.timeline = new TL.Timeline('timeline', '/v1/timeline/timelinejs' + location.search, { script_path: location.origin + '/test-assets/timelinejs/js/' });
          </script>
        </body>
        </html>
        """;

    [SkippableTheory]
    [InlineData("")]
    [InlineData("?participant=putin&kind=call")]
    [InlineData("?type=statement")]
    public async Task TheExport_RendersInTimelineJs_WithASlidePerDatedItem(string query)
    {
        OutsideTools.RequireNode();
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        await using var browser = await Browser.LaunchAsync(origin);
        await browser.ServeAsync($"{origin}/test-pages/timelinejs.html**", Page,
            $"{origin}/test-assets/timelinejs/", Path.Combine(OutsideTools.NodeModules, "@knight-lab", "timelinejs", "dist"));

        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var document = JsonDocument.Parse(await client.GetStringAsync("/v1/timeline/timelinejs" + query)).RootElement;
        var expected = document.GetProperty("events").GetArrayLength();
        var dated = JsonDocument.Parse(await client.GetStringAsync("/v1/timeline?limit=500" + query.Replace('?', '&'))).RootElement
            .GetProperty("items").EnumerateArray().Count(i => i.GetProperty("date").ValueKind == JsonValueKind.String);
        Assert.Equal(dated, expected);
        Assert.True(expected > 0);

        await browser.Page.GotoAsync($"{origin}/test-pages/timelinejs.html{query}");
        try
        {
            await browser.Page.WaitForFunctionAsync("() => document.querySelectorAll('.tl-slide').length > 1", null, new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            var shown = await browser.Page.EvaluateAsync<string>("() => document.body.innerText.slice(0, 500)");
            Assert.Fail($"TimelineJS showed no slides. Errors: {string.Join(" | ", browser.Errors)}; blocked: {string.Join(", ", browser.ForeignRequests)}; page: {shown}");
        }

        // One slide per event, and the title slide.
        var slides = await browser.Page.EvaluateAsync<int>("() => document.querySelectorAll('.tl-slide').length");
        Assert.Equal(expected + 1, slides);
        var message = await browser.Page.EvaluateAsync<string>("() => document.querySelector('.tl-message-content')?.textContent ?? ''");
        Assert.DoesNotContain("error", message, StringComparison.OrdinalIgnoreCase);
        // TimelineJS's own stylesheet asks Google Fonts for its typefaces; those requests are blocked here (no
        // internet) and are the only failed loads allowed. Everything the export drives must load cleanly.
        Assert.All(browser.ForeignRequests, url => Assert.StartsWith("https://fonts.gstatic.com/", url, StringComparison.Ordinal));
        var errors = browser.Errors.Where(e => !e.StartsWith("console error: Failed to load resource: net::", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Errors: {string.Join(" | ", errors)}");

        var title = await browser.Page.EvaluateAsync<string>("() => document.querySelector('.tl-slide-titleslide .tl-headline')?.textContent ?? ''");
        Assert.Equal("Diplomatic timeline", title.Trim());

        // Sources appear by title, as links to the API's record of them.
        var links = await browser.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.tl-slide a[href*=\"/v1/sources/\"]')].map(a => a.textContent)");
        Assert.NotEmpty(links);
        Assert.DoesNotContain(links, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d{2}-\d{2}-"));
    }
}
