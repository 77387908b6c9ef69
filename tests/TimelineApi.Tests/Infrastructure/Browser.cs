using Microsoft.Playwright;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright, with a page that records every error it meets and every
/// request it makes outside the origins a test allows. Pages and files a test serves itself go through
/// <see cref="ServeAsync"/>; every other request goes to the network as it would for a user.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                FailedResponses.Add($"{response.Status} {response.Url}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add("console error: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions and console errors of the page, in order.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Answers of 400 and more the page received, as "status url".</summary>
    public List<string> FailedResponses { get; } = [];

    /// <summary>Requests the page sent to an origin the test did not allow.</summary>
    public List<string> ForeignRequests { get; } = [];

    /// <summary>Launches the browser (skipping the test where Chromium is missing), expecting requests only to <paramref name="origins"/>.</summary>
    public static Task<Browser> LaunchAsync(params string[] origins) => LaunchAsync(bypassCsp: false, origins);

    /// <summary>As <see cref="LaunchAsync(string[])"/>; with <paramref name="bypassCsp"/>, pages run scripts whatever their Content-Security-Policy.</summary>
    public static async Task<Browser> LaunchAsync(bool bypassCsp, params string[] origins)
    {
        var executable = OutsideTools.RequireChromium();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BypassCSP = bypassCsp });
        var page = await context.NewPageAsync();
        var session = new Browser(playwright, browser, page);

        // Watched, not intercepted: with interception on, Playwright answers CORS preflights itself, and a
        // test of CORS would then test Playwright. (There is no route out of this machine in any case.)
        page.Request += (_, request) =>
        {
            var url = request.Url;
            if (!origins.Any(o => url.StartsWith(o + "/", StringComparison.Ordinal) || url == o) && !url.StartsWith("data:", StringComparison.Ordinal))
            {
                session.ForeignRequests.Add(url);
            }
        };
        return session;
    }

    /// <summary>Serves <paramref name="html"/> at <paramref name="url"/> and files under <paramref name="prefix"/> from <paramref name="directory"/>, without the API.</summary>
    public async Task ServeAsync(string url, string html, string? prefix = null, string? directory = null)
    {
        await Page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html; charset=utf-8", Body = html }));
        if (prefix is not null && directory is not null)
        {
            await Page.RouteAsync(prefix + "**", route =>
            {
                var relative = Uri.UnescapeDataString(route.Request.Url[prefix.Length..].Split('?')[0]);
                var path = Path.GetFullPath(Path.Combine(directory, relative));
                return path.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal) && File.Exists(path)
                    ? route.FulfillAsync(new RouteFulfillOptions { Path = path })
                    : route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
