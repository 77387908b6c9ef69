using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace TimelineApi.Http;

public static class HttpSetup
{
    /// <summary>The media types answers are compressed for, beyond the framework's defaults.</summary>
    private static readonly string[] s_compressedTypes =
        ["application/problem+json", "text/csv", "application/x-ndjson", "text/calendar"];

    public static IServiceCollection AddHttpCaching(this IServiceCollection services)
    {
        services.AddOptions<HttpCachingOptions>()
            .BindConfiguration(HttpCachingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<HttpCachingOptions>>((cors, http) => cors.AddDefaultPolicy(policy =>
            {
                var origins = http.Value.CorsOrigins;
                if (origins.Length == 0 || origins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins(origins);
                }

                // Keyed writes from a dashboard on an allowed origin: the preflight allows the headers a
                // write sends, and scripts may read the validators, paging links and limits of an answer.
                policy.WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
                    .WithHeaders("Accept", "Authorization", "Content-Type", "If-Match", "If-None-Match", "Last-Event-ID")
                    .WithExposedHeaders("ETag", "Link", "Location", "Retry-After", "Content-Disposition", "Last-Modified");
            }));

        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(s_compressedTypes);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compression and CORS, outermost: they apply to every answer, cached or not.</summary>
    public static IApplicationBuilder UseCompressionAndCors(this IApplicationBuilder app)
        => app.UseResponseCompression().UseCors();

    /// <summary>
    /// Answers each GET (and HEAD) from one snapshot of the data: all the reads of its <see cref="Data.DbSession"/>
    /// share one connection in one read transaction, begun at its first read, within the read's budget
    /// (<see cref="RequestBudgets"/>). (The change stream, which lives long, reads anew each time.)
    /// </summary>
    public static IApplicationBuilder UseReadSnapshots(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || Changes.ChangeEvents.IsStream(context.Request))
            {
                await next(context);
                return;
            }

            await context.RequestServices.GetRequiredService<RequestBudgets>().RunReadAsync(
                context, context.RequestServices.GetRequiredService<Data.DbSession>(), next);
        });

    /// <summary>
    /// The dashboard at <c>/</c>: static files (<c>wwwroot</c>: HTML, CSS and JavaScript drawing SVG) that read
    /// the public API like any client. They are embedded in the assembly, as the seed is, so the built app serves
    /// them from whatever folder it is started in.
    /// </summary>
    public static IApplicationBuilder UseDashboard(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(HttpSetup).Assembly, "Dashboard");
        return app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files })
            .UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>ETags, 304s and the response cache: after rate limiting, so cached answers still count.</summary>
    public static IApplicationBuilder UseHttpCaching(this IApplicationBuilder app)
        => app.UseMiddleware<ConditionalGetMiddleware>();
}
