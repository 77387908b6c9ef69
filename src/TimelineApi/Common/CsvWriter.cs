using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TimelineApi.Common;

/// <summary>
/// Writes items as RFC 4180 CSV, with columns taken from their JSON shape: nested objects become
/// dotted columns (<c>speaker.id</c>), lists one column of values joined with <c>"; "</c> (objects in a
/// list by their name and <c>id</c>, <c>Joe Biden (joe-biden): participant/host</c>, with their <c>roles</c> joined by
/// <c>/</c> when they have them; objects without an id by their first member).
/// A cell that a spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// a tab or a carriage return) gets a leading <c>'</c>, as OWASP's CSV injection guidance advises, so
/// it shows as the text it is.
/// </summary>
public sealed class CsvWriter<T>(JsonSerializerOptions json)
{
    private readonly IReadOnlyList<string[]> _columns = ColumnsOf(json.GetTypeInfo(typeof(T)), json, []);

    public string Header => string.Join(',', _columns.Select(c => Escape(string.Join('.', c)))) + "\r\n";

    public string Row(T item)
    {
        var element = JsonSerializer.SerializeToElement(item, json);
        return string.Join(',', _columns.Select(path => Escape(ValueAt(element, path)))) + "\r\n";
    }

    private static List<string[]> ColumnsOf(JsonTypeInfo type, JsonSerializerOptions json, string[] prefix)
    {
        var columns = new List<string[]>();
        foreach (var property in type.Properties)
        {
            string[] path = [.. prefix, property.Name];
            var propertyType = json.GetTypeInfo(property.PropertyType);
            if (propertyType.Kind == JsonTypeInfoKind.Object)
            {
                columns.AddRange(ColumnsOf(propertyType, json, path));
            }
            else
            {
                columns.Add(path);
            }
        }

        return columns;
    }

    private static string? ValueAt(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.Array
            ? string.Join("; ", element.EnumerateArray().Select(Scalar))
            : Scalar(element);
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object when element.TryGetProperty("id", out var id) =>
            (element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? $"{name.GetString()} ({id.GetString()})" : id.GetString())
            + (element.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? $": {string.Join('/', roles.EnumerateArray().Select(Scalar))}"
                : ""),
        JsonValueKind.Object => element.EnumerateObject().Select(p => Scalar(p.Value)).FirstOrDefault(),
        _ => element.GetRawText(),
    };

    /// <summary>The first characters that make a spreadsheet read a cell as a formula.</summary>
    public const string FormulaLeads = "=+-@\t\r";

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (FormulaLeads.Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
