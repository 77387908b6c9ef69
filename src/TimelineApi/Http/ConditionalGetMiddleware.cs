using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TimelineApi.Data;
using TimelineApi.Editing;

namespace TimelineApi.Http;

/// <summary>
/// Strong ETags and conditional GETs. An answer is fully determined by the data version, the build
/// of the API and the request (scheme, host, path, query, Accept), so its validator is a hash of those: a matching
/// <c>If-None-Match</c> gets its 304 before any query runs, and no answer is buffered to hash it.
/// The ETag names the identity-coded representation; compressed answers carry the same validator.
/// A single resource sets its own ETag from its version instead (see <see cref="Editing.ResourceTag"/>),
/// and <see cref="ResourceETagFilter"/> answers its 304s.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next, DataVersion version, IOptions<HttpCachingOptions> options)
{
    private const int MaxCachedBytes = 512 * 1024;

    private readonly MemoryCache? _cache = options.Value.ResponseCacheMegabytes > 0
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ResponseCacheMegabytes * 1024L * 1024L })
        : null;

    private static readonly string s_build = typeof(ConditionalGetMiddleware).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string _cacheControl = options.Value.MaxAgeSeconds > 0
        ? $"public, max-age={options.Value.MaxAgeSeconds}"
        : "public, no-cache";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Path.StartsWithSegments("/health") || Changes.ChangeEvents.IsStream(request))
        {
            await next(context);
            return;
        }

        var etag = ComputeETag(request, await version.CurrentAsync(context.RequestAborted));
        var response = context.Response;

        // Only an exact match is answered before the endpoint runs: `If-None-Match: *` matches what exists,
        // which only the endpoint knows (an unknown id is a 404 whatever the header says).
        if (ResourceTag.NoneMatch(request, etag, anyMatches: false))
        {
            NotModified(response, etag);
            return;
        }

        if (_cache is not null && request.Path.StartsWithSegments("/v1") && !IsExport(request))
        {
            await ServeCachedAsync(context, etag);
            return;
        }

        StampValidators(response, etag);
        await next(context);
    }

    /// <summary>
    /// Gives a successful answer its validators when it starts: its own ETag if the endpoint set one
    /// (a single resource, by its version), else the request's; and Cache-Control.
    /// </summary>
    private void StampValidators(HttpResponse response, string etag)
        => response.OnStarting(() =>
        {
            if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                if (string.IsNullOrEmpty(response.Headers.ETag))
                {
                    response.Headers.ETag = etag;
                }

                // Lists and exports follow Accept (JSON, CSV, NDJSON): a shared cache must key on it.
                response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, "Accept");

                response.Headers.CacheControl = _cacheControl;
            }

            return Task.CompletedTask;
        });

    private void NotModified(HttpResponse response, string etag)
    {
        response.StatusCode = StatusCodes.Status304NotModified;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = _cacheControl;
    }

    /// <summary>
    /// Exports stream whole lists: they are never buffered to be cached. An export is a list asked for as CSV or
    /// NDJSON, or an answer of an endpoint marked as one (<see cref="ExportEndpoint"/>: the calendars, TimelineJS).
    /// </summary>
    internal static bool IsExport(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        var accept = request.Headers.Accept.ToString();
        return format is "csv" or "ndjson"
            || (format.Length == 0 && (accept.Contains("csv", StringComparison.OrdinalIgnoreCase) || accept.Contains("ndjson", StringComparison.OrdinalIgnoreCase)))
            || request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ExportEndpoint>() is not null;
    }

    /// <summary>An answer kept ready to send: its body and the headers that go with it.</summary>
    private sealed record CachedAnswer(byte[] Body, string? ContentType, string? ETag, string? Link, string? ContentDisposition);

    /// <summary>
    /// Answers from the cache when the same request was answered since the data last changed;
    /// otherwise runs the endpoint, keeping its answer when it is a 200 of moderate size.
    /// </summary>
    private async Task ServeCachedAsync(HttpContext context, string key)
    {
        var response = context.Response;
        if (_cache!.TryGetValue(key, out CachedAnswer? hit) && hit is not null)
        {
            Telemetry.TimelineMetrics.ResponseCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            if (hit.ETag is not null && ResourceTag.NoneMatch(context.Request, hit.ETag))
            {
                NotModified(response, hit.ETag);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = hit.ContentType;
            response.ContentLength = hit.Body.Length;
            response.Headers.ETag = hit.ETag ?? key;
            response.Headers.CacheControl = _cacheControl;
            response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, "Accept");
            if (hit.Link is not null)
            {
                response.Headers.Link = hit.Link;
            }

            if (hit.ContentDisposition is not null)
            {
                response.Headers.ContentDisposition = hit.ContentDisposition;
            }

            await response.Body.WriteAsync(hit.Body, context.RequestAborted);
            return;
        }

        Telemetry.TimelineMetrics.ResponseCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            StampValidators(response, key);
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxCachedBytes)
        {
            var answer = new CachedAnswer(buffer.ToArray(), response.ContentType, response.Headers.ETag, response.Headers.Link, response.Headers.ContentDisposition);
            _cache.Set(key, answer, new MemoryCacheEntryOptions { Size = answer.Body.Length + 512, SlidingExpiration = TimeSpan.FromMinutes(10) });
            Telemetry.TimelineMetrics.ResponseCacheBytesStored.Add(answer.Body.Length);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static string ComputeETag(HttpRequest request, string dataVersion)
    {
        // Scheme and host too: answers hold absolute URLs (Link: rel="next", TimelineJS source links).
        var key = string.Join('\n', dataVersion, s_build, request.Path.Value, request.QueryString.Value, request.Headers.Accept.ToString());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return $"\"{Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_')}\"";
    }
}

/// <summary>Marks an endpoint whose every answer is an export, streamed whole and never kept in the response cache.</summary>
public sealed class ExportEndpoint
{
    private ExportEndpoint()
    {
    }

    public static ExportEndpoint Instance { get; } = new();
}

public static class ExportEndpointExtensions
{
    /// <summary>Marks the endpoint's answers as exports (<see cref="ExportEndpoint"/>).</summary>
    public static RouteHandlerBuilder AnswersExports(this RouteHandlerBuilder route) => route.WithMetadata(ExportEndpoint.Instance);
}
