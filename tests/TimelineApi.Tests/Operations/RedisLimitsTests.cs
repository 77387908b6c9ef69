using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Http;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Operations;

/// <summary>
/// Limits counted in a real Redis (Debian's <c>redis-server</c>, started for each test on a port of its own), shared by
/// two apps over one database as by two replicas; and what happens while Redis is away.
/// </summary>
public sealed class RedisLimitsTests
{
    private const int Limit = 6;

    [SkippableFact]
    public async Task WithRedis_AClientsLimit_HoldsForTwoReplicasTogether()
    {
        using var redis = RedisServer.Start();
        await using var a = new TimelineApiFactory();
        _ = a.Server;
        await using var b = TimelineApiFactory.ForDatabase(a.DatabasePath);
        await using var one = Limited(a, redis.Configuration);
        await using var two = Limited(b, redis.Configuration);
        Assert.Equal("redis", one.Services.GetRequiredService<IClientWindows>().Store);
        await WithinOneMinuteAsync();

        HttpClient[] replicas = [one.CreateClient(), two.CreateClient()];
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * Limit; i++)
        {
            using var response = await replicas[i % 2].GetAsync("/v1/participants?limit=1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, Limit)), statuses);
    }

    [SkippableFact]
    public async Task WhileRedisIsAway_EachProcessCountsItsOwnRequests_AndNoneFails()
    {
        var redis = RedisServer.Start();
        await using var root = new TimelineApiFactory();
        await using var app = Limited(root, redis.Configuration);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/participants?limit=1")).StatusCode);
        redis.Dispose(); // Redis goes away
        await WithinOneMinuteAsync();

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 2; i++)
        {
            statuses.Add((await client.GetAsync("/v1/participants?limit=1")).StatusCode);
        }

        // The process's own count starts when Redis went away; every request is answered at once, none with 5xx.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Requests waited for Redis: {clock.Elapsed}.");
    }

    [Fact]
    public async Task AStoreThatCannotBeUsed_StopsTheStartWithWhatToSet()
    {
        await using var root = new TimelineApiFactory();
        var app = root.WithWebHostBuilder(b => b.UseSetting("Limits:Store", "redis"));
        var error = Assert.Throws<InvalidOperationException>(() => app.Services.GetRequiredService<IClientWindows>());
        Assert.Contains("ConnectionStrings:Redis", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    private static WebApplicationFactory<Program> Limited(TimelineApiFactory app, string redis)
        => app.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Redis", redis)
            .UseSetting("Limits:ReadsPerMinute", Limit.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Waits, if the minute is about to turn, for the next one: a test's requests are then counted in one window.</summary>
    private static async Task WithinOneMinuteAsync()
    {
        if (DateTime.UtcNow.Second >= 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }
    }

    /// <summary>A Redis server of the test's own on 127.0.0.1, keeping nothing on disk; ended on disposal.</summary>
    private sealed class RedisServer : IDisposable
    {
        private readonly Process _process;

        private RedisServer(Process process, int port)
        {
            _process = process;
            Configuration = $"127.0.0.1:{port}";
        }

        public string Configuration { get; }

        public static RedisServer Start()
        {
            var program = OutsideTools.FindOnPath("redis-server");
            OutsideTools.Require(program is not null, "Redis is not installed (Debian: apt-get install redis-server).");
            var port = ServerProcess.FreePort();
            var process = OutsideTools.StartQuietly(program!, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"]);
            for (var deadline = DateTime.UtcNow.AddSeconds(10); ; Thread.Sleep(50))
            {
                try
                {
                    using var probe = new TcpClient("127.0.0.1", port);
                    return new RedisServer(process, port);
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    // not listening yet
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
