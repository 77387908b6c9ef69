using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>
/// The built program started from a folder of its own, as a service manager or a container starts it: the seed, the
/// dashboard and Swagger UI all travel with the build.
/// </summary>
public sealed class StartedElsewhereTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-elsewhere-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task FromAnotherFolder_ItServesTheDashboard_SwaggerUi_AndTheSeed()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start(Path.Combine(_folder, "timeline.db"), ["--urls", $"http://127.0.0.1:{port}"], workingDirectory: _folder);
        try
        {
            using var client = await ServerProcess.ConnectAsync(port);
            foreach (var (url, mediaType, text) in new[]
            {
                ("/", "text/html", "<html"),
                ("/dashboard.js", "text/javascript", "fetch"),
                ("/editing.js", "text/javascript", "sessionStorage"),
                ("/dashboard.css", "text/css", "{"),
                ("/swagger/index.html", "text/html", "swagger"),
                ("/v1/events/2021-12-07-biden-putin-video-call", "application/json", "Biden"),
            })
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
                Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
