using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TimelineApi.Editing;

/// <summary>
/// Reads write requests: JSON objects at most <see cref="MaxDepth"/> levels deep, merged by JSON
/// merge patch (RFC 7396) where asked, then bound to a record with unknown members refused, so
/// that a typo in a field name is an error rather than silently ignored.
/// </summary>
public static class RequestBody
{
    public const int MaxDepth = 16;

    private static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = MaxDepth };

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// The body as a JSON object, or the error that says why it is not one (with 413 as its status
    /// when it is larger than <paramref name="maxBytes"/>, 415 when it is not JSON, else 400).
    /// </summary>
    /// <summary>
    /// Reads a JSON object body. With <paramref name="plainTextMember"/>, a <c>text/plain</c> body (UTF-8) is
    /// also taken, as an object holding the text under that member.
    /// </summary>
    public static async Task<(JsonObject? Body, string? Error, int Status)> ReadObjectAsync(HttpRequest request, long maxBytes, CancellationToken ct, string? plainTextMember = null)
    {
        var plain = plainTextMember is not null && request.ContentType is { } t && t.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
        if (!plain && request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase))
        {
            var accepted = plainTextMember is null ? "JSON (Content-Type application/json)" : "JSON (Content-Type application/json) or text/plain";
            return (null, $"The body must be {accepted}, not '{type}'.", StatusCodes.Status415UnsupportedMediaType);
        }

        var tooLarge = $"The body is larger than {maxBytes} bytes.";
        if (request.ContentLength > maxBytes)
        {
            return (null, tooLarge, StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, tooLarge, StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        if (plain)
        {
            try
            {
                return (new JsonObject { [plainTextMember!] = s_strictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) }, null, 0);
            }
            catch (DecoderFallbackException)
            {
                return (null, "The text is not valid UTF-8.", StatusCodes.Status400BadRequest);
            }
        }

        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), s_nodeOptions, s_documentOptions);
            return node is JsonObject body ? (body, null, 0) : (null, "The body must be a JSON object.", StatusCodes.Status400BadRequest);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Binds a JSON object to a record; the error names the member at fault.</summary>
    public static (T? Value, string? Path, string? Error) Bind<T>(JsonObject body)
    {
        try
        {
            return (body.Deserialize<T>(Json), null, null);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var message = e.Message.Split(" Path:", 2)[0];
            return (default, path, message);
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses strings that are not well-formed UTF-16 (an escaped lone surrogate).
            return (default, "body", $"The body holds text that is not well-formed Unicode: {e.Message}");
        }
    }

    /// <summary>Applies a JSON merge patch (RFC 7396): members set to null are removed, objects merged, the rest replaced.</summary>
    public static JsonObject MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }

        return target;
    }
}
