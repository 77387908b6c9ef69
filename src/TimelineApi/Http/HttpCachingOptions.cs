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
    /// Origins allowed to read the API from a browser. None configured (the default), or <c>*</c>
    /// among them, allows any origin.
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];
}
