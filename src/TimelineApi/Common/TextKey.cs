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
        var decomposed = value.Normalize(NormalizationForm.FormD);
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
}
