namespace TimelineApi.Http;

/// <summary>Limits per client (<see cref="ClientLimits"/>) and security headers on every answer.</summary>
public static class ProtectionSetup
{
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<IClientWindows>(services => ClientLimits.WindowsFor(services));
        services.AddSingleton<RequestBudgets>();
        return services;
    }

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
