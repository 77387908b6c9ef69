using System.ComponentModel.DataAnnotations;

namespace TimelineApi.Http;

/// <summary>HTTP caching and cross-origin settings (section <c>Http</c>).</summary>
public sealed class HttpCachingOptions
{
    public const string Section = "Http";

    /// <summary>
    /// How long clients and shared caches may reuse an answer without asking again. 0 (the default)
    /// makes them revalidate every time, which costs a 304 when nothing changed.
    /// </summary>
    [Range(0, 86_400)]
    public int MaxAgeSeconds { get; set; }

    /// <summary>
    /// Memory for answers kept ready to send, in megabytes (0 turns the response cache off). An
    /// answer is found again by the same key as its ETag, which includes the data version, so a
    /// write makes every earlier answer unreachable: a cached answer is never stale.
    /// </summary>
    [Range(0, 4096)]
    public int ResponseCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// Origins allowed to read the API from a browser. None configured (the default), or <c>*</c>
    /// among them, allows any origin.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// The address clients reach the API at (<c>https://timeline.example.org</c>), for links that must be absolute:
    /// <c>Link</c> headers and the TimelineJS export's source links. Unset (the default), links are relative to the
    /// API's own origin: an answer never repeats the <c>Host</c> a request sent, so no cache can keep a forged one.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The prefix of a link to <paramref name="pathBase"/>: the public base URL when one is set, else nothing (relative).</summary>
    public string LinkBase(PathString pathBase) => (PublicBaseUrl?.TrimEnd('/') ?? string.Empty) + pathBase;
}
