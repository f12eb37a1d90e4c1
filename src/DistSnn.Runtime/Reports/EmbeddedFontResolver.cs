using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Serves ScottPlot the DejaVu Sans faces embedded in this assembly (<c>Reports/Fonts</c>, with their licence) for
/// <see cref="PlotFont.Family"/>, whatever the machine has installed: the regular face for regular and italic
/// text, the bold face for semi-bold and heavier (there is no italic face, and plots draw none).
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string RegularResource = "DistSnn.Runtime.Reports.Fonts.DejaVuSans.ttf";
    public const string BoldResource = "DistSnn.Runtime.Reports.Fonts.DejaVuSans-Bold.ttf";

    // The font files are read once; every typeface handed out shares them (Skia keeps its own reference).
    private readonly SKData _regular = SKData.CreateCopy(ReadResource(RegularResource));
    private readonly SKData _bold = SKData.CreateCopy(ReadResource(BoldResource));

    /// <summary>A new typeface for the family (ScottPlot caches it); null for any other family, so the
    /// resolvers after this one answer for those.</summary>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == PlotFont.Family ? SKTypeface.FromData((int)weight >= (int)FontWeight.SemiBold ? _bold : _regular) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);

    /// <summary>The bytes of one of the embedded font files.</summary>
    public static byte[] ReadResource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
