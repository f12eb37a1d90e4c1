using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// The font family plot text is drawn in. SkiaSharp's Linux build without fontconfig only knows the fonts under
/// <c>/usr/share/fonts</c>: with none there, plots still render but without a single label, so callers should warn.
/// </summary>
public static class PlotFont
{
    public const string InstallHint = "install a TrueType font, e.g. the Debian package fonts-dejavu-core";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>An installed sans-serif family if there is one, else any installed family; null when there is none.</summary>
    public static string? Family => Found.Value;

    private static string? Find()
    {
        // ScottPlot's own default falls on whichever family the font directory lists first, often a serif one.
        foreach (string name in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" })
        {
            if (Fonts.GetTypeface(name, bold: false, italic: false) is { GlyphCount: > 0 } typeface && typeface.FamilyName == name) return name;
        }
        return Fonts.GetTypeface(Fonts.Default, bold: false, italic: false) is { GlyphCount: > 0 } ? Fonts.Default : null;
    }
}
