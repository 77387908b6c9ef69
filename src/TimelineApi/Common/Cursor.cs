using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace TimelineApi.Common;

/// <summary>
/// Opaque paging cursors: the sort key of the last item a page returned, as base64url JSON.
/// Clients pass them back unchanged; anything else is rejected as a bad <c>cursor</c>.
/// </summary>
public static class Cursor
{
    public static string Encode(params string[] parts)
        => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(parts, CursorJsonContext.Default.StringArray));

    public static bool TryDecode(string value, int expectedParts, out string[] parts)
    {
        parts = [];
        try
        {
            var bytes = Base64Url.DecodeFromChars(value);
            var decoded = JsonSerializer.Deserialize(Encoding.UTF8.GetString(bytes), CursorJsonContext.Default.StringArray);
            if (decoded is null || decoded.Length != expectedParts || decoded.Any(p => p is null))
            {
                return false;
            }

            parts = decoded;
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
