using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Data;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests;

/// <summary>Two API processes over one PostgreSQL database, as replicas behind a balancer run: what one writes, the other serves.</summary>
public sealed class ReplicaTests
{
    private const string WriteTimeout = "a write by the other replica was not notified within 20 seconds";

    [Fact]
    public async Task AWriteOnOneReplica_WakesTheOther_AndItsNextAnswerHasIt()
    {
        await using var a = TimelineApiFactory.WithResponseCache();
        await using var b = TimelineApiFactory.ForDatabase(a.DatabasePath).WithWebHostBuilder(builder => builder.UseSetting("Http:ResponseCacheMegabytes", "16"));
        var reader = b.CreateClient();
        const string Url = "/v1/events?sort=-start&limit=1";
        var before = await reader.GetStringAsync(Url);
        Assert.Equal(before, await reader.GetStringAsync(Url)); // cached on b

        var signal = b.Services.GetRequiredService<ChangeSignal>();
        var woken = signal.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var key = await a.CreateKeyAsync("replica-a");
        using (var created = await a.CreateClient().SendJsonAsync(HttpMethod.Post, "/v1/events",
            """{"id": "2030-02-02-replica-talks", "title": "Replica talks", "kind": "talks", "status": "scheduled", "start": "2030-02-02"}""", key))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await woken;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), WriteTimeout);
        var after = JsonDocument.Parse(await reader.GetStringAsync(Url)).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal("2030-02-02-replica-talks", after);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeReached_Answers503WithRetryAfter_AndTheContractSaysSo()
    {
        await using var primary = new TimelineApiFactory();
        _ = primary.Server;
        var unreachable = $"Host=127.0.0.1;Port={KestrelHosting.FreePort()};Username=postgres;Database=timeline;Timeout=2";
        await using var replica = TimelineApiFactory.ForDatabase(primary.DatabasePath)
            .WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:TimelineReadOnly", unreachable));
        using var response = await replica.CreateClient().GetAsync("/v1/events?limit=1");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.True(new ContractDocument().Operation("GET", "/v1/events").Content(503)?.ContainsKey("application/problem+json") == true,
            "The contract does not say that GET /v1/events may answer 503.");
    }

    [Fact]
    public async Task ReadsGoWhereTheReadOnlyConnectionStringSays_AndWritesStayOnThePrimary()
    {
        await using var primary = new TimelineApiFactory();
        _ = primary.Server;
        var readOnly = TestStore.ConnectionString(primary.DatabasePath, pooling: true) + ";Options=-c default_transaction_read_only=on";
        await using var replica = TimelineApiFactory.ForDatabase(primary.DatabasePath)
            .WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:TimelineReadOnly", readOnly));
        var client = replica.CreateClient();
        using (var listed = await client.GetAsync("/v1/events?limit=1"))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        var key = await primary.CreateKeyAsync("replica-writer");
        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/participants", """{"id": "replica-envoy", "name": "Replica Envoy", "kind": "person"}""", key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/participants/replica-envoy")).StatusCode);
    }

    [Fact]
    public async Task AClientsLimit_HoldsForTheDeployment_NotPerReplica()
    {
        const int Limit = 10;
        await using var pair = await LimitedReplicas.StartAsync(Limit, secondsNeeded: 5);
        var replicas = pair.Clients;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * Limit; i++)
        {
            using var response = await replicas[i % 2].GetAsync("/v1/participants?limit=1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            }
        }

        // Alternating between the replicas, the client gets its limit, not twice its limit.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2 * Limit)), statuses);
        Assert.Equal(HttpStatusCode.OK, (await replicas[0].GetAsync("/health/ready")).StatusCode); // a balancer's checks are not counted
    }

    [Fact]
    public async Task UnderConcurrentLoad_ReplicasTakingPermitsAFewAtATime_AdmitNoMoreThanTheLimit_AndNoFewer()
    {
        const int Limit = 300;
        await using var pair = await LimitedReplicas.StartAsync(Limit, secondsNeeded: 15);
        var replicas = pair.Clients;

        var admitted = 0;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 50; i++)
            {
                using var response = await replicas[(worker + i) % 2].GetAsync("/v1/participants?limit=1");
                _ = response.StatusCode == HttpStatusCode.OK ? Interlocked.Increment(ref admitted)
                    : response.StatusCode == HttpStatusCode.TooManyRequests ? Interlocked.Increment(ref refused)
                    : throw new InvalidOperationException($"Answered {(int)response.StatusCode}.");
            }
        }));

        // 400 requests over both replicas: the limit and no more, and what a replica held unused when the database
        // had no more to give was used by its next requests.
        Assert.Equal((Limit, 400 - Limit), (admitted, refused));
    }

    /// <summary>
    /// Two replicas over one new database, each allowing <c>Limits:ReadsPerMinute</c> of a client; started when the
    /// current minute has at least the seconds a test needs left, so that all its requests are counted in one minute.
    /// </summary>
    private sealed class LimitedReplicas : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _apps = [];

        public HttpClient[] Clients { get; private set; } = [];

        public static async Task<LimitedReplicas> StartAsync(int readsPerMinute, int secondsNeeded)
        {
            var pair = new LimitedReplicas();
            var a = new TimelineApiFactory();
            _ = a.Server;
            var b = TimelineApiFactory.ForDatabase(a.DatabasePath);
            var one = Limited(a, readsPerMinute);
            var two = Limited(b, readsPerMinute);
            pair._apps.AddRange([one, two, b, a]); // the primary's database goes last
            pair.Clients = [one.CreateClient(), two.CreateClient()];
            if (DateTime.UtcNow.Second > 60 - secondsNeeded)
            {
                await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
            }

            return pair;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in _apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static WebApplicationFactory<Program> Limited(TimelineApiFactory app, int readsPerMinute)
        => app.WithWebHostBuilder(builder => builder.UseSetting("Limits:ReadsPerMinute", readsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
