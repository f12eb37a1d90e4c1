using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// The font plot text is drawn in: DejaVu Sans, embedded in this assembly and put ahead of the system's fonts, so
/// that a plot is the same image on every machine. (SkiaSharp's Linux build reads only <c>/usr/share/fonts</c>; a
/// fresh machine may have no font there, or another version of this one.)
/// </summary>
public static class PlotFont
{
    /// <summary>The family name plots ask for; the embedded faces answer to it before any installed font.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFontResolver> Registered = new(Register);

    /// <summary>Draws every text of <paramref name="plot"/> in the embedded font (and makes it ScottPlot's
    /// default for plottables added later).</summary>
    public static void Apply(Plot plot)
    {
        _ = Registered.Value;
        plot.Font.Set(Family);
    }

    /// <summary>The resolver that serves the embedded faces, registered with ScottPlot on first use.</summary>
    internal static EmbeddedFontResolver Resolver => Registered.Value;

    private static EmbeddedFontResolver Register()
    {
        var resolver = new EmbeddedFontResolver();
        // First, so that an installed DejaVu Sans (or any family of that name) is never asked.
        Fonts.FontResolvers.Insert(0, resolver);
        return resolver;
    }
}
