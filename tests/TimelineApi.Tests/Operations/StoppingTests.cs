using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Operations;

/// <summary>A process that is stopping ends its change streams with a hint to reconnect and sends new work elsewhere.</summary>
public sealed class StoppingTests
{
    /// <summary>
    /// Holds the host's stopping open until released: hosted services stop in the reverse order of their registration, so
    /// while this one (registered last) waits, the server still answers, as a process does while it drains.
    /// </summary>
    private sealed class HoldStopping : IHostedService
    {
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Released.Task;
    }

    [Fact]
    public async Task WhenTheProcessStops_StreamsEndWithARetryHint_NewRequestsAnswer503_AndOnlyLivenessStaysUp()
    {
        var hold = new HoldStopping();
        await using var factory = new TimelineApiFactory();
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddHostedService(_ => hold)));
        var client = app.CreateClient();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/changes/stream");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var stream = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            Assert.Equal("retry: 1000", await reader.ReadLineAsync());

            app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            // The stream ends (it would otherwise stay open for ever), its last words a comment and the retry time.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var rest = await reader.ReadToEndAsync(timeout.Token);
            Assert.Contains(": this server is stopping: reconnect\nretry: 1000\n\n", rest, StringComparison.Ordinal);

            using var refused = await client.GetAsync("/v1/events");
            await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.True(refused.Headers.ConnectionClose);
            using var ready = await client.GetAsync("/health/ready");
            await ready.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            hold.Released.TrySetResult(); // else the host would wait for ever to stop
        }
    }
}
