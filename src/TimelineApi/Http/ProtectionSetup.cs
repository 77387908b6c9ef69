using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace TimelineApi.Http;

/// <summary>Rate limits per client and security headers on every answer.</summary>
public static class ProtectionSetup
{
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitsOptions>>((options, limits) =>
        {
            var reads = limits.Value.ReadsPerMinute;
            var writes = limits.Value.WritesPerMinute;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var isRead = IsRead(http.Request);
                return RateLimitPartition.GetFixedWindowLimiter((isRead ? "read|" : "write|") + ClientOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = isRead ? reads : writes,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                Telemetry.TimelineMetrics.Refused(IsRead(context.HttpContext.Request) ? "reads" : "writes");
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                    detail: $"This client has used its requests for now: retry after {retryAfter} seconds.").ExecuteAsync(context.HttpContext);
            };
        });
        services.AddSingleton<RequestBudgets>();
        return services;
    }

    /// <summary>Whether a request counts against the reads' limit (else the writes').</summary>
    private static bool IsRead(HttpRequest request)
        => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);

    /// <summary>Who a request counts against: its key when it sends one, else its address.</summary>
    public static string ClientOf(HttpContext http)
        => http.User.Identity?.IsAuthenticated == true ? "key:" + http.User.Identity.Name : "address:" + http.Connection.RemoteIpAddress;

    /// <summary>Headers that keep browsers from misusing answers: no sniffing, no framing, no referrer, no active content.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
        => app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "cross-origin";
                if (context.Request.Path.StartsWithSegments("/swagger"))
                {
                    // Swagger UI sets out its own needs.
                }
                else if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                {
                    // The dashboard: its own scripts, styles and API calls, nothing from elsewhere.
                    headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                }
                else
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
