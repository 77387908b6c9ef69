using System.Globalization;
using System.Text;
using Dapper;

namespace TimelineApi.Common;

/// <summary>
/// How a list is ordered: by a key expression, then by id, ascending or descending. Pages continue
/// after the last (key, id) they returned, so a page deep in a list costs what the first page costs.
/// </summary>
public sealed record Keyset(string KeyExpression, string IdExpression, bool Descending, bool NumericKey = false)
{
    /// <summary>Appends the condition selecting the rows after <paramref name="after"/> (key, id).</summary>
    public void AppendAfter(StringBuilder sql, DynamicParameters parameters, string[]? after)
    {
        if (after is null)
        {
            return;
        }

        var op = Descending ? "<" : ">";
        sql.Append($" AND ({KeyExpression} {op} @afterKey OR ({KeyExpression} = @afterKey AND {IdExpression} {op} @afterId))");
        parameters.Add("afterKey", NumericKey ? double.Parse(after[0], CultureInfo.InvariantCulture) : after[0]);
        parameters.Add("afterId", after[1]);
    }

    public string OrderBy => Descending
        ? $" ORDER BY {KeyExpression} DESC, {IdExpression} DESC"
        : $" ORDER BY {KeyExpression}, {IdExpression}";

    /// <summary>Whether <paramref name="parts"/> (a decoded cursor) can continue this ordering.</summary>
    public bool Accepts(string[] parts)
        => parts.Length == 2 && (!NumericKey || double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    public static string FormatKey(double key) => key.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A row's position in this order (its rank when ordered by relevance, else its sort key), then its id: what a cursor after it is made of.</summary>
    public string[] KeyOf(string sortKey, double? rank, string id) => [NumericKey ? FormatKey(rank ?? 0) : sortKey, id];
}
