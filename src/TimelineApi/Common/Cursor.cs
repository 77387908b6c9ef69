using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TimelineApi.Common;

/// <summary>
/// Opaque paging cursors: the scope of the list that issued it (<see cref="ScopeOf"/>) and the sort
/// key of the last item a page returned, as base64url JSON. Clients pass them back unchanged; anything
/// else, or a cursor issued for another list, filter or sort, is rejected as a bad <c>cursor</c>.
/// </summary>
public static class Cursor
{
    /// <summary>Query parameters that do not change which items a list holds or their order.</summary>
    private static readonly HashSet<string> s_presentationParameters = ["cursor", "limit", "format", "bom"];

    public static string Encode(string scope, IEnumerable<string> key)
        => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes([scope, .. key], CursorJsonContext.Default.StringArray));

    /// <summary>
    /// A short hash of the path and of the parameters that select and order the items: a cursor
    /// continues only the list it came from.
    /// </summary>
    public static string ScopeOf(HttpRequest request)
    {
        var text = new StringBuilder(request.Path.Value);
        foreach (var (name, values) in request.Query.Where(q => !s_presentationParameters.Contains(q.Key)).OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append('=').Append(values.ToString());
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 6));
    }

    public static bool TryDecode(string value, string scope, int expectedParts, out string[] parts)
    {
        parts = [];
        try
        {
            var bytes = Base64Url.DecodeFromChars(value);
            var decoded = JsonSerializer.Deserialize(Encoding.UTF8.GetString(bytes), CursorJsonContext.Default.StringArray);
            if (decoded is null || decoded.Length != expectedParts + 1 || decoded.Any(p => p is null) || decoded[0] != scope)
            {
                return false;
            }

            parts = decoded[1..];
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class CursorJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
