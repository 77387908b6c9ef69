using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TimelineApi.Data;

namespace TimelineApi.Http;

/// <summary>
/// Strong ETags and conditional GETs. An answer is fully determined by the data version, the build
/// of the API and the request (path, query, Accept), so its validator is a hash of those: a matching
/// <c>If-None-Match</c> gets its 304 before any query runs, and no answer is buffered to hash it.
/// The ETag names the identity-coded representation; compressed answers carry the same validator.
/// A single resource sets its own ETag from its version instead (see <see cref="Editing.ResourceTag"/>),
/// and <see cref="ResourceETagFilter"/> answers its 304s.
/// </summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next, DataVersion version, IOptions<HttpCachingOptions> options)
{
    private static readonly string s_build = typeof(ConditionalGetMiddleware).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string _cacheControl = options.Value.MaxAgeSeconds > 0
        ? $"public, max-age={options.Value.MaxAgeSeconds}"
        : "public, no-cache";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Path.StartsWithSegments("/health"))
        {
            return next(context);
        }

        var etag = ComputeETag(request);
        var response = context.Response;
        if (IfNoneMatchAllows(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ETag = etag;
            response.Headers.CacheControl = _cacheControl;
            return Task.CompletedTask;
        }

        response.OnStarting(() =>
        {
            if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                // A single resource carries its own ETag (its version); lists and the rest get the request's.
                if (string.IsNullOrEmpty(response.Headers.ETag))
                {
                    response.Headers.ETag = etag;
                }

                response.Headers.CacheControl = _cacheControl;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private string ComputeETag(HttpRequest request)
    {
        var key = string.Join('\n', version.Current, s_build, request.Path.Value, request.QueryString.Value, request.Headers.Accept.ToString());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return $"\"{Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_')}\"";
    }

    private static bool IfNoneMatchAllows(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0)
        {
            return false;
        }

        // If-None-Match compares weakly (RFC 9110, 13.1.2): W/"x" matches "x".
        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Value == etag);
    }
}
