using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TimelineApi.Common;

/// <summary>
/// Reads JSON texts as the API takes them: RFC 8259 with the choices it leaves to each reader made as I-JSON
/// (RFC 7493) makes them, so that every client gets the same answer whatever its own parser would have done.
/// Refused, each with the member at fault: text that is not UTF-8 (I-JSON 2.1); a member name twice in one object
/// (2.3; RFC 8259 4 leaves it open); a string that is not well-formed Unicode, an escaped lone surrogate (2.1), or
/// holds a noncharacter (2.1) or U+0000 (which neither store can hold); a number outside IEEE 754 double precision
/// (2.2; RFC 8259 6 leaves its range open); nesting deeper than the API's limit (RFC 8259 9). A byte order mark
/// before the text is passed over (RFC 8259 8.1). A number with a zero fraction or an exponent that makes it whole
/// (<c>1.0</c>, <c>1e2</c>, <c>-0</c>) is the whole number it equals, as JSON Schema reads <c>integer</c>.
/// </summary>
public static class StrictJson
{
    private static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };

    /// <summary>A JSON text refused, with where (a member path such as <c>participants[0].roles</c>, or <c>body</c>) and why.</summary>
    public sealed record Refusal(string Path, string Message);

    /// <summary>The JSON text parsed, or why it is refused; <paramref name="root"/> names the whole text in paths.</summary>
    public static (JsonNode? Node, Refusal? Refused) Parse(ReadOnlySpan<byte> utf8, int maxDepth, string root = "body")
    {
        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        if (System.Text.Unicode.Utf8.IsValid(utf8) is false)
        {
            return (null, new Refusal(root, $"The {root} is not valid UTF-8 (RFC 8259 8.1)."));
        }

        if (Check(utf8, maxDepth, root) is { } refused)
        {
            return (null, refused);
        }

        var node = JsonNode.Parse(utf8, s_nodeOptions, new JsonDocumentOptions { MaxDepth = maxDepth });
        return (WholeNumbers(node), null);
    }

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, int, string)"/>
    public static (JsonNode? Node, Refusal? Refused) Parse(string text, int maxDepth, string root = "body")
        => Parse(Encoding.UTF8.GetBytes(text), maxDepth, root);

    private static Refusal? Check(ReadOnlySpan<byte> utf8, int maxDepth, string root)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        var path = new Stack<Frame>();
        var values = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.Push(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Pop();
                        Advance(path);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = path.Peek();
                        if (Text(ref reader) is { } nameProblem)
                        {
                            frame.Member = null;
                            return new Refusal(PathOf(path, root), $"A member name in '{PathOf(path, root)}' {nameProblem}");
                        }

                        frame.Member = reader.GetString()!;
                        if (!frame.Names!.Add(frame.Member))
                        {
                            return new Refusal(PathOf(path, root), $"'{PathOf(path, root)}' is given twice in one object; each member may appear once (RFC 7493 2.3).");
                        }

                        break;
                    case JsonTokenType.String:
                        if (Text(ref reader) is { } textProblem)
                        {
                            return new Refusal(PathOf(path, root), $"'{PathOf(path, root)}' {textProblem}");
                        }

                        Advance(path);
                        break;
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            return new Refusal(PathOf(path, root), $"'{PathOf(path, root)}' is a number outside the range of IEEE 754 double precision (RFC 7493 2.2).");
                        }

                        Advance(path);
                        break;
                    default:
                        Advance(path);
                        break;
                }

                values += path.Count == 0 ? 1 : 0;
            }

            return null;
        }
        catch (JsonException e) when (path.Count >= maxDepth)
        {
            return new Refusal(root, $"The {root} nests objects and arrays deeper than {maxDepth} levels (at {Where(e)}).");
        }
        catch (JsonException) when (values > 0 && path.Count == 0)
        {
            return new Refusal(root, $"The {root} holds more than one JSON value; it must be one object.");
        }
        catch (JsonException e)
        {
            return new Refusal(root, Describe(utf8, e, root));
        }
    }

    /// <summary>Why a string token (a value or a member name) is refused, or null when it is well-formed text.</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return TextProblem(reader.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return "holds an escaped lone surrogate (\\uD800–\\uDFFF without its pair): not well-formed Unicode (RFC 7493 2.1).";
        }
    }

    /// <summary>Why text is refused (it holds U+0000 or a noncharacter), said as the end of a sentence; null when it is taken.</summary>
    public static string? TextProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            int scalar = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                scalar = char.ConvertToUtf32(text[i], text[++i]);
            }

            if (scalar == 0)
            {
                return "holds U+0000 (NUL), which text here cannot hold.";
            }

            if (scalar is >= 0xFDD0 and <= 0xFDEF || (scalar & 0xFFFE) == 0xFFFE)
            {
                return $"holds the noncharacter U+{scalar:X4} (RFC 7493 2.1).";
            }
        }

        return null;
    }

    private static string Where(JsonException e) => $"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}";

    private static string Describe(ReadOnlySpan<byte> utf8, JsonException e, string root)
    {
        var offset = 0;
        for (var line = 0; line < e.LineNumber && offset < utf8.Length; line++)
        {
            var next = utf8[offset..].IndexOf((byte)'\n');
            offset = next < 0 ? utf8.Length : offset + next + 1;
        }

        offset = (int)Math.Min(offset + (e.BytePositionInLine ?? 0), utf8.Length);
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return $"The {root} is empty; it must be a JSON object.";
        }

        if (offset >= utf8.Length)
        {
            return $"The {root} ends before its JSON value does (at {Where(e)}).";
        }

        var at = utf8[offset];
        var before = utf8[..offset].TrimEnd(" \t\r\n"u8);
        var word = Word(utf8, offset);
        var found = at switch
        {
            (byte)'/' => "'/' starts a comment, which JSON does not have",
            (byte)'\'' => "a single quote; JSON strings and member names take double quotes",
            (byte)'}' or (byte)']' when before.EndsWith(","u8) => $"'{(char)at}' after a comma: a trailing comma, which JSON does not allow",
            (byte)'}' or (byte)']' when Word(utf8, before.Length - 1) is { Length: > 0 } previous => $"'{previous}' is not a JSON value {Literals}",
            (byte)'}' or (byte)']' => $"'{(char)at}' where a value or a member belongs",
            _ when word.Length > 0 => $"'{word}' is not a JSON value {Literals}",
            (byte)'"' or (byte)'{' or (byte)'[' when before.Length > 0 && before[^1] is (byte)'"' or (byte)'}' or (byte)']' or (>= (byte)'0' and <= (byte)'9') or (byte)'e' or (byte)'l'
                => $"'{(char)at}' right after a value: a comma is missing between them",
            < 0x20 => $"the control character U+{at:X4}, which must be escaped inside a string",
            < 0x80 => $"'{(char)at}' is not expected there",
            _ => "a character that cannot stand there outside a string",
        };
        return $"The {root} is not valid JSON (RFC 8259) at {Where(e)}: {found}.";
    }

    private const string Literals = "(JSON has true, false, null, numbers, and strings and member names in double quotes)";

    /// <summary>The bare word (letters, digits, '_', '-', '.') around <paramref name="offset"/>: a literal a client misspelled or left unquoted.</summary>
    private static string Word(ReadOnlySpan<byte> utf8, int offset)
    {
        static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or (byte)'.';
        if (offset < 0 || offset >= utf8.Length || !char.IsAsciiLetter((char)utf8[offset]) && !IsWordByte(utf8[offset]))
        {
            return string.Empty;
        }

        var start = offset;
        while (start > 0 && IsWordByte(utf8[start - 1]))
        {
            start--;
        }

        var end = offset;
        while (end < utf8.Length && IsWordByte(utf8[end]) && end - start < 40)
        {
            end++;
        }

        var word = System.Text.Encoding.ASCII.GetString(utf8[start..end]);
        return word.Any(char.IsAsciiLetter) ? word : string.Empty;
    }

    /// <summary>Numbers written with a zero fraction or an exponent that are whole numbers become those whole numbers.</summary>
    private static JsonNode? WholeNumbers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (WholeNumber(value) is { } whole)
                    {
                        o[name] = whole;
                    }
                    else
                    {
                        WholeNumbers(value);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (WholeNumber(a[i]) is { } whole)
                    {
                        a[i] = whole;
                    }
                    else
                    {
                        WholeNumbers(a[i]);
                    }
                }

                break;
        }

        return node;
    }

    private static JsonValue? WholeNumber(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var written = value.ToJsonString();
        if (!written.AsSpan().ContainsAny(".eE"))
        {
            return written == "-0" ? JsonValue.Create(0L) : null;
        }

        var number = value.GetValue<double>();
        return Math.Abs(number) <= (1L << 53) && number == Math.Floor(number) ? JsonValue.Create((long)number) : null;
    }

    private sealed class Frame(bool isObject)
    {
        public HashSet<string>? Names { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string? Member { get; set; }

        public int Index { get; set; }
    }

    /// <summary>After a value: an array moves to its next element; an object waits for its next member name.</summary>
    private static void Advance(Stack<Frame> path)
    {
        if (path.TryPeek(out var frame) && frame.Names is null)
        {
            frame.Index++;
        }
    }

    private static string PathOf(Stack<Frame> path, string root)
    {
        var builder = new StringBuilder();
        foreach (var frame in path.Reverse())
        {
            if (frame.Names is not null)
            {
                if (frame.Member is not null)
                {
                    builder.Append(builder.Length == 0 ? string.Empty : ".").Append(frame.Member);
                }
            }
            else
            {
                builder.Append('[').Append(frame.Index).Append(']');
            }
        }

        return builder.Length == 0 ? root : builder.ToString();
    }
}
