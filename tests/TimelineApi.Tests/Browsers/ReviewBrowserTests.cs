using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Browsers;

/// <summary>
/// Growing the timeline from the dashboard, in Chromium over a real server: a report from the team's corpus is pasted
/// with an editor's key, its proposals are reviewed beside the text (accepted, corrected then accepted, rejected) by
/// mouse and by keyboard alone, and exactly those records reach the change feed and the open timeline. The error paths
/// (a refused key, a report too long, a proposal decided elsewhere, a meeting changed by someone else) are each put
/// into words next to what they concern, with nothing typed lost.
/// </summary>
public sealed class ReviewBrowserTests
{
    private const string Title = "Biden tells Putin invasion of Ukraine would bring swift and severe costs";

    private static string ReportText => File.ReadAllText(RepositoryFiles.PathOf("tests", "ExtractionCorpus", "dev", "12-wire-february-call.txt"));

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReportPasted_IsReviewed_AndOnlyWhatWasAcceptedLands(bool byKeyboard)
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("reviewer");
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var page = browser.Page;
        var lastSeq = (await ChangesAsync(client, 0)).Max(c => c.GetProperty("seq").GetInt64());
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);
        var desk = new ReviewDesk(page, byKeyboard);

        await desk.UseKeyAsync(key);
        await desk.AddReportAsync(Title, "Example Wire", "2022-02-12", ReportText);
        await page.WaitForSelectorAsync("#proposals .proposal");
        var source = await page.EvaluateAsync<string>("() => review.source.id");
        var suggestions = JsonDocument.Parse(await client.GetStringAsync($"/v1/suggestions?source={source}&limit=200")).RootElement.GetProperty("items").EnumerateArray().ToList();
        string Quote(string words) => suggestions.Single(s => s.GetProperty("kind").GetString() == "statement" && s.GetProperty("proposal").GetProperty("text").GetString()!.Contains(words, StringComparison.Ordinal)).GetProperty("id").GetString()!;
        var whiteHouse = Quote("President Biden was clear");
        var ushakov = Quote("backdrop of hysteria");
        var official = Quote("professional and substantive");
        var call = suggestions.Single(s => s.GetProperty("kind").GetString() == "event").GetProperty("id").GetString()!;

        if (!byKeyboard)
        {
            // Choosing words in the text chooses the proposal resting on them.
            await page.ClickAsync("#review-text mark:text-is('against the backdrop of hysteria')");
            Assert.Equal(ushakov, await page.EvaluateAsync<string>("() => review.items[review.current].id"));
            Assert.Equal(1, await page.Locator("#proposals .proposal.at-span").CountAsync());
        }

        await desk.DecideAsync(whiteHouse, "a");
        await desk.DecideAsync(call, "a");
        await desk.CorrectDayAndAcceptAsync(ushakov, "2022-02-12");
        await desk.DecideAsync(official, "x");

        // Each proposal says who decided it; the rest wait.
        Assert.Contains("Accepted by reviewer", await page.Locator($"#proposals .proposal[data-id='{call}'] .decided").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("Rejected by reviewer", await page.Locator($"#proposals .proposal[data-id='{official}'] .decided").TextContentAsync() ?? "", StringComparison.Ordinal);

        // Exactly those records were written, under the key: the report, two quotes and the call; the rejected quote is nowhere.
        var decided = await Task.WhenAll(new[] { whiteHouse, ushakov, call }.Select(async id =>
            JsonDocument.Parse(await client.GetStringAsync($"/v1/suggestions/{id}")).RootElement.GetProperty("records")[0]));
        var written = (await ChangesAsync(client, lastSeq)).Select(c => $"{c.GetProperty("resource").GetString()} {c.GetProperty("id").GetString()} {c.GetProperty("key").GetString()}").Order(StringComparer.Ordinal);
        var expected = decided.Select(r => $"{r.GetProperty("resource").GetString()} {r.GetProperty("id").GetString()} reviewer").Append($"source {source} reviewer").Order(StringComparer.Ordinal);
        Assert.Equal(expected, written);
        var corrected = JsonDocument.Parse(await client.GetStringAsync($"/v1/statements/{decided[1].GetProperty("id").GetString()}")).RootElement;
        Assert.Equal(("2022-02-12", false), (corrected.GetProperty("date").GetString(), corrected.GetProperty("dateInferred").GetBoolean()));
        using (var statements = await client.GetAsync($"/v1/statements?q=substantive&limit=50"))
        {
            Assert.DoesNotContain("professional and substantive", await statements.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The call is on the open page's timeline without a reload, and links back to the report with its evidence marked.
        var eventId = decided[2].GetProperty("id").GetString()!;
        await page.WaitForSelectorAsync($"#timeline .tl-event[data-id='{eventId}']", new() { Timeout = 5_000 });
        await page.Locator($"#timeline .tl-event[data-id='{eventId}']").DispatchEventAsync("click");
        await page.ClickAsync($"#event-detail button:has-text('Read {source}')");
        await page.WaitForFunctionAsync("id => review.items[review.current]?.id === id", call);
        Assert.True(await page.Locator("#review-text mark.current").CountAsync() > 0);
        var waiting = (await client.GetAllPagesAsync<JsonElement>($"/v1/suggestions?source={source}&status=pending&limit=200")).Count;
        await Expect(page, $"#reports tr[data-id='{source}'] .waiting", waiting.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(browser.Errors.Count == 0, $"Errors: {string.Join(" | ", browser.Errors)}");
        Assert.True(browser.FailedResponses.Count == 0, $"Failed: {string.Join(" | ", browser.FailedResponses)}");
        Assert.True(browser.ForeignRequests.Count == 0, $"Requests outside the API: {string.Join(", ", browser.ForeignRequests)}");
    }

    [SkippableFact]
    public async Task ARefusedKey_AndATooLongReport_AreSaidByTheirFields_AndNothingTypedIsLost()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var readOnly = await app.CreateKeyAsync("reader", Auth.ApiKeyStore.ReadScope);
        var editor = await app.CreateKeyAsync("editor");
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var page = browser.Page;
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);
        var desk = new ReviewDesk(page, byKeyboard: false);
        var sources = await CountSourcesAsync(client);

        // A key the API does not know (401), then one that may only read (403): said by the key; the form keeps its text.
        await desk.UseKeyAsync("not-a-key-at-all");
        await desk.AddReportAsync(Title, "Example Wire", "2022-02-12", ReportText);
        await Expect(page, "#api-key-error", "does not take this key");
        Assert.Equal(ReportText, await page.InputValueAsync("#report-text"));
        Assert.Equal(Title, await page.InputValueAsync("#report-title"));
        await desk.UseKeyAsync(readOnly);
        await page.ClickAsync("#report-form button[type=submit]");
        await Expect(page, "#api-key-error", "may not write");

        // The key is the tab's only: in sessionStorage, never in localStorage or a cookie, and forgotten with one click.
        Assert.Equal(readOnly, await page.EvaluateAsync<string>("() => sessionStorage.getItem('timeline-api-key')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await page.Context.CookiesAsync());
        await page.ClickAsync("#forget-key");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('timeline-api-key')"));

        // A text over the API's limit (422 on `text`) and a body over its size (413): said by the text, which stays as typed.
        await desk.UseKeyAsync(editor);
        var tooLong = new string('a', 500_001);
        await page.FillAsync("#report-text", tooLong);
        await page.ClickAsync("#report-form button[type=submit]");
        await Expect(page, "#report-text-error", "longer than 500000");
        Assert.Equal(tooLong.Length, await page.EvaluateAsync<int>("() => document.getElementById('report-text').value.length"));
        await page.FillAsync("#report-text", new string('é', 600_000));
        await page.ClickAsync("#report-form button[type=submit]");
        await Expect(page, "#report-text-error", "Too long");
        Assert.Equal(Title, await page.InputValueAsync("#report-title"));
        Assert.Equal(sources, await CountSourcesAsync(client));

        // Fixed, the same form goes through and opens the report's review.
        await page.FillAsync("#report-text", ReportText);
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForSelectorAsync("#proposals .proposal");
        Assert.Equal(sources + 1, await CountSourcesAsync(client));
        Assert.Equal("", await page.InputValueAsync("#report-text"));
    }

    [SkippableFact]
    public async Task AProposalDecidedElsewhere_ShowsThatDecision_AndIsNotOverwritten()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("editor");
        var other = await app.CreateKeyAsync("elsewhere");
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var source = await PostReportAsync(client, key);
        var page = browser.Page;
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);
        await new ReviewDesk(page, byKeyboard: false).UseKeyAsync(key);
        await page.ClickAsync($"#reports tr[data-id='{source}'] button");
        await page.WaitForSelectorAsync("#proposals .proposal");
        var quote = await page.GetAttributeAsync("#proposals .proposal[data-kind='statement']", "data-id");

        using (var rejected = await client.SendJsonAsync(HttpMethod.Post, $"/v1/suggestions/{quote}/reject", null, other))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        await page.ClickAsync($"#proposals .proposal[data-id='{quote}'] button[data-action='accept']");
        await Expect(page, "#review-message", "already rejected");
        await Expect(page, $"#proposals .proposal[data-id='{quote}'] .decided", "Rejected by elsewhere");
        Assert.Equal(0, await page.Locator($"#proposals .proposal[data-id='{quote}'] button[data-action='accept']").CountAsync());
        var suggestion = JsonDocument.Parse(await client.GetStringAsync($"/v1/suggestions/{quote}")).RootElement;
        Assert.Equal(("rejected", "elsewhere"), (suggestion.GetProperty("status").GetString(), suggestion.GetProperty("decidedBy").GetString()));
    }

    [SkippableFact]
    public async Task AMeetingChangedBySomeoneElse_IsNotOverwritten_AndCanBeReloadedAndCorrected()
    {
        const string Meeting = "2022-01-12-nato-russia-session";
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("editor");
        var other = await app.CreateKeyAsync("elsewhere");
        await using var browser = await Browser.LaunchAsync(origin);
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var page = browser.Page;
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);
        await new ReviewDesk(page, byKeyboard: false).UseKeyAsync(key);
        var reports = await HistoryCountAsync(client, Meeting);

        await page.ClickAsync($"#meetings tr[data-id='{Meeting}'] button");
        await page.WaitForSelectorAsync("#meeting-form:not([hidden])");
        using (var elsewhere = await client.SendJsonAsync(HttpMethod.Patch, $"/v1/meetings/{Meeting}", """{"location": "Brussels, as corrected elsewhere"}""", other, "*", "application/merge-patch+json"))
        {
            Assert.True(elsewhere.IsSuccessStatusCode);
        }

        await page.SelectOptionAsync("#meeting-status", "postponed");
        await page.FillAsync("#meeting-note", "Postponed, as the page's editor read it");
        await page.ClickAsync("#meeting-form button[type=submit]");
        await Expect(page, "#meeting-form-error", "Someone else changed this meeting");
        Assert.Equal("postponed", await page.InputValueAsync("#meeting-status"));
        Assert.NotEqual("postponed", JsonDocument.Parse(await client.GetStringAsync($"/v1/meetings/{Meeting}")).RootElement.GetProperty("status").GetString());

        await page.ClickAsync("#meeting-reload");
        await page.WaitForFunctionAsync("() => document.getElementById('meeting-reload').hidden");
        await page.SelectOptionAsync("#meeting-status", "postponed");
        await page.ClickAsync("#meeting-form button[type=submit]");
        await Expect(page, "#meeting-form-title", "saved");

        var meeting = JsonDocument.Parse(await client.GetStringAsync($"/v1/meetings/{Meeting}")).RootElement;
        Assert.Equal(("postponed", "Brussels, as corrected elsewhere"), (meeting.GetProperty("status").GetString(), meeting.GetProperty("location").GetString()));
        Assert.Equal(reports + 2, await HistoryCountAsync(client, Meeting));
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#meetings tr[data-id='{Meeting}'] td\")?.textContent === 'postponed'", null, new() { Timeout = 5_000 });
    }

    [SkippableFact]
    public async Task TheReviewView_PassesAxe_AndKeepsTheVocabularyOfTheContract()
    {
        OutsideTools.RequireNode();
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("editor");
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var source = await PostReportAsync(client, key);
        await using var browser = await Browser.LaunchAsync(bypassCsp: true, origin);
        var page = browser.Page;
        await page.GotoAsync(origin + "/");
        await DashboardPage.WaitForRenderAsync(page, null);
        await new ReviewDesk(page, byKeyboard: false).UseKeyAsync(key);
        await page.ClickAsync($"#reports tr[data-id='{source}'] button");
        await page.WaitForSelectorAsync("#proposals .proposal");
        await page.ClickAsync("#proposals .proposal[data-kind='event'] button[data-action='correct']");

        // The review view with a correction open: kept as the test's artifact (the README's second screenshot).
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "review.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.Locator("#review").ScreenshotAsync(new() { Path = screenshot });
        Console.WriteLine($"Review screenshot: {screenshot}");
        await page.ClickAsync("#add-report summary");

        await page.AddScriptTagAsync(new() { Path = Path.Combine(OutsideTools.NodeModules, "axe-core", "axe.min.js") });
        var result = JsonDocument.Parse(await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })))")).RootElement;
        var serious = result.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").Select(v => v.GetRawText()).ToList();
        Assert.True(serious.Count == 0, "axe-core: " + string.Join("\n", serious));

        // The page's own lists of statuses and meeting kinds are the contract's.
        var contract = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("openapi", "openapi.json"))).RootElement;
        var statuses = contract.GetProperty("components").GetProperty("schemas").GetProperty("EventResponse").GetProperty("properties").GetProperty("status").GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()).ToArray();
        var meetingKinds = contract.GetProperty("paths").GetProperty("/v1/meetings").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "kind").GetProperty("schema").GetProperty("pattern").GetString()!;
        Assert.Equal(statuses, await page.EvaluateAsync<string[]>("() => STATUSES"));
        Assert.Contains($"({string.Join('|', await page.EvaluateAsync<string[]>("() => MEETING_KINDS"))})", meetingKinds, StringComparison.Ordinal);
    }

    private static async Task<string> PostReportAsync(HttpClient client, string key)
    {
        var body = JsonSerializer.Serialize(new { title = Title, publisher = "Example Wire", publishedAt = "2022-02-12", text = ReportText });
        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources", body, key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> ChangesAsync(HttpClient client, long since)
        => await client.GetAllPagesAsync<JsonElement>($"/v1/changes?since={since}&limit=500");

    private static async Task<int> CountSourcesAsync(HttpClient client) => (await client.GetAllPagesAsync<JsonElement>("/v1/sources?limit=100")).Count;

    private static async Task<int> HistoryCountAsync(HttpClient client, string meeting)
        => JsonDocument.Parse(await client.GetStringAsync($"/v1/meetings/{meeting}")).RootElement.GetProperty("history").GetArrayLength();

    private static async Task Expect(IPage page, string selector, string words)
        => await page.WaitForFunctionAsync("([selector, words]) => (document.querySelector(selector)?.textContent || '').includes(words)", new[] { selector, words }, new() { Timeout = 10_000 });

    /// <summary>The reviewer's hands: each step by mouse, or by keyboard alone (Tab, typing, Enter and the review's keys).</summary>
    private sealed class ReviewDesk(IPage page, bool byKeyboard)
    {
        public async Task UseKeyAsync(string key)
        {
            if (!byKeyboard)
            {
                await page.FillAsync("#api-key", key);
                await page.ClickAsync("#key-form button[type=submit]");
                return;
            }

            await TabToAsync("#skip-to-reports");
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync("#api-key");
            await page.Keyboard.TypeAsync(key);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync("() => sessionStorage.getItem('timeline-api-key') !== null");
        }

        public async Task AddReportAsync(string title, string publisher, string day, string text)
        {
            if (!byKeyboard)
            {
                if (await page.GetAttributeAsync("#add-report", "open") is null)
                {
                    await page.ClickAsync("#add-report summary");
                }

                await page.FillAsync("#report-title", title);
                await page.FillAsync("#report-publisher", publisher);
                await page.FillAsync("#report-published", day);
                await page.FillAsync("#report-text", text);
                await page.ClickAsync("#report-form button[type=submit]");
                return;
            }

            await TabToAsync("#add-report summary");
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync("#report-title");
            await page.Keyboard.TypeAsync(title);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(publisher);
            await page.Keyboard.PressAsync("Tab");
            // A date field takes its parts as typed digits, in the browser's own order (month, day, year here).
            await page.Keyboard.TypeAsync($"{day[5..7]}{day[8..10]}{day[..4]}");
            Assert.Equal(day, await page.InputValueAsync("#report-published"));
            await TabToAsync("#report-text");
            await page.Keyboard.InsertTextAsync(text);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
        }

        /// <summary>Accepts (<c>a</c>) or rejects (<c>x</c>) one proposal.</summary>
        public async Task DecideAsync(string suggestion, string key)
        {
            if (byKeyboard)
            {
                await MoveToAsync(suggestion);
                await page.Keyboard.PressAsync(key);
            }
            else
            {
                await page.ClickAsync($"#proposals .proposal[data-id='{suggestion}'] button[data-action='{(key == "a" ? "accept" : "reject")}']");
            }

            await page.WaitForSelectorAsync($"#proposals .proposal[data-id='{suggestion}'] .decided");
        }

        public async Task CorrectDayAndAcceptAsync(string suggestion, string day)
        {
            var field = $"#fix-{suggestion}-date";
            if (byKeyboard)
            {
                await MoveToAsync(suggestion);
                await page.Keyboard.PressAsync("e");
                await TabToAsync(field);
                await page.Keyboard.PressAsync("Control+A");
                await page.Keyboard.TypeAsync(day);
                await page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await page.ClickAsync($"#proposals .proposal[data-id='{suggestion}'] button[data-action='correct']");
                await page.FillAsync(field, day);
                await page.ClickAsync($"#proposals .proposal[data-id='{suggestion}'] form button[type=submit]");
            }

            await page.WaitForSelectorAsync($"#proposals .proposal[data-id='{suggestion}'] .decided");
        }

        /// <summary>Moves the review's choice with <c>j</c> and <c>k</c> until it is on <paramref name="suggestion"/>.</summary>
        private async Task MoveToAsync(string suggestion)
        {
            for (var i = 0; i < 200; i++)
            {
                var at = await page.EvaluateAsync<int>("id => { const ids = review.items.map(s => s.id); return ids.indexOf(id) - review.current; }", suggestion);
                if (at == 0)
                {
                    return;
                }

                await page.Keyboard.PressAsync(at > 0 ? "j" : "k");
            }

            Assert.Fail($"The keys j and k did not reach {suggestion}.");
        }

        private async Task TabToAsync(string selector)
        {
            for (var i = 0; i < 400; i++)
            {
                if (await page.EvaluateAsync<bool>("selector => document.activeElement === document.querySelector(selector)", selector))
                {
                    return;
                }

                await page.Keyboard.PressAsync("Tab");
            }

            Assert.Fail($"Tab did not reach {selector}.");
        }
    }
}
