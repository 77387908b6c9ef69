using StackExchange.Redis;

namespace TimelineApi.Http;

/// <summary>
/// The counts in Redis (<c>ConnectionStrings:Redis</c>, a StackExchange.Redis configuration string), for deployments that
/// run one: a key per client and minute (<c>timeline:limits:{allowance}:minute</c>), counted and given its expiry by one
/// script, on the Redis server's clock. While Redis cannot be reached, each process counts in its own memory
/// (<see cref="ProcessWindows"/>), so the limits still hold per process, and a warning says so (once a minute at most).
/// </summary>
public sealed partial class RedisWindows(IConnectionMultiplexer redis, ILogger<RedisWindows> logger) : IClientWindows, IDisposable
{
    private const string CountScript = """
        local now = redis.call('TIME')
        local second = tonumber(now[1])
        local key = KEYS[1] .. ':' .. math.floor(second / 60)
        local used = redis.call('INCR', key)
        if used == 1 then redis.call('EXPIRE', key, 120) end
        return {used, 60 - second % 60}
        """;

    private readonly ProcessWindows _fallback = new();
    private long _nextWarning;

    public string Store => "redis";

    /// <summary>Connects without waiting for Redis: commands sent while it is away fail at once (and the fallback counts).</summary>
    public static IConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(options);
    }

    public async ValueTask<WindowCount> CountAsync(string allowance, int limit, CancellationToken ct)
    {
        try
        {
            var answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                CountScript, [new RedisKey("timeline:limits:{" + allowance + "}")]))!;
            return new WindowCount((long)answer[0] <= limit, (int)(long)answer[1]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            var now = Environment.TickCount64;
            var next = Interlocked.Read(ref _nextWarning);
            if (now >= next && Interlocked.CompareExchange(ref _nextWarning, now + 60_000, next) == next)
            {
                LogStoreUnavailable(logger, e);
            }

            Telemetry.TimelineMetrics.LimitsStoreErrors.Add(1);
            return await _fallback.CountAsync(allowance, limit, ct);
        }
    }

    public void Dispose()
    {
        _fallback.Dispose();
        redis.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis could not count a request: the limits are counted per process until it answers again")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
