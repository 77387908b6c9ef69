using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Browsers;

/// <summary>Swagger UI end to end, as a newcomer uses it: authorize with a key, then create, read, edit and delete through Try it out.</summary>
public sealed class SwaggerUiTests
{
    [SkippableFact]
    public async Task ANewcomer_CreatesReadsEditsAndDeletesAParticipant_ThroughTryItOut()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("swagger");
        await using var browser = await Browser.LaunchAsync(origin);
        var page = browser.Page;
        await page.GotoAsync(origin + "/swagger");
        await page.Locator("button.authorize").First.ClickAsync();
        await page.Locator(".modal-ux input[type=text], .modal-ux input[type=password]").First.FillAsync(key);
        await page.Locator(".modal-ux .auth-btn-wrapper button.authorize").ClickAsync();
        await page.Locator(".modal-ux button.btn-done").ClickAsync();

        var created = await ExecuteAsync(page, "Participants", "CreateParticipant",
            body: """{"id": "osce-chair", "name": "OSCE Chairperson-in-Office", "kind": "person", "aliases": [], "roles": []}""");
        Assert.Equal("201", created.Status);

        var read = await ExecuteAsync(page, "Participants", "GetParticipant", id: "osce-chair");
        Assert.Equal("200", read.Status);
        var etag = read.Header("etag");
        var participant = JsonNode.Parse(read.Body)!.AsObject();
        Assert.Equal("OSCE Chairperson-in-Office", (string?)participant["name"]);

        participant["aliases"] = new JsonArray(new JsonObject { ["name"] = "OSCE Chair", ["source"] = null });
        var replaced = await ExecuteAsync(page, "Participants", "ReplaceParticipant", id: "osce-chair", ifMatch: etag, body: participant.ToJsonString());
        Assert.Equal("200", replaced.Status);
        Assert.Contains("OSCE Chair", replaced.Body, StringComparison.Ordinal);

        var stale = await ExecuteAsync(page, "Participants", "PatchParticipant", id: "osce-chair", ifMatch: etag, body: """{"name": "Stale"}""");
        Assert.Equal("412", stale.Status);

        var patched = await ExecuteAsync(page, "Participants", "PatchParticipant", id: "osce-chair", ifMatch: replaced.Header("etag"), body: """{"name": "OSCE Chairperson"}""");
        Assert.Equal("200", patched.Status);

        var deleted = await ExecuteAsync(page, "Participants", "DeleteParticipant", id: "osce-chair", ifMatch: patched.Header("etag"));
        Assert.Equal("204", deleted.Status);
        Assert.Equal("404", (await ExecuteAsync(page, "Participants", "GetParticipant", id: "osce-chair")).Status);

        Assert.Empty(browser.ForeignRequests);
        Assert.All(browser.Errors, e => Assert.Matches("status of (404|412)", e));
    }

    [SkippableFact]
    public async Task TryItOut_WithItsDefaults_AnswersUsefully_OnEveryRead()
    {
        await using var app = new TimelineApiFactory();
        var origin = app.StartKestrel();
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var key = await app.CreateKeyAsync("editor");
        using (var extracted = await client.SendJsonAsync(HttpMethod.Post, "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/extract", null, key))
        {
            extracted.EnsureSuccessStatusCode(); // an editor has read a report, so suggestions wait
        }

        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var reads = document["paths"]!.AsObject()
            .Select(path => path.Value!["get"])
            .OfType<JsonNode>()
            .Select(op => ((string)op["tags"]![0]!, (string)op["operationId"]!))
            .Where(op => op.Item2 != "GetSuggestion") // suggestion ids are made when a report is read: no example can name one
            .Where(op => op.Item2 != "StreamChanges") // a stream never ends, so Try it out never shows its answer (ChangeStreamTests reads it)
            .ToList();
        Assert.True(reads.Count > 15);

        await using var browser = await Browser.LaunchAsync(origin);
        await browser.Page.GotoAsync(origin + "/swagger");
        foreach (var (tag, operation) in reads)
        {
            var answer = await ExecuteAsync(browser.Page, tag, operation);
            Assert.True(answer.Status == "200", $"{operation} with Swagger UI's defaults: {answer.Status} {answer.Body}");
            if (answer.Body.StartsWith('{') && JsonNode.Parse(answer.Body)!["items"] is JsonArray items)
            {
                Assert.True(items.Count > 0, $"{operation} with Swagger UI's defaults lists nothing.");
            }
        }
    }

    private sealed record Answer(string Status, string Body, string Headers)
    {
        public string Header(string name)
        {
            var line = Headers.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
            return line[(name.Length + 1)..].Trim();
        }
    }

    /// <summary>Opens an operation, presses Try it out, fills what is given (leaving the documented defaults), executes and reads the answer.</summary>
    private static async Task<Answer> ExecuteAsync(IPage page, string tag, string operationId, string? id = null, string? ifMatch = null, string? body = null)
    {
        var block = page.Locator($"#operations-{tag}-{operationId}");
        var tryOutOrCancel = block.Locator("button.try-out__btn").First;
        if (!await tryOutOrCancel.IsVisibleAsync())
        {
            await block.Locator(".opblock-summary").First.ClickAsync();
            await tryOutOrCancel.WaitForAsync();
        }

        var tryOut = block.Locator("button.try-out__btn", new() { HasText = "Try it out" });
        if (await tryOut.CountAsync() > 0)
        {
            await tryOut.ClickAsync();
        }

        await block.Locator("button.execute").WaitForAsync();

        if (id is not null)
        {
            await block.Locator("tr[data-param-name='id'] input").FillAsync(id);
        }

        if (ifMatch is not null)
        {
            await block.Locator("tr[data-param-name='If-Match'] input").FillAsync(ifMatch);
        }

        if (body is not null)
        {
            await block.Locator("textarea.body-param__text").FillAsync(body);
        }

        await block.Locator("button.execute").ClickAsync();
        var answer = block.Locator(".live-responses-table tr.response").First;
        await answer.WaitForAsync();
        var status = (await answer.Locator(".response-col_status").TextContentAsync())!.Trim();
        var headers = string.Join('\n', await answer.Locator(".headerline").AllInnerTextsAsync());
        var bodies = answer.Locator(".response-col_description > div:first-child pre");
        var bodyText = await bodies.CountAsync() > 0 ? await bodies.First.InnerTextAsync() : string.Empty;
        await block.Locator("button.btn-clear").First.ClickAsync();
        return new Answer(status, bodyText, headers);
    }
}
