using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// The body as a JSON object, or the error that says why it is not one (with 413 as its status
    /// when it is larger than <paramref name="maxBytes"/>, 415 when it is not JSON, else 400). With
    /// <paramref name="plainTextMember"/>, a <c>text/plain</c> body (UTF-8) is also taken, as an object holding
    /// the text under that member.
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
            // RFC 8259 8.1: a parser may ignore a byte order mark, and Windows tools often write one.
            var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (json.Span.StartsWith(Encoding.UTF8.Preamble))
            {
                json = json[Encoding.UTF8.Preamble.Length..];
            }

            if (!System.Text.Unicode.Utf8.IsValid(json.Span))
            {
                return (null, "The body is not valid UTF-8.", StatusCodes.Status400BadRequest);
            }

            var node = JsonNode.Parse(json.ToArray(), s_nodeOptions, s_documentOptions);
            return node is JsonObject body ? (body, null, 0) : (null, "The body must be a JSON object.", StatusCodes.Status400BadRequest);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}", StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// Binds a JSON object to a record; the error names the member at fault and what it should be, in the
    /// API's terms. With <paramref name="readShape"/> (the type the API answers with), a body read from the
    /// API binds as it is: members only the read shape has (<c>name</c> of an event's participant, a meeting's
    /// <c>history</c>, a source's <c>length</c>) are dropped, and a reference the read shape gives as an object
    /// (a statement's <c>speaker</c>) is taken by its <c>id</c>.
    /// </summary>
    public static (T? Value, string? Path, string? Error) Bind<T>(JsonObject body, Type? readShape = null)
    {
        var write = Json.GetTypeInfo(typeof(T));
        if (readShape is not null)
        {
            Conform(body, write, Json.GetTypeInfo(readShape));
        }

        try
        {
            return (body.Deserialize<T>(Json), null, null);
        }
        catch (JsonException e)
        {
            return Describe<T>(e, write);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses strings that are not well-formed UTF-16 (an escaped lone surrogate).
            return (default, "body", "The body holds text that is not well-formed Unicode (a lone surrogate).");
        }
    }

    private static void Conform(JsonObject body, JsonTypeInfo write, JsonTypeInfo read)
    {
        foreach (var (name, value) in body.ToList())
        {
            var writeMember = write.Properties.FirstOrDefault(p => p.Name == name);
            var readMember = read.Properties.FirstOrDefault(p => p.Name == name);
            if (writeMember is null)
            {
                if (readMember is not null)
                {
                    body.Remove(name);
                }

                continue;
            }

            if (readMember is null || value is null)
            {
                continue;
            }

            var writeType = Json.GetTypeInfo(writeMember.PropertyType);
            var readType = Json.GetTypeInfo(readMember.PropertyType);
            if (writeMember.PropertyType == typeof(string) && value is JsonObject reference
                && reference["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            {
                body[name] = id.GetValue<string>();
            }
            else if (writeType.Kind == JsonTypeInfoKind.Object && readType.Kind == JsonTypeInfoKind.Object && value is JsonObject child)
            {
                Conform(child, writeType, readType);
            }
            else if (writeType.ElementType is { } writeElement && readType.ElementType is { } readElement && value is JsonArray items)
            {
                var writeItem = Json.GetTypeInfo(writeElement);
                var readItem = Json.GetTypeInfo(readElement);
                foreach (var item in items.OfType<JsonObject>())
                {
                    Conform(item, writeItem, readItem);
                }
            }
        }
    }

    /// <summary>Says what is wrong at the member a binding error is about, without naming the implementation's types.</summary>
    private static (T? Value, string? Path, string? Error) Describe<T>(JsonException e, JsonTypeInfo root)
    {
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
        var unmapped = System.Text.RegularExpressions.Regex.Match(e.Message, "The JSON property '(?<name>[^']*)' could not be mapped");
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var owner = path == "body" ? string.Empty : path.EndsWith(name, StringComparison.Ordinal) ? path[..^name.Length].TrimEnd('.') : path;
            var members = TypeAt(root, owner) is { Kind: JsonTypeInfoKind.Object } type
                ? $" It takes: {string.Join(", ", type.Properties.Select(p => p.Name))}."
                : string.Empty;
            var memberPath = owner.Length == 0 ? name : $"{owner}.{name}";
            return (default, memberPath, $"'{memberPath}' is not a member here.{members}");
        }

        return (default, path, TypeAt(root, path == "body" ? string.Empty : path) is { } expected
            ? $"'{path}' must be {Expected(expected)}."
            : $"'{path}' is not valid here.");
    }

    /// <summary>The type at a member path such as <c>participants[0].roles[1].role</c>, or null when the path leads nowhere.</summary>
    private static JsonTypeInfo? TypeAt(JsonTypeInfo root, string path)
    {
        var type = root;
        foreach (var segment in System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value))
        {
            Type? next = segment.StartsWith('[')
                ? type.ElementType
                : type.Properties.FirstOrDefault(p => p.Name == segment)?.PropertyType;
            if (next is null)
            {
                return null;
            }

            type = Json.GetTypeInfo(next);
        }

        return type;
    }

    private static string Expected(JsonTypeInfo type)
    {
        var clr = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        var nullable = !type.Type.IsValueType || Nullable.GetUnderlyingType(type.Type) is not null ? " or null" : string.Empty;
        return type.Kind switch
        {
            JsonTypeInfoKind.Object => $"an object with {string.Join(", ", type.Properties.Select(p => p.Name))}{nullable}",
            JsonTypeInfoKind.Enumerable => $"an array{nullable}",
            _ when clr == typeof(string) => $"a string{nullable}",
            _ when clr == typeof(bool) => $"true or false{nullable}",
            _ when clr == typeof(int) || clr == typeof(long) => $"a whole number{nullable}",
            _ when clr == typeof(double) || clr == typeof(decimal) => $"a number{nullable}",
            _ => $"a value of the documented type{nullable}",
        };
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
