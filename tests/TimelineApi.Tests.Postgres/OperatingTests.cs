using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests;

/// <summary>
/// Two replicas of the built program over one PostgreSQL database, as an operator runs them: scraped by a real
/// Prometheus, and one of them stopped under load behind a real HAProxy.
/// </summary>
public sealed class OperatingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Prometheus_ScrapesBothReplicas_AndReadsEachOnesRequestDurations()
    {
        await using var deployment = new Deployment();
        await deployment.StartReplicasAsync(2);
        var prometheus = await deployment.StartPrometheusAsync();
        foreach (var replica in deployment.Replicas)
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{replica}") };
            for (var i = 0; i < 3; i++)
            {
                (await client.GetAsync("/v1/events?kind=call")).EnsureSuccessStatusCode();
            }
        }

        using var api = new HttpClient { BaseAddress = new Uri(prometheus) };
        var instances = deployment.Replicas.Select(r => $"127.0.0.1:{r}").Order().ToArray();
        var up = await QueryUntilAsync(api, """up{job="timeline"}""", series => series.Count == 2 && series.All(s => s.Value == 1));
        Assert.Equal(instances, up.Select(s => s.Instance).Order());

        var requests = await QueryUntilAsync(api,
            """sum by (instance) (http_server_request_duration_seconds_count{job="timeline", http_route=~"/v1/events/?", http_response_status_code="200"})""",
            series => series.Count == 2 && series.All(s => s.Value >= 3));
        Assert.Equal(instances, requests.Select(s => s.Instance).Order());
        var p99 = await QueryUntilAsync(api,
            """histogram_quantile(0.99, sum by (le) (http_server_request_duration_seconds_bucket{job="timeline", http_route=~"/v1/events/?"}))""",
            series => series.Count == 1 && double.IsFinite(series[0].Value));
        Assert.InRange(p99[0].Value, 0, 10);
    }

    [SkippableFact]
    public async Task StoppingAReplicaUnderLoad_FailsNoRequestWithout503AndRetryAfter_AndItsStreamsReconnectToTheOther()
    {
        await using var deployment = new Deployment();
        await deployment.StartReplicasAsync(2);
        var balancer = await deployment.StartBalancerAsync();
        string key;
        await using (var admin = TimelineApiFactory.ForDatabase(deployment.Database))
        {
            key = await admin.CreateKeyAsync("load");
        }

        using var client = new HttpClient { BaseAddress = new Uri(balancer), Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, 4).Select(_ => new StreamClient(balancer)).ToList();
        var following = streams.Select(s => s.FollowAsync(stop.Token)).ToList();
        string Failures() => string.Join("; ", following.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message));
        await Eventually(() => streams.All(s => s.Replica is not null), "every stream open", Failures);
        var stopped = streams[0].Replica!.Value;
        var other = deployment.Replicas.Single(r => r != stopped);

        // Load for 6 s: three readers and two writers through the balancer; the replica holding the first stream is stopped after 2 s.
        var outcomes = new ConcurrentBag<string>();
        int answered = 0, refused = 0;
        var written = new ConcurrentBag<string>();
        var load = Stopwatch.StartNew();
        async Task Work(int worker)
        {
            for (var i = 0; load.Elapsed < TimeSpan.FromSeconds(6); i++)
            {
                var id = $"2031-01-01-drain-{worker}-{i}";
                var write = worker < 2;
                try
                {
                    using var answer = write
                        ? await client.SendJsonAsync(HttpMethod.Post, "/v1/events", $$"""{"id": "{{id}}", "title": "Drain {{worker}} {{i}}", "kind": "talks", "status": "scheduled", "start": "2031-01-01"}""", key)
                        : await client.GetAsync("/v1/events?sort=-start&limit=5");
                    Interlocked.Increment(ref answered);
                    if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Interlocked.Increment(ref refused);
                    }

                    if (answer.IsSuccessStatusCode)
                    {
                        if (write)
                        {
                            written.Add(id);
                        }
                    }
                    else if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || answer.Headers.RetryAfter is null)
                    {
                        outcomes.Add($"{(int)answer.StatusCode} without the 503 and Retry-After of a replica that is stopping: {await answer.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException e)
                {
                    outcomes.Add("no answer: " + e.Message);
                }
            }
        }

        var workers = Enumerable.Range(0, 5).Select(Work).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        deployment.Terminate(stopped);
        await Task.WhenAll(workers);

        output.WriteLine($"{answered} requests answered, {refused} of them 503 with Retry-After, {written.Count} writes acknowledged; failures: {outcomes.Count}");
        Assert.Empty(outcomes);
        Assert.NotEmpty(written);
        var process = deployment.ReplicaProcesses[stopped];
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await process.WaitForExitAsync(exited.Token); // it drained and exited on its own
        }

        Assert.Equal(0, process.ExitCode);

        // Every stream is now on the other replica, and a change made now reaches each of them.
        await Eventually(() => streams.All(s => s.Replica == other), "every stream reconnected to the other replica", Failures);
        Assert.True(streams.Where(s => s.Replicas.Contains(stopped)).All(s => s.Reconnections >= 1));
        using (var last = await client.SendJsonAsync(HttpMethod.Post, "/v1/events",
            """{"id": "2031-01-02-after-the-stop", "title": "After the stop", "kind": "talks", "status": "scheduled", "start": "2031-01-02"}""", key))
        {
            Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        }

        await Eventually(() => streams.All(s => s.Seen.Contains("2031-01-02-after-the-stop")), "the last change on every stream", Failures);
        await stop.CancelAsync();
        await Task.WhenAll(following);

        // Every acknowledged write is there.
        foreach (var id in written)
        {
            using var read = await client.GetAsync($"/v1/events/{id}");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{id} was acknowledged but reads {(int)read.StatusCode}.");
        }

        // A stream never missed a change: the writes made while its replica stopped came to it after it reconnected.
        foreach (var stream in streams)
        {
            Assert.Subset(stream.Seen, written.ToHashSet());
        }
    }

    /// <summary>A client of the change stream as a browser's EventSource is: on the stream's end it waits the retry time and reconnects with the last id.</summary>
    private sealed class StreamClient(string balancer)
    {
        private readonly HttpClient _client = new() { BaseAddress = new Uri(balancer), Timeout = Timeout.InfiniteTimeSpan };

        /// <summary>The replica now serving the stream (its port).</summary>
        public int? Replica { get; private set; }

        public ConcurrentBag<int> Replicas { get; } = [];

        public int Reconnections { get; private set; } = -1;

        public HashSet<string> Seen { get; } = [];

        public async Task FollowAsync(CancellationToken ct)
        {
            string? lastId = null;
            var retry = 3000;
            while (!ct.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/changes/stream?resource=event");
                request.Headers.Accept.ParseAdd("text/event-stream");
                if (lastId is not null)
                {
                    request.Headers.Add("Last-Event-ID", lastId);
                }

                try
                {
                    using var answer = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    Assert.True(answer.StatusCode == HttpStatusCode.OK, $"A stream's reconnection answered {(int)answer.StatusCode}: EventSource would give up.");
                    Replica = int.Parse(answer.Headers.GetValues("X-Replica").Single(), CultureInfo.InvariantCulture);
                    Replicas.Add(Replica.Value);
                    Reconnections++;
                    using var reader = new StreamReader(await answer.Content.ReadAsStreamAsync(ct));
                    while (await reader.ReadLineAsync(ct) is { } line)
                    {
                        if (line.StartsWith("id: ", StringComparison.Ordinal))
                        {
                            lastId = line[4..];
                        }
                        else if (line.StartsWith("retry: ", StringComparison.Ordinal))
                        {
                            retry = int.Parse(line[7..], CultureInfo.InvariantCulture);
                        }
                        else if (line.StartsWith("data: ", StringComparison.Ordinal)
                            && JsonDocument.Parse(line[6..]).RootElement.TryGetProperty("id", out var id))
                        {
                            lock (Seen)
                            {
                                Seen.Add(id.GetString()!);
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }

                Replica = null;
                await Task.Delay(retry, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static async Task Eventually(Func<bool> condition, string what, Func<string> failures)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !condition(); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 20 s: {what}. The streams' failures: {failures()}");
        }
    }

    private sealed record Series(string Instance, double Value);

    /// <summary>Asks Prometheus' HTTP API (<c>/api/v1/query</c>) until the answer satisfies <paramref name="enough"/> (30 s at most).</summary>
    private static async Task<List<Series>> QueryUntilAsync(HttpClient prometheus, string query, Func<List<Series>, bool> enough)
    {
        var series = new List<Series>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            var answer = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query))).RootElement;
            Assert.Equal("success", answer.GetProperty("status").GetString());
            series = answer.GetProperty("data").GetProperty("result").EnumerateArray()
                .Select(r => new Series(
                    r.GetProperty("metric").TryGetProperty("instance", out var instance) ? instance.GetString()! : string.Empty,
                    double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
            if (enough(series))
            {
                return series;
            }
        }

        Assert.Fail($"Prometheus did not answer '{query}' as expected within 30 s; its last answer: {string.Join(", ", series)}");
        return series;
    }
}
