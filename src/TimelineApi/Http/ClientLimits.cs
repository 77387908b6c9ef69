using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TimelineApi.Http;

/// <summary>
/// Requests per minute per client (its key when it sends one, else its address): reads (<c>Limits:ReadsPerMinute</c>)
/// and writes (<c>Limits:WritesPerMinute</c>) apart, full-text searches also on their own (<see cref="RequestBudgets"/>).
/// A request beyond its allowance answers 429 with <c>Retry-After</c>. The counts are kept where <c>Limits:Store</c>
/// says (<see cref="WindowsFor"/>): in Redis or the PostgreSQL database, the limits hold for every replica together.
/// The health checks are not counted: a balancer asks them every second.
/// </summary>
public static class ClientLimits
{
    /// <summary>
    /// The counts' store <c>Limits:Store</c> names: <c>process</c>, <c>postgres</c> or <c>redis</c>. Left out: Redis when
    /// <c>ConnectionStrings:Redis</c> is given, else the database on PostgreSQL, else the process.
    /// </summary>
    public static IClientWindows WindowsFor(IServiceProvider services)
    {
        var db = services.GetRequiredService<Data.Database>();
        var redis = services.GetRequiredService<IConfiguration>().GetConnectionString("Redis");
        var store = services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.Store?.Trim().ToLowerInvariant() switch
        {
            null or "" => !string.IsNullOrWhiteSpace(redis) ? "redis" : db.IsPostgres ? "postgres" : "process",
            var named => named,
        };
        return store switch
        {
            "process" => new ProcessWindows(),
            "postgres" when db.IsPostgres => new DatabaseWindows(db, services.GetRequiredService<TimeProvider>()),
            "postgres" => throw new InvalidOperationException("'Limits:Store' is 'postgres', but the timeline is stored in SQLite ('Storage:Provider')."),
            "redis" when !string.IsNullOrWhiteSpace(redis) => new RedisWindows(RedisWindows.Connect(redis), services.GetRequiredService<ILogger<RedisWindows>>()),
            "redis" => throw new InvalidOperationException("'Limits:Store' is 'redis', but 'ConnectionStrings:Redis' is not given."),
            _ => throw new InvalidOperationException($"'Limits:Store' is '{store}'; it must be 'process', 'postgres' or 'redis' (or left out: see the README)."),
        };
    }

    public static IApplicationBuilder UseClientLimits(this IApplicationBuilder app)
    {
        var windows = app.ApplicationServices.GetRequiredService<IClientWindows>();
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value;
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }

            var isRead = IsRead(http.Request);
            var kind = isRead ? "reads" : "writes";
            var count = await windows.CountAsync(kind + "|" + ProtectionSetup.ClientOf(http), isRead ? limits.ReadsPerMinute : limits.WritesPerMinute, http.RequestAborted);
            if (count.Admitted)
            {
                await next(http);
                return;
            }

            await RefuseAsync(http, kind, count.RetryAfterSeconds, $"This client has used its {kind} for now: retry after {count.RetryAfterSeconds} seconds.");
        });
    }

    /// <summary>Answers 429 with <c>Retry-After</c> for a client over its allowance of <paramref name="kind"/>, and counts it.</summary>
    public static Task RefuseAsync(HttpContext http, string kind, int retryAfterSeconds, string detail)
    {
        Telemetry.TimelineMetrics.Refused(kind);
        return WriteRefusalAsync(http, StatusCodes.Status429TooManyRequests, retryAfterSeconds, detail);
    }

    /// <summary>A refusal with its status, its <c>Retry-After</c> and what the client should do.</summary>
    public static async Task WriteRefusalAsync(HttpContext http, int status, int retryAfterSeconds, string detail)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: detail).ExecuteAsync(http);
    }

    /// <summary>Whether a request counts against the reads' allowance (else the writes').</summary>
    private static bool IsRead(HttpRequest request)
        => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
}
