using System.Globalization;
using System.Text;

namespace TimelineApi.Common;

/// <summary>
/// The form names are compared in: case folded, accents removed, punctuation between words and
/// repeated whitespace collapsed to one space. "Yury  Ushakov", "yury ushakov" and "Yúry Ushakov"
/// share one key.
/// </summary>
public static class TextKey
{
    public static string Normalize(string value)
    {
        var decomposed = WithoutLoneSurrogates(value).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '@')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '.' and not '\'' and not '\u2019')
            {
                pendingSpace = true; // spaces, hyphens and other separators split words
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether the text is well-formed UTF-16 (no unpaired surrogate).</summary>
    public static bool IsWellFormed(string value) => value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') is false || WithoutLoneSurrogates(value).Length == value.Length;

    private static string WithoutLoneSurrogates(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(value[i]).Append(value[++i]);
            }
            else if (!char.IsSurrogate(value[i]))
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
