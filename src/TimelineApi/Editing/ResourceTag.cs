using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace TimelineApi.Editing;

/// <summary>
/// The ETag of one resource: derived from its kind, id and version (raised by every write to it,
/// and to what it shows of others), and the build of the API. <c>If-Match</c> on a write must name it.
/// </summary>
public static class ResourceTag
{
    private static readonly string s_build = typeof(ResourceTag).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static string For(string resource, string id, long version)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{resource}\n{id}\n{version}\n{s_build}"), hash);
        return $"\"{resource[0]}{version}-{Convert.ToHexStringLower(hash[..8])}\"";
    }

    /// <summary>
    /// Whether <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison, RFC 9110 13.1.2: W/"x" matches "x"),
    /// or is <c>*</c> when <paramref name="anyMatches"/> (the caller knows the resource exists).
    /// </summary>
    public static bool NoneMatch(HttpRequest request, string etag, bool anyMatches = true)
        => request.Headers.IfNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => (anyMatches && t.Equals(EntityTagHeaderValue.Any)) || t.Tag.Value == etag);

    /// <summary>Whether <c>If-Match</c> names <paramref name="etag"/> (strong comparison, RFC 9110 13.1.1).</summary>
    public static bool Matches(HttpRequest request, string etag)
        => EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Value == etag));
}
