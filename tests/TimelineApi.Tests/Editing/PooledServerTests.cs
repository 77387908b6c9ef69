using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>
/// A real server (Kestrel on 127.0.0.1) with pooled connections, as in production, under concurrent readers
/// and writers for a few bounded seconds: no answer fails, and every acknowledged write is read back at once.
/// </summary>
public sealed class PooledServerTests
{
    [Fact]
    public async Task ConcurrentReadersAndWriters_OnPooledConnections_FailNothing_AndReadTheirWrites()
    {
        await using var app = TimelineApiFactory.WithPooling();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("load");
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var failures = new ConcurrentBag<string>();
        var acknowledged = new ConcurrentBag<string>();
        var reads = 0;

        async Task ReaderAsync(string[] urls)
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 5000; i++)
            {
                using var response = await client.GetAsync(urls[i % urls.Length]);
                Interlocked.Increment(ref reads);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {urls[i % urls.Length]}: {(int)response.StatusCode}");
                }
            }
        }

        async Task WriterAsync(int writer)
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 2000; i++)
            {
                var id = $"load-{writer}-{i}";
                using var created = await client.PostAsync("/v1/events", new StringContent(
                    $$"""{"id": "{{id}}", "title": "Load {{writer}}.{{i}}", "kind": "meeting", "status": "scheduled", "start": "2023-02-0{{1 + (i % 9)}}"}""",
                    Encoding.UTF8, "application/json"));
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"POST {id}: {(int)created.StatusCode}");
                    continue;
                }

                acknowledged.Add(id);
                using var read = await client.GetAsync($"/v1/events/{id}");
                if (read.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"GET {id} right after its 201: {(int)read.StatusCode}");
                }
            }
        }

        string[] lists = ["/v1/events?limit=20", "/v1/timeline?limit=20&sort=-start", "/v1/meetings?from=2023-02", "/v1/events/facets?facet=kind,month", "/v1/changes?limit=50"];
        await Task.WhenAll(ReaderAsync(lists), ReaderAsync([.. lists.Reverse()]), ReaderAsync(lists), WriterAsync(1), WriterAsync(2));

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        Assert.True(reads > 100 && acknowledged.Count > 20, $"{reads} reads, {acknowledged.Count} writes");
        Console.WriteLine($"Pooled server: {reads} reads and {acknowledged.Count} acknowledged writes in 4 s, none failed.");
        var listed = await client.GetStringAsync("/v1/events?from=2023-02&to=2023-02&format=csv");
        Assert.All(acknowledged, id => Assert.Contains(id, listed, StringComparison.Ordinal));
    }

    /// <summary>
    /// The extractor reads a new source after its write has committed, holding no write lock: another writer is
    /// not kept waiting while a long report is read, and its write lands before the POST that added the report answers.
    /// </summary>
    [Fact]
    public async Task NewSource_IsExtractedOutsideTheWriteLock_SoAnotherWriterIsNotKeptWaiting()
    {
        await using var app = TimelineApiFactory.WithPooling();
        var origin = app.StartKestrel();
        var key = await app.CreateKeyAsync("extraction");
        using var client = new HttpClient { BaseAddress = new Uri(origin), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // A long report (under the 500,000-character cap) full of quotes, so that reading it takes a while.
        var report = new StringBuilder("Long report on the talks\n\nDecember 30, 2021\n\n");
        var paragraphs = Directory.GetFiles(RepositoryFiles.PathOf("data", "sources"), "*.txt").Select(File.ReadAllText).ToArray();
        for (var i = 0; report.Length < 450_000; i++)
        {
            report.Append(paragraphs[i % paragraphs.Length]).Append("\n\n");
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var post = client.PostAsync("/v1/sources", new StringContent(
            $$"""{"id": "long-report", "text": {{System.Text.Json.JsonSerializer.Serialize(report.ToString()[..Math.Min(report.Length, 490_000)])}}}""",
            Encoding.UTF8, "application/json"));

        // The source is committed first; the extraction follows, outside the write lock.
        while ((await client.GetAsync("/v1/sources/long-report")).StatusCode != HttpStatusCode.OK)
        {
            Assert.False(post.IsCompleted, $"The POST answered {(post.IsCompleted ? (int)(await post).StatusCode : 0)} before its source could be read.");
            await Task.Delay(5);
        }

        var committedAt = stopwatch.Elapsed;
        using var other = await client.PostAsync("/v1/events", new StringContent(
            """{"id": "written-meanwhile", "title": "Written while the report is read", "kind": "meeting", "status": "scheduled", "start": "2023-03-01"}""",
            Encoding.UTF8, "application/json"));
        var otherAt = stopwatch.Elapsed;
        var postDone = post.IsCompleted;
        using var created = await post;
        var answeredAt = stopwatch.Elapsed;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Console.WriteLine($"Long report: committed at {committedAt.TotalMilliseconds:F0} ms, other write done at {otherAt.TotalMilliseconds:F0} ms, POST answered at {answeredAt.TotalMilliseconds:F0} ms.");
        Assert.False(postDone, "The other write waited until the extraction was over.");
        Assert.True(answeredAt - committedAt > (otherAt - committedAt) * 2, "The extraction took no longer than a write: this test shows nothing.");
    }
}
