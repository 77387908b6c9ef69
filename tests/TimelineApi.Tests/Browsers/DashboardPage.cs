using Microsoft.Playwright;

namespace TimelineApi.Tests.Browsers;

/// <summary>What the dashboard's tests read of the page: when it has drawn, and the ids it shows.</summary>
internal static class DashboardPage
{
    /// <summary>Waits until the dashboard has drawn every panel since <paramref name="previous"/> (its <c>data-ready</c> stamp).</summary>
    public static async Task<string> WaitForRenderAsync(IPage page, string? previous)
    {
        await page.WaitForFunctionAsync("previous => document.body.dataset.ready && document.body.dataset.ready !== previous", previous, new() { Timeout = 15_000 });
        return await page.EvaluateAsync<string>("() => document.body.dataset.ready");
    }

    public static async Task<List<string>> IdsAsync(IPage page, string selector)
        => [.. await page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll(\"{selector}\")].map(e => e.dataset.id)")];
}
