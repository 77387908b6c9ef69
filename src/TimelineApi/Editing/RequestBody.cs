using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using TimelineApi.Common;

namespace TimelineApi.Editing;

/// <summary>
/// Reads write requests: JSON objects at most <see cref="MaxDepth"/> levels deep, merged by JSON
/// merge patch (RFC 7396) where asked, then bound to a record with unknown members refused, so
/// that a typo in a field name is an error rather than silently ignored.
/// </summary>
public static class RequestBody
{
    public const int MaxDepth = 16;

    /// <summary>The media types a JSON body may be sent as: JSON, and JSON merge patch (RFC 7396) for a PATCH.</summary>
    private static readonly string[] s_json = ["application/json", "application/merge-patch+json"];

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
    public static async Task<(JsonObject? Body, StrictJson.Refusal? Error, int Status)> ReadObjectAsync(HttpRequest request, long maxBytes, CancellationToken ct, string? plainTextMember = null)
    {
        var accepted = plainTextMember is null ? s_json : [.. s_json, "text/plain"];
        var mediaType = request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed) ? parsed : null;
        if (request.ContentType is not null && (mediaType is null || !accepted.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase)))
        {
            return (null, new("Content-Type", $"The body must be one of {string.Join(", ", accepted)}, not '{request.ContentType}'."), StatusCodes.Status415UnsupportedMediaType);
        }

        if (mediaType?.Charset.Value is { } charset && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new("Content-Type", $"The body must be UTF-8 (RFC 8259 8.1), not charset '{charset}'."), StatusCodes.Status415UnsupportedMediaType);
        }

        var plain = mediaType?.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) == true;
        var tooLarge = new StrictJson.Refusal("body", $"The body is larger than {maxBytes} bytes.");
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
            string text;
            try
            {
                text = s_strictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                return (null, new("body", "The text is not valid UTF-8."), StatusCodes.Status400BadRequest);
            }

            return StrictJson.TextProblem(text) is { } problem
                ? (null, new("body", $"The text {problem}"), StatusCodes.Status400BadRequest)
                : (new JsonObject { [plainTextMember!] = text }, null, 0);
        }

        var (node, refused) = StrictJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), MaxDepth);
        return refused is not null ? (null, refused, StatusCodes.Status400BadRequest)
            : node is JsonObject body ? (body, null, 0)
            : (null, new StrictJson.Refusal("body", "The body must be a JSON object."), StatusCodes.Status400BadRequest);
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

    /// <summary>What is wrong with a JSON value read as <paramref name="shape"/>, in the API's terms (no type of the implementation named).</summary>
    public static string Explain(JsonException e, Type shape) => Describe<object>(e, Json.GetTypeInfo(shape)).Error!;

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
